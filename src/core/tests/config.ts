/**
 * Test configs with dbt's defaults (severity ERROR, fail_calc count(*), warn_if/error_if `!= 0`,
 * audit schema `dbt_test__audit`) and their validation: a bad value is reported at the test's
 * place instead of failing somewhere inside the generated SQL.
 */
import type { Place, Problem } from '../problems';

export const TEST_CONFIG_DEFAULTS: Record<string, unknown> = {
  materialized: 'test',
  severity: 'ERROR',
  schema: 'dbt_test__audit',
  fail_calc: 'count(*)',
  warn_if: '!= 0',
  error_if: '!= 0',
  store_failures: null,
  store_failures_as: null,
  where: null,
  limit: null,
};

export type Severity = 'error' | 'warn';

export interface TestSettings {
  severity: Severity;
  failCalc: string;
  warnIf: string;
  errorIf: string;
  limit: number | null;
  /** Where failing rows are kept, if anywhere. */
  storeAs: 'table' | 'view' | null;
}

/** Reads the merged config of a test node; problems carry the test's place. */
export function testSettings(config: Record<string, unknown>, place: Place): { settings: TestSettings; problems: Problem[] } {
  const problems: Problem[] = [];
  const bad = (key: string, message: string, hint: string) => problems.push({ code: 'test-config', severity: 'error', ...place, message: `Invalid \`${key}\`: ${message}`, hint });

  const sev = String(config.severity ?? 'error').trim().toLowerCase();
  let severity: Severity = 'error';
  if (sev === 'warn' || sev === 'error') severity = sev;
  else bad('severity', `'${String(config.severity)}' is neither error nor warn.`, 'Use `severity: warn` or `severity: error`.');

  const text = (key: string, dflt: string): string => {
    const v = config[key];
    if (v === null || v === undefined || v === '') return dflt;
    if (typeof v === 'string' || typeof v === 'number') return String(v).trim();
    bad(key, `expected text, got ${JSON.stringify(v)}.`, key === 'fail_calc' ? 'Write a SQL aggregate, e.g. `fail_calc: "sum(n_records)"`.' : 'Write a comparison, e.g. `">10"` or `"!= 0"`.');
    return dflt;
  };
  const failCalc = text('fail_calc', 'count(*)');
  const warnIf = text('warn_if', '!= 0');
  const errorIf = text('error_if', '!= 0');
  for (const [key, v] of [['warn_if', warnIf], ['error_if', errorIf]] as const) {
    if (!/^(==?|!=|<>|<=?|>=?)\s*\S|^(between|in|not|is)\s/i.test(v)) {
      bad(key, `'${v}' is not a comparison dbt would put after the failure count.`, 'Write an operator and a number, e.g. `">10"`, `">= 5"` or `"!= 0"`.');
    }
  }

  let limit: number | null = null;
  if (config.limit !== null && config.limit !== undefined && config.limit !== '') {
    const n = Number(config.limit);
    if (Number.isInteger(n) && n >= 0) limit = n;
    else bad('limit', `'${String(config.limit)}' is not a whole number.`, 'Write e.g. `limit: 100`, or remove it.');
  }

  let storeAs: TestSettings['storeAs'] = null;
  const as = config.store_failures_as;
  if (as !== null && as !== undefined) {
    const s = String(as).toLowerCase();
    if (s === 'table' || s === 'view') storeAs = s;
    else if (s !== 'ephemeral') bad('store_failures_as', `'${String(as)}' is not table, view or ephemeral.`, 'Use `store_failures_as: table`.');
  } else if (config.store_failures === true || String(config.store_failures).toLowerCase() === 'true') {
    storeAs = 'table';
  }
  return { settings: { severity, failCalc, warnIf, errorIf, limit, storeAs }, problems };
}
