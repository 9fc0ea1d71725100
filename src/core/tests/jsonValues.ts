/** DuckDB cells as JSON-friendly values, so sample failing rows survive run_results.json and the report. */
import type { DuckDBValue } from '@duckdb/node-api';

export function jsonCell(v: DuckDBValue, type: string): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === 'boolean' || typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : String(v);
  if (typeof v === 'bigint') return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v.toString();
  const text = String(v);
  if (/^DECIMAL/i.test(type)) {
    const n = Number(text);
    return Number.isFinite(n) ? n : text;
  }
  return text;
}

export function jsonRows(columns: Array<{ name: string; type: string }>, rows: DuckDBValue[][]): Array<Record<string, unknown>> {
  return rows.map((r) => {
    const o: Record<string, unknown> = {};
    columns.forEach((c, i) => (o[c.name] = jsonCell(r[i], c.type)));
    return o;
  });
}
