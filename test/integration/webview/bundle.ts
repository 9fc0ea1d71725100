/**
 * The panel bundle the browser test and the benchmark load: rebuilt with the project's own build
 * script when any webview or protocol source is newer than it, so tests never run a stale bundle.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { bundlePath, chromiumAvailable, CHROMIUM, REPO_ROOT } from './panelPage';

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

export function ensureBundle(): void {
  const bundle = bundlePath();
  const sources = Math.max(newest(join(REPO_ROOT, 'webview')), newest(join(REPO_ROOT, 'src', 'protocol')));
  if (existsSync(bundle) && statSync(bundle).mtimeMs >= sources) return;
  const r = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`build failed: ${r.stderr}`);
}

/** Why the browser tests cannot run here, or false. On CI a missing Chromium is a failure, not a skip. */
export function skipReason(): string | false {
  if (chromiumAvailable()) return false;
  if (process.env.CI === 'true') throw new Error(`Chromium is required on CI (${CHROMIUM}); install it with apt-get install -y chromium`);
  return `Chromium not found at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH)`;
}
