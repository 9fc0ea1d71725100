/**
 * Runs one test node: compile (through the engine's compiler, so refs, macros and config() work
 * as in models), optionally store the failing rows, ask DuckDB for the failure count and the
 * warn/error comparisons, and keep a few failing rows. Every outcome, including compile and SQL
 * errors, carries the place a user would fix: the YAML test entry or the singular test's file.
 */
import { placeOfSqlError, type CompiledNode } from '../compile';
import { closestNames, ProblemError, type Place, type Problem } from '../problems';
import type { ManifestNode } from '../project';
import { DuckDBSqlError, decodeDuckDBError, relationKind, quoteIdent, type NodeResult, type Warehouse } from '../run';
import { testSettings, type TestSettings } from './config';
import { jsonRows } from './jsonValues';
import { BUILTIN_TESTS, testMacroName } from './rawCode';
import { answerStatement, auditRelationName, failingRowsQuery, rowCountStatement, sampleStatement, storeStatement, type Statement } from './testSql';
import { failureProblem, testMessage, testStatus, truthy } from './verdict';

/** What the executor needs from the engine (structurally the engine's ExecContext). */
export interface TestExecContext {
  wh: Warehouse;
  compile(node: ManifestNode): CompiledNode;
  /** Generic test names that exist, for "did you mean" on an unknown test. */
  knownTests?(): string[];
}

export type TestOutcome = Pick<NodeResult, 'status' | 'message' | 'adapter_response' | 'failures'> & Partial<NodeResult>;

export const SAMPLE_ROWS = 5;

/** Where a test is declared: the YAML test item, or line 1 of a singular test's file. */
export function testPlace(node: ManifestNode): Place {
  const def = node.test?.definition;
  return def ? { ...def.place } : { file: node.abs_path, line: 1, column: 1 };
}

/** The location stored with results: project-relative file, line, column. */
export function testLocation(node: ManifestNode): { file: string; line: number; column: number } {
  const p = testPlace(node);
  return { file: node.test?.definition?.yamlPath ?? node.original_file_path, line: p.line, column: p.column };
}

export async function runTest(ctx: TestExecContext, node: ManifestNode): Promise<TestOutcome> {
  const place = testPlace(node);
  const base = { location: testLocation(node), severity: String(node.config.severity ?? 'ERROR').toLowerCase() };
  let compiled: CompiledNode;
  try {
    compiled = ctx.compile(node);
  } catch (e) {
    if (!(e instanceof ProblemError)) throw e;
    return errorOutcome(base, node, e.problems.map((p) => atTest(p, node, place, ctx.knownTests?.() ?? BUILTIN_TESTS)));
  }
  const { settings, problems } = testSettings({ ...node.config, ...compiled.config }, place);
  if (problems.length) return errorOutcome(base, node, problems, compiled.sql);
  const layout = { lineMap: compiled.lineMap, file: node.abs_path };
  let current: Statement = { sql: '', bodyOffset: 0 };
  const run = async <T>(st: Statement, fn: (sql: string) => Promise<T>): Promise<T> => {
    current = st;
    return fn(st.sql);
  };
  try {
    let main = failingRowsQuery(compiled.sql, settings.limit);
    let relationName: string | null = null;
    if (settings.storeAs) {
      relationName = await storeFailures(ctx.wh, node, settings.storeAs, main, run);
      main = `select * from ${relationName}`;
    }
    const answer = await run(answerStatement(main, settings), (sql) => ctx.wh.queryWithColumns(sql));
    const [failuresCell, warnCell, errorCell] = answer.rows[0] ?? [0, false, false];
    const failures = failuresCell === null ? 0 : Number(failuresCell);
    const status = testStatus(settings.severity, { failures, shouldWarn: truthy(warnCell), shouldError: truthy(errorCell) });
    const message = testMessage(status, failures, settings);
    let samples: Array<Record<string, unknown>> = [];
    let failingRows = 0;
    if (failures !== 0 || status !== 'pass') {
      const s = await run(sampleStatement(main, SAMPLE_ROWS), (sql) => ctx.wh.queryWithColumns(sql));
      samples = jsonRows(s.columns, s.rows);
      failingRows = await countFailingRows(ctx.wh, main, s.columns, settings, failures, run);
    }
    const outProblems = status === 'pass' || !message ? [] : [failureProblem(node.name, status, message, place, samples)];
    return {
      ...base,
      status,
      message,
      failures,
      adapter_response: {},
      compiled_code: compiled.sql,
      relation_name: relationName,
      sample_rows: samples,
      failing_rows: failingRows,
      problems: outProblems,
    };
  } catch (e) {
    const err = decodeDuckDBError(e);
    if (!(err instanceof DuckDBSqlError)) throw e;
    return errorOutcome(base, node, [sqlProblem(node, err, current, layout, place)], compiled.sql);
  }
}

