/**
 * Every custom request and notification between the extension and the language server.
 * Standard LSP traffic (diagnostics, hover, completion …) is not repeated here.
 */
import type { NodeResultInfo, ProjectInfo, RunSummary, ServerStatus } from './model';
import { notificationSpec, requestSpec, type Outcome } from './rpc';
import type { Settings } from './settings';

/** Sent as LSP `initializationOptions`. */
export interface InitOptions {
  trusted: boolean;
  settings: Settings;
}

export type RunCommand = 'run' | 'build' | 'test' | 'seed' | 'compile';

/** What to run: a whole project, the node defined in a file, or nodes by id. */
export type RunTarget =
  | { target: 'project'; projectRoot: string }
  | { target: 'file'; file: string; downstream: boolean }
  | { target: 'nodes'; projectRoot: string; uniqueIds: string[] };

export type RunParams = RunTarget & { command: RunCommand };

export type RunOutcome = Outcome<{ summary: RunSummary; results: NodeResultInfo[] }>;

export type CompiledOutcome = Outcome<{ sql: string; nodeName: string; compiledPath?: string }>;

export type PreviewParams = { source: 'file'; file: string; limit?: number } | { source: 'sql'; projectRoot: string; sql: string; limit?: number };

export type Cell = string | number | boolean | null;

export interface PreviewData {
  title: string;
  columns: Array<{ name: string; type: string }>;
  rows: Cell[][];
  /** All rows the query returns, not just those shown. */
  rowCount: number;
  elapsedMs: number;
  limit: number;
}

export type PreviewOutcome = Outcome<{ data: PreviewData }>;

export type DiagramKind = 'lineage' | 'er';
export type DiagramParams = { kind: DiagramKind; projectRoot: string; focusFile?: string };
export type DiagramOutcome = Outcome<{ title: string; mermaid: string }>;

export interface GenerateParams {
  projectRoot: string;
  specFile: string;
  scale: number;
  seed: number;
  /** Echoed on progress notifications so the extension finds its notification. */
  progressToken: string;
}

export type GenerateOutcome = Outcome<{ tables: number; rows: number; elapsedMs: number }>;

export interface GenerateProgress {
  progressToken: string;
  message: string;
  /** 0..1 when known. */
  fraction?: number;
  rows: number;
  rowsPerSecond: number;
}

/** What `execute` calls a project's engine has seen; started = finished + cancelled + failed + inFlight. */
export interface RunCounts {
  started: number;
  finished: number;
  cancelled: number;
  failed: number;
  inFlight: number;
  /** The most runs ever in flight at once in this project (the queue keeps it at 1). */
  peakInFlight: number;
}

/** The server process's own figures, for the Database Log and the reliability tests. */
export interface ServerStats {
  pid: number;
  rssBytes: number;
  heapUsedBytes: number;
  projects: Array<{
    root: string;
    databaseOpen: boolean;
    /** A save waits out its debounce, is queued or is running. */
    savesPending: boolean;
    runs: RunCounts;
  }>;
}

export const Requests = {
  projects: requestSpec<Record<string, never>, ProjectInfo[]>('modelStudio/projects'),
  run: requestSpec<RunParams, RunOutcome>('modelStudio/run'),
  compiled: requestSpec<{ file: string }, CompiledOutcome>('modelStudio/compiled'),
  preview: requestSpec<PreviewParams, PreviewOutcome>('modelStudio/preview'),
  diagram: requestSpec<DiagramParams, DiagramOutcome>('modelStudio/diagram'),
  datasetSpecs: requestSpec<{ projectRoot: string }, string[]>('modelStudio/datasetSpecs'),
  generate: requestSpec<GenerateParams, GenerateOutcome>('modelStudio/generate'),
  /** The Markdown quality report the last run with tests wrote. */
  qualityReport: requestSpec<{ projectRoot: string }, Outcome<{ path: string }>>('modelStudio/qualityReport'),
  templates: requestSpec<Record<string, never>, string[]>('modelStudio/templates'),
  /** Copies `sql/templates/<template>` into `folder` (which must be empty or missing), as `model-studio init`. */
  newProject: requestSpec<{ template: string; folder: string }, Outcome<{ path: string }>>('modelStudio/newProject'),
  databaseLog: requestSpec<Record<string, never>, { text: string }>('modelStudio/databaseLog'),
  releaseDatabase: requestSpec<Record<string, never>, { released: number }>('modelStudio/releaseDatabase'),
  /** `collect`: a full garbage collection first, so the figures show what the server keeps. */
  serverStats: requestSpec<{ collect?: boolean }, ServerStats>('modelStudio/serverStats'),
} as const;

export const ClientNotifications = {
  trust: notificationSpec<{ trusted: boolean }>('modelStudio/trust'),
  settings: notificationSpec<Settings>('modelStudio/settings'),
} as const;

export const ServerNotifications = {
  status: notificationSpec<ServerStatus>('modelStudio/status'),
  /** Nodes whose state changed, whatever ran them (a save, a command, the Test Explorer). */
  results: notificationSpec<{ projectRoot: string; results: NodeResultInfo[] }>('modelStudio/results'),
  /** The set of projects or their nodes changed (files added, renamed, deleted). */
  projectsChanged: notificationSpec<Record<string, never>>('modelStudio/projectsChanged'),
  generateProgress: notificationSpec<GenerateProgress>('modelStudio/generateProgress'),
} as const;
