/**
 * The extension-host suite (mocha, real `vscode` API) inside the same code-server the UI
 * scenarios drive: the test-runner extension runs it in a prebuilt jaffle_shop project and writes
 * results that become one Node test each here. With VSCODE_PATH set (a desktop VS Code), the
 * same suite also runs through @vscode/test-electron.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { HOST_MARKER, readArtifacts, type HostMarker, type HostResults } from './lib/artifacts';
import { REPO } from './lib/codeServer';
import { freshProject, openSession, type Session } from './lib/session';

const MINUTE = 60_000;
const resultsFile = join(mkdtempSync(join(tmpdir(), 'ms-e2e-host-')), 'results.json');
let s: Session | undefined;

/** Seeds and models built by the CLI first, so the suite starts from a project with data. */
function buildWithCli(dir: string): void {
  execFileSync(process.execPath, [join(REPO, 'dist', 'cli.js'), 'build'], { cwd: dir, stdio: 'pipe' });
}

before(async () => {
  const a = readArtifacts();
  s = await openSession({
    template: 'jaffle_shop',
    trust: 'off',
    vsix: [a.vsix, a.runnerVsix],
    prepareProject: (dir) => {
      buildWithCli(dir);
      const marker: HostMarker = { results: resultsFile };
      writeFileSync(join(dir, HOST_MARKER), JSON.stringify(marker));
    },
  });
}, { timeout: 3 * MINUTE });

after(async () => {
  await s?.close();
});

async function waitForFile(file: string, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!existsSync(file)) {
    if (Date.now() > end) throw new Error(`the extension-host suite wrote no results to ${file} within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

test('extension-host suite in code-server (mocha, real vscode API)', { timeout: 6 * MINUTE }, async (t) => {
  if (!s) throw new Error('no session');
  try {
    await waitForFile(resultsFile, 5 * MINUTE);
  } finally {
    await s.shot('host-suite');
  }
  const results = JSON.parse(readFileSync(resultsFile, 'utf8')) as HostResults;
  if (!results.tests.length) throw new Error(`the suite ran no tests: ${results.error ?? 'no error reported'}`);
  for (const r of results.tests) {
    await t.test(r.title, (st) => {
      if (r.state === 'pending') return st.skip('pending in the suite');
      if (r.state === 'failed') throw hostError(r.error ?? 'failed');
    });
  }
  if (results.error) throw hostError(results.error);
});

/** An error whose stack is the one mocha reported in the extension host. */
function hostError(stack: string): Error {
  const e = new Error(stack.split('\n')[0].replace(/^\w*Error: /, ''));
  e.stack = stack;
  return e;
}

const vscodePath = process.env.VSCODE_PATH;
test('the same suite through @vscode/test-electron (desktop VS Code)', { timeout: 10 * MINUTE, skip: vscodePath ? false : 'set VSCODE_PATH to a desktop VS Code executable to run the suite in Electron too' }, async () => {
  const { runTests } = await import('@vscode/test-electron');
  const a = readArtifacts();
  const dir = freshProject('jaffle_shop');
  buildWithCli(dir);
  const code = await runTests({
    vscodeExecutablePath: vscodePath,
    extensionDevelopmentPath: REPO,
    extensionTestsPath: a.suite,
    launchArgs: [dir, '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
    extensionTestsEnv: { MS_E2E_HOST_RESULTS: join(dir, '..', 'electron-results.json') },
  });
  if (code !== 0) throw new Error(`the suite failed in VS Code (exit ${code})`);
});
