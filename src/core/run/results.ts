/** Run results in dbt's run_results.json shape, plus the places of problems. */
import type { Problem } from '../problems';

export type NodeStatus = 'success' | 'error' | 'skipped' | 'pass' | 'fail' | 'warn';

export interface TimingInfo {
  name: 'compile' | 'execute';
  started_at: string;
  completed_at: string;
}

export interface NodeResult {
  unique_id: string;
  status: NodeStatus;
  timing: TimingInfo[];
  thread_id: string;
  execution_time: number;
  adapter_response: { _message?: string; code?: string; rows_affected?: number };
  message: string | null;
  failures: number | null;
  compiled_code?: string;
  relation_name?: string | null;
  /** Problems with places (SQL errors mapped to source lines, failing tests at their YAML line). */
  problems?: Problem[];
  /** Extra data a task attaches (a test's sample rows and location, say). */
  [key: string]: unknown;
}

export interface RunResults {
  metadata: { dbt_schema_version: string; generated_at: string; invocation_id: string };
  results: NodeResult[];
  elapsed_time: number;
  args: Record<string, unknown>;
  [key: string]: unknown;
}

export function isFailure(r: NodeResult): boolean {
  return r.status === 'error' || r.status === 'fail';
}
