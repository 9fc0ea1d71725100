// Runs every test file with Node's built-in runner (TypeScript through tsx).
// Node 20's --test takes no globs, so the files are listed here.
//   node scripts/run-tests.mjs            unit + integration, then the VS Code E2E tests
//   node scripts/run-tests.mjs DIR…       only the .test.ts files under DIR… (no E2E)
//   node scripts/run-tests.mjs --e2e      only the E2E tests (npm run test:e2e)
// E2E needs chromium and code-server; test/e2e/prepare.ts installs them once (root) or exits 75
// when it cannot: then E2E is skipped with the reason, unless CI=true or --e2e, where it fails.
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const args = process.argv.slice(2);
const e2eOnly = args.includes('--e2e');
const given = args.filter((a) => !a.startsWith('--'));
const roots = given.length ? given : ['test/unit', 'test/integration'];
const ci = /^(1|true)$/i.test(process.env.CI ?? '');
const UNAVAILABLE = 75;

const walk = (dir, suffix, out = []) => {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, suffix, out);
    else if (name.endsWith(suffix)) out.push(p);
  }
  return out;
};
const nodeTest = (files, concurrency) =>
  spawnSync(process.execPath, ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, '--test-reporter=spec', ...files], { stdio: 'inherit' }).status ?? 1;

const summary = [];
let failed = false;

if (!e2eOnly) {
  const files = roots.flatMap((r) => walk(r, '.test.ts'));
  const status = nodeTest(files, 2);
  summary.push(`unit + integration: ${status === 0 ? 'passed' : 'FAILED'}`);
  failed ||= status !== 0;
}

function runE2e() {
  if (process.env.MS_E2E === '0' && !ci && !e2eOnly) return 'skipped (MS_E2E=0)';
  const t0 = Date.now();
  const prep = spawnSync(process.execPath, ['--import', 'tsx', 'test/e2e/prepare.ts'], { stdio: ['ignore', 'inherit', 'pipe'], encoding: 'utf8', maxBuffer: 64 << 20 });
  if (prep.status === UNAVAILABLE) {
    const why = prep.stderr.trim() || 'chromium or code-server cannot be installed here';
    if (ci || e2eOnly) {
      console.error(`E2E cannot run: ${why}`);
      failed = true;
      return 'FAILED (could not install chromium/code-server)';
    }
    console.log(`\nE2E skipped: ${why}\n(run as root to install them, or set CI=true to make this a failure)\n`);
    return 'skipped (chromium/code-server not installable without root)';
  }
  if (prep.status !== 0) {
    process.stderr.write(prep.stderr);
    failed = true;
    return 'FAILED (preparing: VSIX, code-server or chromium)';
  }
  // Screenshots are evidence of this run only.
  if (existsSync('.test-output/e2e')) rmSync('.test-output/e2e', { recursive: true, force: true });
  // One VS Code at a time: the scenarios time the editor, and two of them would share 2 cores.
  const status = nodeTest(walk('test/e2e', '.e2e.test.ts'), 1);
  failed ||= status !== 0;
  return `${status === 0 ? 'passed' : 'FAILED'} in ${Math.round((Date.now() - t0) / 1000)} s (screenshots in .test-output/e2e/)`;
}

if (e2eOnly || !given.length) summary.push(`VS Code E2E: ${runE2e()}`);
console.log(`\n${summary.map((s) => `# ${s}`).join('\n')}`);
process.exit(failed ? 1 : 0);
