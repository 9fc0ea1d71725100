/**
 * Runs bad-input cases one at a time in a worker thread, so the test can time each one out (a
 * synchronous hang cannot be interrupted any other way) and keep going with a fresh worker.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parentPort } from 'node:worker_threads';
import { Engine } from '../../../../src/core/engine';
import { loadDatasetSpec } from '../../../../src/core/generate';
import { ProblemError, type Problem } from '../../../../src/core/problems';
import { BASE, type BadCase } from './cases';

export interface CaseOutcome {
  id: string;
  root: string;
  problems: Array<Pick<Problem, 'file' | 'line' | 'column' | 'code' | 'message'>>;
  /** An exception that escaped Engine.load/compile/execute (or loadDatasetSpec). */
  escaped?: string;
  /** Some problem is in a project file, at a line from 1 to the file's last line. */
  placed: boolean;
  /** Some problem is in the bad file itself. */
  onBadFile: boolean;
  ms: number;
}

const COMPILED = new Set(['model', 'analysis', 'snapshot', 'test']);

export async function runCase(c: BadCase): Promise<CaseOutcome> {
  const root = mkdtempSync(join(tmpdir(), 'ms-bad-'));
  for (const [rel, content] of Object.entries({ ...BASE, ...c.files })) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), content);
  }
  const problems: Problem[] = [];
  let escaped: string | undefined;
  const t0 = performance.now();
  try {
    if (c.kind === 'dataset') {
      problems.push(...loadDatasetSpec(join(root, c.bad)).problems);
    } else {
      const engine = Engine.load(root);
      try {
        problems.push(...engine.problems);
        // What `compile` and the editor compile: seeds are data, never templates.
        for (const node of Object.values(engine.manifest.nodes).filter((n) => COMPILED.has(n.resource_type))) {
          try {
            engine.compile(node);
          } catch (e) {
            if (!(e instanceof ProblemError)) throw e;
            problems.push(...e.problems);
          }
        }
        if (!problems.some((p) => p.severity === 'error')) {
          const rr = await engine.execute(engine.select('build').ids);
          for (const r of rr.results) problems.push(...(r.problems ?? []));
        }
      } finally {
        engine.close();
      }
    }
  } catch (e) {
    escaped = e instanceof Error ? (e.stack ?? e.message).split('\n').slice(0, 6).join('\n') : String(e);
  }
  const ms = performance.now() - t0;
  const placed = problems.some((p) => p.file.startsWith(root + '/') && p.line >= 1 && p.line <= lineCount(p.file));
  const onBadFile = problems.some((p) => p.file === join(root, c.bad));
  rmSync(root, { recursive: true, force: true });
  return { id: c.id, root, problems: problems.slice(0, 8).map((p) => ({ file: p.file, line: p.line, column: p.column, code: p.code, message: p.message.slice(0, 300) })), escaped, ms, placed, onBadFile };
}

/** Lines in the file, counting a last line without a newline; a problem may sit just past the end. */
function lineCount(file: string): number {
  try {
    return readFileSync(file).toString('utf8').split(/\r\n|\r|\n/).length + 1;
  } catch {
    return 0;
  }
}

parentPort?.on('message', (c: BadCase) => {
  void runCase(c).then(
    (o) => parentPort?.postMessage(o),
    (e: unknown) => parentPort?.postMessage({ id: c.id, root: '', problems: [], escaped: `worker: ${String(e)}`, ms: 0, placed: false, onBadFile: false }),
  );
});
