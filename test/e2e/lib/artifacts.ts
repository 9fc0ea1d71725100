/**
 * What `prepare.ts` builds for the E2E tests and where: the extension's VSIX (rebuilt only when
 * what goes into it changed, packaging takes most of a minute), the test-runner extension's VSIX
 * and the extension-host suite bundle.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { E2E_CACHE, REPO } from './codeServer';

export interface Artifacts {
  /** The Model Studio VSIX, as `npm run package` builds it. */
  vsix: string;
  /** The test-runner extension (loaded only by the harness) that runs the extension-host suite. */
  runnerVsix: string;
  /** The mocha suite bundle (inside the runner): `run()` for @vscode/test-electron, `runSuite()` for the runner. */
  suite: string;
}

export const ARTIFACTS_FILE = join(E2E_CACHE, 'artifacts.json');
export const OUTPUT = join(REPO, '.test-output', 'e2e');
export { HOST_MARKER, type HostMarker, type HostResult, type HostResults } from '../host/protocol';

export function readArtifacts(): Artifacts {
  if (!existsSync(ARTIFACTS_FILE)) throw new Error(`${ARTIFACTS_FILE} is missing: run \`npm run test:e2e\` (it prepares the VSIX and code-server first)`);
  const a = JSON.parse(readFileSync(ARTIFACTS_FILE, 'utf8')) as Artifacts;
  for (const f of [a.vsix, a.runnerVsix, a.suite]) if (!existsSync(f)) throw new Error(`${f} is missing: run \`npm run test:e2e\``);
  return a;
}

/** Files `.vscodeignore` lets into the VSIX, minus node_modules (covered by the lock's hash). */
const VSIX_INPUTS = ['package.json', 'package-lock.json', '.vscodeignore', 'README.md', 'dist', 'sql', 'syntaxes', 'src/extension/walkthrough'];

export function vsixKey(): string {
  const h = createHash('sha256');
  const add = (p: string): void => {
    const abs = join(REPO, p);
    if (!existsSync(abs)) return;
    if (statSync(abs).isDirectory()) {
      for (const name of readdirSync(abs).sort()) if (!/\.map$|\.duckdb|^target$/.test(name)) add(join(p, name));
      return;
    }
    h.update(relative(REPO, abs)).update('\0').update(readFileSync(abs)).update('\0');
  };
  for (const p of VSIX_INPUTS) add(p);
  return h.digest('hex').slice(0, 16);
}
