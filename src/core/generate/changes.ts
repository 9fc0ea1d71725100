/**
 * Change batches as pure functions of a row's index: batch B's state is computed directly (not
 * replayed), so `--batch 3` is as fast and as reproducible as batch 1. A row is born in batch 1
 * (or later, for inserts), may arrive late (held back from batch 1 until batch 2), may be updated
 * in later batches (its update columns redrawn with that batch's variant) and may be deleted.
 */
import { rateSql, saltOf } from './random';
import type { DatasetSpec, TableSpec } from './types';

export const MAX_BATCH = 100;

export class BatchRules {
  readonly inserts: number;
  readonly total: number;

  constructor(
    private readonly spec: DatasetSpec,
    private readonly table: TableSpec,
    /** Logical rows in batch 1. */
    readonly base: number,
    readonly batch: number,
  ) {
    const ch = table.changes;
    this.inserts = ch && table.rows.kind === 'count' ? Math.round(base * ch.inserts) : 0;
    this.total = base + this.inserts * (batch - 1);
  }

  private salt(what: string, b: number): number {
    return saltOf(this.spec.seed, this.table.name, '#changes', what, b);
  }

  get late(): number {
    return this.table.rows.kind === 'count' ? (this.table.changes?.late ?? 0) : 0;
  }

  /** Whether some logical row is absent from this batch (held back or deleted). */
  get hasAbsentRows(): boolean {
    return (this.late > 0 && this.batch === 1) || ((this.table.changes?.deletes ?? 0) > 0 && this.batch > 1);
  }

  get hasUpdates(): boolean {
    const ch = this.table.changes;
    return !!ch && this.batch > 1 && ch.updates > 0 && (ch.updateColumns.length > 0 || !!ch.updatedAt);
  }

  birth(r: string): string {
    if (this.inserts === 0) return '1';
    return `(CASE WHEN ${r} < ${this.base} THEN 1 ELSE 2 + (${r} - ${this.base}) // ${this.inserts} END)`;
  }

  arrival(r: string): string {
    if (this.late <= 0) return this.birth(r);
    return `(CASE WHEN ${r} < ${this.base} AND ${rateSql(r, this.salt('late', 1), this.late)} THEN 2 ELSE ${this.birth(r)} END)`;
  }

  /** True when row r exists in batch `b`. */
  present(r: string, b = this.batch): string {
    const parts = [`${this.arrival(r)} <= ${b}`];
    const del = this.table.changes?.deletes ?? 0;
    if (del > 0) for (let k = 2; k <= b; k++) parts.push(`NOT (${rateSql(r, this.salt('delete', k), del)} AND ${this.arrival(r)} < ${k})`);
    return `(${parts.join(' AND ')})`;
  }

  /** The last batch (≥ 2) that updated row r, or 1. */
  version(r: string): string {
    const ch = this.table.changes;
    if (!ch || this.batch < 2 || ch.updates <= 0) return '1';
    const whens: string[] = [];
    for (let k = this.batch; k >= 2; k--) whens.push(`WHEN ${rateSql(r, this.salt('update', k), ch.updates)} AND ${this.arrival(r)} < ${k} THEN ${k}`);
    return `(CASE ${whens.join(' ')} ELSE 1 END)`;
  }

  /** Load time of a batch: the reference date plus (batch - 1) intervals. */
  batchTime(b: string): string {
    return `(TIMESTAMP '${this.spec.referenceDate} 00:00:00' + (${b} - 1) * INTERVAL '${this.spec.batchInterval}')`;
  }

  /** An inserted row's event time: a moment inside the batch that brought it. */
  insertedEventTime(birth: string, r: string, type: string): string {
    const offset = `to_seconds((hash(hash(${r}, ${this.salt('event', 0)})) % greatest(1, epoch(INTERVAL '${this.spec.batchInterval}')::BIGINT))::BIGINT)`;
    return `CAST(${this.batchTime(birth)} + ${offset} AS ${type})`;
  }
}
