/**
 * The extension-host suite: mocha tests with the real `vscode` API, in the same VS Code the UI
 * scenarios drive. Two entry points over the same tests: `runSuite(file)` for the runner
 * extension in code-server (results to a JSON file), `run()` for @vscode/test-electron on a
 * desktop VS Code (a rejection fails the run; results also to $MS_E2E_HOST_RESULTS if set).
 */
import { renameSync, writeFileSync } from 'node:fs';
import Mocha from 'mocha';
import type { HostResult, HostResults } from '../protocol';
import { registerEditorTests } from './editor.test';
import { registerExtensionTests } from './extension.test';

function writeResults(file: string | undefined, results: HostResults): void {
  if (!file) return;
  // Written whole, then renamed: the harness polls for the file and must never read half of it.
  writeFileSync(`${file}.tmp`, JSON.stringify(results, null, 2));
  renameSync(`${file}.tmp`, file);
}

async function runMocha(resultsFile: string | undefined): Promise<HostResults> {
  const tests: HostResult[] = [];
  try {
    const mocha = new Mocha({ ui: 'tdd', timeout: 60_000, color: false, reporter: 'spec' });
    // The tests are bundled in, not files mocha loads: give their suite()/test() calls a context.
    mocha.suite.emit(Mocha.Suite.constants.EVENT_FILE_PRE_REQUIRE, globalThis, 'host-suite', mocha);
    registerExtensionTests();
    registerEditorTests();
    const failures = await new Promise<number>((resolve) => {
      const runner = mocha.run(resolve);
      runner.on(Mocha.Runner.constants.EVENT_TEST_PASS, (t) => tests.push({ title: t.fullTitle(), state: 'passed', durationMs: t.duration ?? 0 }));
      runner.on(Mocha.Runner.constants.EVENT_TEST_FAIL, (t, err: Error) => tests.push({ title: t.fullTitle(), state: 'failed', durationMs: t.duration ?? 0, error: err.stack ?? String(err) }));
      runner.on(Mocha.Runner.constants.EVENT_TEST_PENDING, (t) => tests.push({ title: t.fullTitle(), state: 'pending', durationMs: 0 }));
    });
    const results: HostResults = { tests, error: failures && !tests.some((t) => t.state === 'failed') ? `${failures} failure(s) outside tests (a hook)` : undefined };
    writeResults(resultsFile, results);
    return results;
  } catch (e) {
    const results: HostResults = { tests, error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
    writeResults(resultsFile, results);
    return results;
  }
}

export async function runSuite(resultsFile: string): Promise<void> {
  await runMocha(resultsFile);
}

export async function run(): Promise<void> {
  const r = await runMocha(process.env.MS_E2E_HOST_RESULTS);
  const failed = r.tests.filter((t) => t.state === 'failed');
  if (r.error || failed.length) throw new Error(r.error ?? `${failed.length} extension-host test(s) failed: ${failed.map((t) => t.title).join('; ')}`);
}
