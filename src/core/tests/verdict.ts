/**
 * From a test query's answer to a status, as dbt's TestRunner decides it: `fail` only when the
 * severity is error and the error_if comparison holds, else `warn` when warn_if holds, else
 * `pass`. The messages are dbt's, so logs read the same.
 */
import type { Place, Problem } from '../problems';
import type { Severity, TestSettings } from './config';

export type TestStatus = 'pass' | 'warn' | 'fail';

export interface TestAnswer {
  failures: number;
  shouldWarn: boolean;
  shouldError: boolean;
}

export function testStatus(severity: Severity, a: TestAnswer): TestStatus {
  if (severity === 'error' && a.shouldError) return 'fail';
  if (a.shouldWarn) return 'warn';
  return 'pass';
}

export function testMessage(status: TestStatus, failures: number, s: TestSettings): string | null {
  const got = `Got ${failures} result${failures === 1 ? '' : 's'}`;
  if (status === 'fail') return `${got}, configured to fail if ${s.errorIf}`;
  if (status === 'warn') return `${got}, configured to warn if ${s.warnIf}`;
  return null;
}

/** The problem a failing or warning test puts in the Problems panel, at the test's place. */
export function failureProblem(testName: string, status: TestStatus, message: string, place: Place, samples: Array<Record<string, unknown>>): Problem {
  return {
    code: status === 'fail' ? 'test-failed' : 'test-warned',
    severity: status === 'fail' ? 'error' : 'warning',
    ...place,
    message: `Test ${testName} ${status === 'fail' ? 'failed' : 'warned'}: ${message}.`,
    hint: samples.length ? `Failing rows include: ${samples.slice(0, 3).map(describeRow).join('; ')}` : undefined,
  };
}

function describeRow(row: Record<string, unknown>): string {
  const parts = Object.entries(row).slice(0, 6).map(([k, v]) => `${k}=${v === null ? 'null' : typeof v === 'string' ? JSON.stringify(v) : String(v)}`);
  return `{${parts.join(', ')}${Object.keys(row).length > 6 ? ', …' : ''}}`;
}

/** Whether a DuckDB answer cell is true (booleans may come back as 0/1 from custom comparisons). */
export function truthy(v: unknown): boolean {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'bigint') return v !== 0n;
  if (typeof v === 'string') return v === 'true' || v === '1';
  return false;
}
