/**
 * Column profiling in one pass over a table (after a cheap row count): row count, nulls, distinct values, min/max, and the
 * two validity signals that need no declared rule: negative values in columns whose name says
 * they cannot be negative, and dates in the future.
 */
import { describeRelation, quoteIdent, type Warehouse } from '../../run';

export interface ColumnProfile {
  name: string;
  type: string;
  nulls: number;
  /** Distinct non-null values (null for types that cannot be compared). */
  distinct: number | null;
  min: string | null;
  max: string | null;
  /** Set for numeric columns named like amounts, prices, quantities or counts. */
  negatives?: number;
  /** Set for date and timestamp columns. */
  future?: number;
}

export interface TableProfile {
  rows: number;
  columns: ColumnProfile[];
}

export interface RelationAddress {
  database: string;
  schema: string;
  identifier: string;
}

const NUMERIC = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|REAL|DECIMAL)/i;
const TEMPORAL = /^(DATE|TIMESTAMP)/i;
const NESTED = /(\[\]|^STRUCT|^MAP|^UNION|^LIST|^BLOB|^BIT|^VARIANT|^JSON|\[\d+\])/i;
/** Column names that promise a value of zero or more. */
export const NON_NEGATIVE_NAME = /(^|_)(amount|amt|price|cost|quantity|qty|count|total|revenue|sales|age|weight|stock)(s)?($|_)/i;

const APPROX_DISTINCT_ABOVE = 1_000_000;

export async function profileRelation(wh: Warehouse, rel: RelationAddress): Promise<TableProfile | undefined> {
  const from = `${quoteIdent(rel.database)}.${quoteIdent(rel.schema)}.${quoteIdent(rel.identifier)}`;
  const columns = await describeRelation(wh, from);
  if (!columns?.length) return undefined;
  const [size] = await wh.query(`select count(*) as n from ${from}`);
  // Exact distinct counts cost a hash table per column: big tables get DuckDB's HyperLogLog estimate.
  const distinct = (q: string) => (Number(size.n) > APPROX_DISTINCT_ABOVE ? `approx_count_distinct(${q})` : `count(distinct ${q})`);
  const parts = ['count(*) as "rows"'];
  columns.forEach((c, i) => {
    const q = quoteIdent(c.name);
    parts.push(`count(*) - count(${q}) as "n${i}"`);
    if (NESTED.test(c.type)) return;
    parts.push(`${distinct(q)} as "d${i}"`, `cast(min(${q}) as varchar) as "lo${i}"`, `cast(max(${q}) as varchar) as "hi${i}"`);
    if (NUMERIC.test(c.type) && NON_NEGATIVE_NAME.test(c.name)) parts.push(`count(*) filter (where ${q} < 0) as "neg${i}"`);
    if (TEMPORAL.test(c.type)) parts.push(`count(*) filter (where cast(${q} as timestamp) > cast(now() as timestamp) + interval 1 day) as "fut${i}"`);
  });
  const [row] = await wh.query(`select ${parts.join(', ')} from ${from}`);
  const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));
  const str = (v: unknown) => (v === null || v === undefined ? null : String(v));
  return {
    rows: num(row.rows),
    columns: columns.map((c, i) => {
      const p: ColumnProfile = { name: c.name, type: c.type, nulls: num(row[`n${i}`]), distinct: row[`d${i}`] === undefined ? null : num(row[`d${i}`]), min: str(row[`lo${i}`]), max: str(row[`hi${i}`]) };
      if (row[`neg${i}`] !== undefined) p.negatives = num(row[`neg${i}`]);
      if (row[`fut${i}`] !== undefined) p.future = num(row[`fut${i}`]);
      return p;
    }),
  };
}
