/** What the server tells the extension about projects, nodes and their last results. */

export type ResourceKind = 'model' | 'seed' | 'snapshot' | 'test' | 'analysis';

/** Mirrors the engine's node statuses (dbt's run_results) so nothing is lost in translation. */
export type RunStatus = 'success' | 'error' | 'skipped' | 'pass' | 'fail' | 'warn';

export interface FilePlace {
  /** Absolute path. */
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
}

export interface NodeRunState {
  status: RunStatus;
  message?: string;
  /** Epoch milliseconds. */
  finishedAt: number;
  executionSeconds: number;
  /** Data tests: failing rows. */
  failures?: number;
  /** Where the result points: a test's YAML line, a model's error line. */
  place?: FilePlace;
}

export interface NodeInfo {
  uniqueId: string;
  name: string;
  kind: ResourceKind;
  /** Absolute path of the file that defines it (a generic test: its schema YAML). */
  file: string;
  /** 1-based line of the definition (a generic test: its YAML entry). */
  line: number;
  /** Folder relative to the project root, `/`-separated, e.g. `models/staging`. */
  folder: string;
  materialized?: string;
  /** Tests: unique_id of the node under test. */
  attachedTo?: string;
  last?: NodeRunState;
}

export interface ProjectInfo {
  root: string;
  name: string;
  /** Absolute DuckDB file the project writes to. */
  databasePath: string;
  nodes: NodeInfo[];
}

export interface NodeResultInfo {
  uniqueId: string;
  name: string;
  kind: ResourceKind;
  state: NodeRunState;
}

export interface RunSummary {
  /** E.g. `run stg_orders`, `build +orders+`. */
  what: string;
  ok: boolean;
  /** E.g. `PASS=4 WARN=1 ERROR=0 SKIP=0`. */
  counts: string;
  elapsedMs: number;
  finishedAt: number;
}

export type ServerStatus =
  | { kind: 'starting' }
  | { kind: 'idle'; last?: RunSummary }
  | { kind: 'running'; what: string; projectRoot: string; startedAt: number }
  | { kind: 'locked'; projectRoot: string; message: string; last?: RunSummary }
  | { kind: 'restricted'; last?: RunSummary };