type Runner = <T>(st: Statement, fn: (sql: string) => Promise<T>) => Promise<T>;

/** dbt's store_failures: the failing rows replace `<schema>_dbt_test__audit.<test alias>`, in one transaction. */
async function storeFailures(wh: Warehouse, node: ManifestNode, kind: 'table' | 'view', main: string, run: Runner): Promise<string> {
  const rel = { database: node.database, schema: node.schema, alias: node.alias };
  const existing = await relationKind(wh, rel);
  const st = storeStatement(rel, kind, main);
  await run(st, () =>
    wh.transaction(async (tx) => {
      await tx.run(`create schema if not exists ${quoteIdent(rel.database)}.${quoteIdent(rel.schema)}`);
      if (existing && existing !== kind) await tx.run(`drop ${existing} ${auditRelationName(rel)}`);
      await tx.run(st.sql);
    }),
  );
  return auditRelationName(rel);
}

/** Rows involved in the failures, for the quality score (dbt's failure count may count groups). */
async function countFailingRows(wh: Warehouse, main: string, columns: Array<{ name: string }>, s: TestSettings, failures: number, run: Runner): Promise<number> {
  const grouped = columns.some((c) => c.name.toLowerCase() === 'n_records');
  if (!grouped && s.failCalc.replace(/\s+/g, '').toLowerCase() === 'count(*)') return failures;
  const r = await run(rowCountStatement(main, grouped), (sql) => wh.queryWithColumns(sql));
  const n = r.rows[0]?.[0];
  return n === null || n === undefined ? 0 : Number(n);
}

function errorOutcome(base: Record<string, unknown>, node: ManifestNode, problems: Problem[], compiledSql?: string): TestOutcome {
  return {
    ...base,
    status: 'error',
    message: problems.map((p) => p.message).join('\n'),
    failures: null,
    adapter_response: {},
    compiled_code: compiledSql,
    sample_rows: [],
    problems,
    relation_name: null,
    unique_id: node.unique_id,
  };
}

/**
 * A compile problem inside a generic test's synthesized Jinja has no line of its own: it belongs
 * at the YAML test item. Problems inside a macro file keep their place and point back to the test.
 */
function atTest(p: Problem, node: ManifestNode, place: Place, knownTests: string[]): Problem {
  const def = node.test?.definition;
  if (!def) return p;
  if (p.file === node.abs_path) {
    const at = { ...p, line: place.line, column: place.column, endLine: place.endLine, endColumn: place.endColumn };
    const macro = testMacroName(def);
    if (!p.message.includes(`'${macro}' is undefined`)) return at;
    const name = macro.slice('test_'.length);
    const suggestions = closestNames(name, knownTests);
    return {
      ...at,
      code: 'unknown-test',
      message: `Unknown test '${def.testName}': there is no generic test named ${name}.${suggestions.length ? ` Did you mean ${suggestions.map((x) => `'${x}'`).join(' or ')}?` : ''}`,
      hint: `Fix the name, or define it in macros/: {% test ${name}(model, column_name) %} select … {% endtest %}`,
      suggestions,
    };
  }
  return { ...p, related: [...(p.related ?? []), { ...place, message: `test ${node.name} is declared here` }] };
}

function sqlProblem(node: ManifestNode, err: DuckDBSqlError, st: Statement, layout: { lineMap: number[]; file: string }, place: Place): Problem {
  const mapped = node.test?.definition ? place : placeOfSqlError(err, { statement: st.sql, bodyOffset: st.bodyOffset, lineMap: layout.lineMap, file: layout.file });
  const [first, ...rest] = err.detail.split('\n');
  return {
    code: 'sql-error',
    severity: 'error',
    ...mapped,
    message: `${err.kind} error in test ${node.name}: ${first}`,
    hint: rest.join(' ').trim() || (node.test?.definition ? `Check the test's arguments (column names, values) against the columns of ${node.test.definition.attachedName}.` : undefined),
  };
}
