/** dbt-like progress lines: `1 of 12 OK created sql view model main.stg_orders ..... [OK in 0.03s]`. */
import { formatProblem } from '../core/problems';
import type { ManifestNode } from '../core/project';
import type { NodeResult, RunResults } from '../core/run';
import type { CliIO } from './command';

const WIDTH = 80;

export function describeNode(node: ManifestNode): string {
  const where = `${node.schema}.${node.alias}`;
  switch (node.resource_type) {
    case 'seed':
      return `seed file ${where}`;
    case 'test':
      return `test ${node.name}`;
    case 'snapshot':
      return `snapshot ${where}`;
    case 'analysis':
      return `analysis ${node.name}`;
    default:
      return `sql ${node.config.materialized} model ${where}`;
  }
}

export function resultLine(node: ManifestNode, r: NodeResult, index: number, total: number): string {
  if (node.resource_type === 'test' && r.status !== 'skipped') return testLine(node, r, index, total);
  const secs = `${r.execution_time.toFixed(2)}s`;
  let verb: string;
  let tag: string;
  switch (r.status) {
    case 'success':
      verb = node.resource_type === 'seed' ? 'OK loaded' : node.config.materialized === 'ephemeral' || node.resource_type === 'analysis' ? 'OK compiled' : 'OK created';
      tag = `[${r.adapter_response._message ?? 'OK'} in ${secs}]`;
      break;
    case 'pass':
      verb = 'PASS';
      tag = `[PASS in ${secs}]`;
      break;
    case 'warn':
      verb = 'WARN';
      tag = `[WARN ${r.failures ?? ''} in ${secs}]`;
      break;
    case 'fail':
      verb = 'FAIL';
      tag = `[FAIL ${r.failures ?? ''} in ${secs}]`;
      break;
    case 'skipped':
      verb = 'SKIP';
      tag = '[SKIP]';
      break;
    default:
      verb = 'ERROR creating';
      tag = `[ERROR in ${secs}]`;
  }
  const head = `${index + 1} of ${total} ${verb} ${describeNode(node)} `;
  const dots = '.'.repeat(Math.max(3, WIDTH - head.length - tag.length - 1));
  return `${head}${dots} ${tag}`;
}

/** dbt's test lines (`PASS name`, `FAIL 3 name`), plus where a failing test is declared so it can be opened. */
function testLine(node: ManifestNode, r: NodeResult, index: number, total: number): string {
  const secs = `${r.execution_time.toFixed(2)}s`;
  const n = r.failures ?? '';
  const [verb, tag] =
    r.status === 'pass' ? ['PASS', `[PASS in ${secs}]`] : r.status === 'warn' ? [`WARN ${n}`, `[WARN ${n} in ${secs}]`] : r.status === 'fail' ? [`FAIL ${n}`, `[FAIL ${n} in ${secs}]`] : ['ERROR', `[ERROR in ${secs}]`];
  const loc = r.location as { file?: unknown; line?: unknown } | undefined;
  const where = r.status !== 'pass' && loc && typeof loc.file === 'string' ? ` (${loc.file}:${String(loc.line)})` : '';
  const head = `${index + 1} of ${total} ${verb} ${node.name}${where} `;
  const dots = '.'.repeat(Math.max(3, WIDTH - head.length - tag.length - 1));
  return `${head}${dots} ${tag}`;
}

export interface Tally {
  pass: number;
  warn: number;
  error: number;
  skip: number;
  total: number;
}

export function tally(results: NodeResult[]): Tally {
  const t = { pass: 0, warn: 0, error: 0, skip: 0, total: results.length };
  for (const r of results) {
    if (r.status === 'success' || r.status === 'pass') t.pass++;
    else if (r.status === 'warn') t.warn++;
    else if (r.status === 'skipped') t.skip++;
    else t.error++;
  }
  return t;
}

export function printSummary(io: CliIO, rr: RunResults, root: string): Tally {
  const t = tally(rr.results);
  io.out('');
  io.out(`Finished running ${t.total} node${t.total === 1 ? '' : 's'} in ${rr.elapsed_time.toFixed(2)}s.`);
  const bad = rr.results.filter((r) => r.status === 'error' || r.status === 'fail' || r.status === 'warn');
  if (bad.length) {
    io.out('');
    io.out(t.error ? 'Completed with errors:' : 'Completed with warnings:');
    for (const r of bad) {
      for (const p of r.problems ?? []) io.out(formatProblem(p, root));
      if (!r.problems?.length && r.message) io.out(`${r.unique_id}: ${r.message}`);
    }
  } else {
    io.out('Completed successfully');
  }
  io.out('');
  io.out(`Done. PASS=${t.pass} WARN=${t.warn} ERROR=${t.error} SKIP=${t.skip} TOTAL=${t.total}`);
  return t;
}
