/**
 * The dataset spec after parsing: plain data with a place for every node, so that each later
 * check (and each runtime error) can point at the YAML line that caused it.
 */
import type { Place } from '../problems';

export interface DatasetSpec {
  /** Absolute path of the YAML file ('' for a spec built in code). */
  file: string;
  name: string;
  description?: string;
  /** DuckDB schema the tables are written to (default `raw`). */
  schema: string;
  seed: number;
  /** Faker locale for pools without their own (default `en`). */
  locale: string;
  /** `YYYY-MM-DD`: Faker's reference date, and the load time of batch 1. */
  referenceDate: string;
  /** Default scale factor when the caller gives none. */
  scale: number;
  /** Time between two change batches, as a DuckDB interval (default `1 day`). */
  batchInterval: string;
  tables: TableSpec[];
  place: Place;
}

export type Scaling = 'linear' | 'fixed' | 'sqrt';

export type RowsSpec =
  | { kind: 'count'; count: number; scaling: Scaling; place: Place }
  /** `min`..`max` children for a `rate` share of the parent's rows (or counts by `weights`). */
  | { kind: 'per'; parent: string; min: number; max: number; rate: number; weights?: Array<[number, number]>; place: Place }
  /** One row per combination of the parents' rows, kept with probability `rate`. */
  | { kind: 'cross'; parents: string[]; rate: number; place: Place };

export interface TableSpec {
  name: string;
  description?: string;
  rows: RowsSpec;
  primaryKey: string[];
  columns: ColumnSpec[];
  changes?: ChangesSpec;
  defects: DefectSpec[];
  place: Place;
}

export interface ColumnSpec {
  name: string;
  description?: string;
  /** DuckDB type the value is cast to, when the generator's own type is not wanted. */
  type?: string;
  /** Share of realistic NULLs (not a defect: not reported as one). */
  nullRate: number;
  gen: Generator;
  place: Place;
  /** Place of the generator's value, for errors about it. */
  genPlace: Place;
}

export type Distribution = 'uniform' | 'normal' | 'lognormal' | 'exponential' | 'zipf';

export type Generator =
  | { kind: 'seq'; start: number; step: number }
  | { kind: 'dateSeq'; start: string; stepDays: number; timestamp: boolean }
  | { kind: 'id'; parts: PatternPart[]; pattern: string }
  | { kind: 'uuid' }
  | { kind: 'faker'; method: string; pool: number; locale?: string; args: unknown[] }
  | NumberGen
  | { kind: 'choice'; values: Array<string | number | boolean>; weights: number[] }
  | { kind: 'bool'; rate: number }
  | DateGen
  | { kind: 'ref'; table: string; column: string; distribution: 'uniform' | 'zipf'; s: number }
  | { kind: 'parent'; table: string; column: string }
  | { kind: 'sql'; sql: string }
  | { kind: 'template'; parts: PatternPart[]; pattern: string }
  | { kind: 'aggregate'; from: string; sql: string; on: Array<[string, string]>; default: string | number | null }
  | { kind: 'const'; value: string | number | boolean | null };

export interface NumberGen {
  kind: 'number';
  integer: boolean;
  min?: number;
  max?: number;
  distribution: Distribution;
  mean?: number;
  stddev?: number;
  /** Zipf exponent (> 0, default 1.2). */
  s?: number;
  /** Digits after the point: a DECIMAL(18, decimals) column; without it a DOUBLE. */
  decimals?: number;
}

export interface DateGen {
  kind: 'date';
  timestamp: boolean;
  start: string;
  end: string;
  /** Seven weights, Monday first. */
  weekly?: number[];
  /** Twelve weights, January first. */
  yearly?: number[];
  /** Twenty-four weights for the hour of a timestamp. */
  hourly?: number[];
}

/** `{seq:06}`, `{hex:8}`, `{digits:4}`, `{upper:3}`, `{column}` or literal text. */
export type PatternPart =
  | { kind: 'text'; text: string }
  | { kind: 'seq'; width: number }
  | { kind: 'random'; alphabet: 'hex' | 'digits' | 'upper' | 'lower'; width: number }
  | { kind: 'column'; column: string };

export interface ChangesSpec {
  /** New rows per batch after the first, as a share of batch 1's rows. */
  inserts: number;
  /** Share of existing rows whose `updateColumns` change in each batch. */
  updates: number;
  updateColumns: string[];
  /** Share of existing rows deleted in each batch. */
  deletes: number;
  /** Share of batch-1 rows that arrive only with batch 2 (their event time stays old). */
  late: number;
  /** Column set to the batch's load time when a row changes. */
  updatedAt?: string;
  /** Column shifted by the batch interval for rows inserted in later batches. */
  eventTime?: string;
  place: Place;
}

export type DefectType = 'nulls' | 'duplicate_keys' | 'orphan_fks' | 'out_of_range' | 'malformed';
export const DEFECT_TYPES: DefectType[] = ['nulls', 'duplicate_keys', 'orphan_fks', 'out_of_range', 'malformed'];

export interface DefectSpec {
  type: DefectType;
  /** The column hit (none for duplicate_keys, which copies whole rows). */
  column?: string;
  /** Share of the table's rows, or an exact `count`. */
  rate?: number;
  count?: number;
  place: Place;
}
