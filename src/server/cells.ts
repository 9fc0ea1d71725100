/** DuckDB values → JSON-safe cells for previews and hovers (no bigint, no class instances). */
import type { Cell } from '../protocol';

export function toCell(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : String(v);
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
  if (v instanceof Date) return v.toISOString();
  if (v instanceof Uint8Array) return `\\x${Buffer.from(v).toString('hex')}`;
  // DuckDB's value classes (decimals, timestamps, lists, structs) print themselves readably.
  const s = String(v);
  if (s !== '[object Object]') return s;
  try {
    return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x));
  } catch {
    return s;
  }
}
