/**
 * The quality score, kept simple enough to explain in one paragraph:
 * - every check scores 0–100: a row-level test scores the share of rows it does not flag, a
 *   table-level test 100 or 0, a profile check the share of values that look right;
 * - a dimension is the weighted mean of its checks (a test weighs 1, a profile check 0.5: a
 *   stated rule counts for more than an inference, and profiles only fill gaps tests leave);
 * - a table is the mean of the dimensions it has checks in; the overall score the mean of tables.
 * Each check also records how many points it took off its table's score, which is what the
 * report lists under "what lost points".
 */
import type { ColumnProfile, TableProfile } from './profile';
import { NON_NEGATIVE_NAME } from './profile';
import { DIMENSIONS, type Dimension } from './dimensions';

export const TEST_WEIGHT = 1;
export const PROFILE_WEIGHT = 0.5;

export interface TestFact {
  uniqueId: string;
  name: string;
  tableId: string;
  dimension: Dimension;
  column?: string;
  status: string;
  failures: number | null;
  failingRows: number;
  tableLevel: boolean;
  severity: string;
  message: string | null;
  location?: { file: string; line: number; column: number };
}

export interface TableInput {
  uniqueId: string;
  name: string;
  relation: string;
  profile?: TableProfile;
}

export interface QualityCheck {
  dimension: Dimension;
  source: 'test' | 'profile';
  name: string;
  column?: string;
  /** Test status, or `profiled`. */
  status: string;
  score: number;
  weight: number;
  /** Points this check took off its table's score. */
  lost_points: number;
  detail: string;
  unique_id?: string;
  location?: { file: string; line: number; column: number };
}

export interface TableQuality {
  unique_id: string;
  name: string;
  relation: string;
  rows: number | null;
  score: number | null;
  dimensions: Record<Dimension, number | null>;
  checks: QualityCheck[];
  /** Tests that could not say anything (errored or skipped). */
  not_evaluated: Array<{ unique_id: string; name: string; status: string; message: string | null }>;
  columns: ColumnProfile[];
  note?: string;
}

export interface QualityScores {
  score: number | null;
  dimensions: Record<Dimension, number | null>;
  tables: TableQuality[];
}

export function scoreTables(tables: TableInput[], tests: TestFact[]): QualityScores {
  const out = tables.map((t) => scoreTable(t, tests.filter((f) => f.tableId === t.uniqueId)));
  const dims = emptyDims();
  for (const d of DIMENSIONS) dims[d] = mean(out.map((t) => t.dimensions[d]));
  return { score: mean(out.map((t) => t.score)), dimensions: dims, tables: out };
}

function scoreTable(t: TableInput, tests: TestFact[]): TableQuality {
  const rows = t.profile?.rows ?? null;
  const checks: QualityCheck[] = [];
  const notEvaluated: TableQuality['not_evaluated'] = [];
  for (const f of tests) {
    if (f.status !== 'pass' && f.status !== 'warn' && f.status !== 'fail') {
      notEvaluated.push({ unique_id: f.uniqueId, name: f.name, status: f.status, message: f.message });
      continue;
    }
    checks.push(testCheck(f, rows));
  }
  if (t.profile) checks.push(...profileChecks(t.profile, tests));
  const dimensions = emptyDims();
  const weights = emptyDims();
  for (const d of DIMENSIONS) {
    const cs = checks.filter((c) => c.dimension === d);
    const w = cs.reduce((a, c) => a + c.weight, 0);
    if (w > 0) {
      dimensions[d] = cs.reduce((a, c) => a + c.weight * c.score, 0) / w;
      weights[d] = w;
    }
  }
  const scored = DIMENSIONS.filter((d) => dimensions[d] !== null);
  for (const c of checks) c.lost_points = round((c.weight * (100 - c.score)) / (weights[c.dimension] ?? 1) / scored.length);
  for (const c of checks) c.score = round(c.score);
  const score = mean(scored.map((d) => dimensions[d]));
  for (const d of DIMENSIONS) dimensions[d] = dimensions[d] === null ? null : round(dimensions[d]);
  const note = t.profile ? undefined : 'The relation does not exist (yet): only its tests were scored.';
  return { unique_id: t.uniqueId, name: t.name, relation: t.relation, rows, score, dimensions, checks, not_evaluated: notEvaluated, columns: t.profile?.columns ?? [], ...(note ? { note } : {}) };
}

function testCheck(f: TestFact, rows: number | null): QualityCheck {
  let score: number;
  let detail: string;
  const failures = f.failures ?? 0;
  if (f.tableLevel) {
    score = failures > 0 ? 0 : 100;
    detail = failures > 0 ? `table-level test failed (${f.message ?? `${failures} failures`})` : 'table-level test passed';
  } else if (rows && rows > 0) {
    const bad = Math.min(f.failingRows, rows);
    score = 100 * (1 - bad / rows);
    detail = f.failingRows > 0 ? `${f.failingRows} of ${rows} rows flagged${failures !== f.failingRows ? ` (${failures} failure${failures === 1 ? '' : 's'} as the test counts them)` : ''}` : `no rows flagged out of ${rows}`;
  } else {
    score = f.failingRows > 0 || failures > 0 ? 0 : 100;
    detail = score ? 'no rows flagged' : `${f.failingRows} rows flagged`;
  }
  return { dimension: f.dimension, source: 'test', name: f.name, column: f.column, status: f.status, score, weight: TEST_WEIGHT, lost_points: 0, detail, unique_id: f.uniqueId, location: f.location };
}

/** Profile checks only where no test on the table already covers that dimension (and column). */
function profileChecks(p: TableProfile, tests: TestFact[]): QualityCheck[] {
  const out: QualityCheck[] = [];
  const covered = (d: Dimension, column?: string) => tests.some((t) => t.dimension === d && (column === undefined || t.column?.toLowerCase() === column.toLowerCase()));
  const check = (dimension: Dimension, c: ColumnProfile, bad: number, of: number, what: string, name: string): QualityCheck => ({
    dimension,
    source: 'profile',
    name,
    column: c.name,
    status: 'profiled',
    score: of > 0 ? 100 * (1 - bad / of) : 100,
    weight: PROFILE_WEIGHT,
    lost_points: 0,
    detail: `${bad} of ${of} ${what}`,
  });
  for (const c of p.columns) {
    if (!covered('completeness', c.name)) out.push(check('completeness', c, c.nulls, p.rows, 'values are null', `null share of ${c.name}`));
  }
  const key = p.columns[0];
  if (key && !covered('uniqueness') && /(^id$|_id$)/i.test(key.name) && key.distinct !== null) {
    const nonNull = p.rows - key.nulls;
    out.push(check('uniqueness', key, nonNull - key.distinct, nonNull, 'non-null values repeat an earlier value (first column, named like a key)', `duplicate share of ${key.name}`));
  }
  for (const c of p.columns) {
    if (covered('validity', c.name)) continue;
    const nonNull = p.rows - c.nulls;
    if (c.negatives !== undefined && NON_NEGATIVE_NAME.test(c.name)) out.push(check('validity', c, c.negatives, nonNull, 'values are negative', `negative ${c.name}`));
    if (c.future !== undefined) out.push(check('validity', c, c.future, nonNull, 'values lie in the future', `future ${c.name}`));
  }
  return out;
}

function emptyDims(): Record<Dimension, number | null> {
  return { completeness: null, uniqueness: null, validity: null, consistency: null, referential_integrity: null };
}

function mean(xs: Array<number | null>): number | null {
  const v = xs.filter((x): x is number => x !== null);
  return v.length ? round(v.reduce((a, b) => a + b, 0) / v.length) : null;
}

export function round(x: number): number {
  return Math.round(x * 10) / 10;
}
