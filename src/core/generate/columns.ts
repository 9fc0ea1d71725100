/**
 * Column generators as SQL expressions of a row index. A "pure" column is a function of its own
 * row index alone, so a child can recompute its parent's value (or a foreign key its target's key)
 * without reading the parent table: that is what keeps generation a single scan per table.
 */
import { sqlString } from '../run/warehouse';
import type { ConstLists } from './consts';
import { buildPool } from './pools';
import { intMasses, SLOTS } from './intMasses';
import { hashSql, intSql, normalSql, permutationPrime, rateSql, saltOf, slotTable, uniformSql } from './random';
import type { ColumnSpec, DatasetSpec, DateGen, Generator, NumberGen, PatternPart, TableSpec } from './types';

export interface GenContext {
  spec: DatasetSpec;
  tables: Map<string, TableSpec>;
  /** Logical rows of each table in batch 1: references pick among these. */
  baseRows: Map<string, number>;
  /**
   * Rows of each table in this batch (its row indices are below this), once its driver exists:
   * keys of known width are then formatted with the cheaper lpad instead of printf.
   */
  totals?: Map<string, number>;
  consts: ConstLists;
}

/**
 * Above this many rows, a reference formats its target's key per row; at or below, it picks the key
 * from a list of all of them, built once (a list costs a copy per 2048-row chunk, so big ones lose).
 */
export const KEY_LIST_MAX = 65_536;

export interface Typed {
  sql: string;
  type: string;
}

const PURE: ReadonlyArray<Generator['kind']> = ['seq', 'dateSeq', 'id', 'uuid', 'faker', 'number', 'choice', 'bool', 'date', 'ref', 'const'];

export function isPure(c: ColumnSpec): boolean {
  return PURE.includes(c.gen.kind);
}

export function salt(ctx: GenContext, t: TableSpec, c: ColumnSpec | string, ...more: Array<string | number>): number {
  return saltOf(ctx.spec.seed, t.name, typeof c === 'string' ? c : c.name, ...more);
}

/** The column's value with its realistic NULLs, or undefined when it is not pure. */
export function pureValue(ctx: GenContext, t: TableSpec, c: ColumnSpec, row: string, variant = 1): Typed | undefined {
  const v = rawValue(ctx, t, c, row, variant);
  if (!v) return undefined;
  return withNulls(ctx, t, c, row, v);
}

export function withNulls(ctx: GenContext, t: TableSpec, c: ColumnSpec, row: string, v: Typed): Typed {
  if (c.nullRate <= 0) return v;
  return { sql: `CASE WHEN ${rateSql(row, salt(ctx, t, c, 'null'), c.nullRate)} THEN NULL ELSE ${v.sql} END`, type: v.type };
}

/** Without NULLs; `variant` > 1 draws the value a row takes after its update in that batch. */
export function rawValue(ctx: GenContext, t: TableSpec, c: ColumnSpec, row: string, variant = 1): Typed | undefined {
  const g = c.gen;
  const s = (...more: Array<string | number>) => salt(ctx, t, c, variant, ...more);
  switch (g.kind) {
    case 'seq':
    case 'dateSeq':
    case 'id':
    case 'uuid':
      return keyValue(ctx, t, c, row, ctx.totals?.get(t.name));
    case 'faker': {
      const locale = g.locale ?? ctx.spec.locale;
      const key = `faker:${t.name}.${c.name}`;
      const pick = ctx.consts.pick(key, 'VARCHAR', () => buildPool({ method: g.method, args: g.args, size: g.pool, locale, seed: ctx.spec.seed, salt: `${t.name}.${c.name}`, referenceDate: ctx.spec.referenceDate }), `1 + (${hashSql(row, s())} % ${g.pool})::INTEGER`);
      return { sql: pick, type: 'VARCHAR' };
    }
    case 'number':
      return numberValue(ctx, t, c, g, row, s);
    case 'choice':
      return choiceValue(ctx, t, c, g, row, s());
    case 'bool':
      return { sql: rateSql(row, s(), g.rate), type: 'BOOLEAN' };
    case 'date':
      return dateValue(ctx, t, c, g, row, s);
    case 'ref': {
      const target = ctx.tables.get(g.table) as TableSpec;
      const tc = target.columns.find((x) => x.name === g.column) as ColumnSpec;
      const n = Math.max(1, ctx.baseRows.get(g.table) ?? 1);
      const tg = tc.gen;
      if (tg.kind === 'id' && n <= KEY_LIST_MAX && tg.parts.every((p) => p.kind !== 'column')) {
        // The same strings, formatted once per key instead of once per row.
        const list = `(SELECT list(${patternSql(ctx, target, tc, tg.parts, 'i', (col) => col, n)} ORDER BY i) FROM range(${n}) r(i))`;
        return { sql: ctx.consts.pickSql(`keys:${g.table}.${g.column}:${n}`, list, `1 + (${refIndex(ctx, g, row, s())})::INTEGER`), type: 'VARCHAR' };
      }
      return keyValue(ctx, target, tc, refIndex(ctx, g, row, s()), n);
    }
    case 'const':
      return constValue(g.value);
    default:
      return undefined;
  }
}

/** The row index a reference points at: uniform, or Zipf-skewed with the popular rows spread out. */
export function refIndex(ctx: GenContext, g: Extract<Generator, { kind: 'ref' }>, row: string, s: number): string {
  const n = Math.max(1, ctx.baseRows.get(g.table) ?? 1);
  if (g.distribution === 'uniform' || n === 1) return `(${hashSql(row, s)} % ${n})::BIGINT`;
  return `((${zipfRank(n, g.s, uniformSql(row, s))} - 1) * ${permutationPrime(n)} % ${n})`;
}

/** Rank 1..n by the inverse of the continuous Zipf CDF (exact enough for skew, O(1) per row). */
function zipfRank(n: number, s: number, u: string): string {
  const rank = Math.abs(s - 1) < 1e-9
    ? `floor(pow(${n}.0, ${u}))`
    : `floor(pow((pow(${n}.0, ${1 - s}) - 1.0) * ${u} + 1.0, ${1 / (1 - s)}))`;
  return `least(greatest(${rank}::BIGINT, 1), ${n})`;
}

/**
 * The key of row `idx` (seq, date sequence, id pattern or uuid): what references resolve to.
 * `bound`, when given, is a number `idx` is known to stay below.
 */
export function keyValue(ctx: GenContext, t: TableSpec, c: ColumnSpec, idx: string, bound?: number): Typed {
  const g = c.gen;
  switch (g.kind) {
    case 'seq':
      return { sql: `(${g.start} + (${idx}) * ${g.step})::BIGINT`, type: 'BIGINT' };
    case 'dateSeq':
      return g.timestamp
        ? { sql: `(TIMESTAMP ${sqlString(g.start)} + to_days(((${idx}) * ${g.stepDays})::INTEGER))`, type: 'TIMESTAMP' }
        : { sql: `(DATE ${sqlString(g.start)} + ((${idx}) * ${g.stepDays})::INTEGER)`, type: 'DATE' };
    case 'id':
      return { sql: patternSql(ctx, t, c, g.parts, idx, (col) => col, bound), type: 'VARCHAR' };
    case 'uuid': {
      // DuckDB reads 32 hex digits without dashes as a UUID.
      const h = `lpad(to_hex(${hashSql(idx, salt(ctx, t, c, 'uuid1'))}), 16, '0') || lpad(to_hex(${hashSql(idx, salt(ctx, t, c, 'uuid2'))}), 16, '0')`;
      return { sql: `(${h})::UUID`, type: 'UUID' };
    }
    default:
      throw new Error(`${t.name}.${c.name} is not a key column`);
  }
}

/** A key that no row of the target has: what an orphan_fks defect writes. */
export function orphanKey(ctx: GenContext, t: TableSpec, c: ColumnSpec, row: string, s: number): Typed {
  const far = `(1000000000000 + ${hashSql(row, s)} % 1000000)`;
  if (c.gen.kind === 'dateSeq') return keyValue(ctx, t, c, `(${(ctx.baseRows.get(t.name) ?? 0) * 10 + 36500} + ${hashSql(row, s)} % 1000)`);
  if (c.gen.kind === 'uuid') return keyValue(ctx, t, { ...c, name: `${c.name}#orphan` }, row);
  return keyValue(ctx, t, c, far);
}

/**
 * `PUB_{seq:06}` and friends; `{column}` parts read the named column of the same row. `bound`, when
 * given, is a number `idx` stays below: a `{seq:0N}` whose numbers then all fit in N digits is
 * padded by lpad (the same text as printf's, at two thirds of the cost).
 */
export function patternSql(ctx: GenContext, t: TableSpec, c: ColumnSpec, parts: PatternPart[], idx: string, column: (name: string) => string, bound?: number): string {
  // One concat() of many pieces copies the text once; a chain of || copies it at every step. Both
  // give the same text here, since concat() reads a NULL column as '' (which || needed coalesce for).
  const many = parts.length > 2 || parts.some((p) => p.kind === 'column');
  const pieces = parts.flatMap((p, k): string[] => {
    switch (p.kind) {
      case 'text':
        return [sqlString(p.text)];
      case 'seq':
        // printf pads without cutting: lpad would truncate a wider number (duplicate keys, orphans that
        // exist), so lpad only where every number fits.
        if (!p.width) return [`((${idx}) + 1)::VARCHAR`];
        if (bound !== undefined && p.width <= 18 && bound <= 10 ** p.width - 1) return [`lpad(((${idx}) + 1)::VARCHAR, ${p.width}, '0')`];
        return [`printf('%0${p.width}d', ((${idx}) + 1)::BIGINT)`];
      case 'column':
        return [many ? `${column(p.column)}::VARCHAR` : `coalesce(${column(p.column)}::VARCHAR, '')`];
      case 'random': {
        const s = salt(ctx, t, c, 'pattern', k);
        if (p.alphabet === 'hex' && p.width <= 15) return [`lpad(to_hex(${hashSql(idx, s)} % ${16 ** p.width}), ${p.width}, '0')`];
        if (p.alphabet === 'digits' && p.width <= 18) return [`lpad((${hashSql(idx, s)} % ${10n ** BigInt(p.width)})::VARCHAR, ${p.width}, '0')`];
        const [base, first] = p.alphabet === 'lower' ? [26, 97] : p.alphabet === 'upper' ? [26, 65] : p.alphabet === 'hex' ? [16, -1] : [10, 48];
        const chars = Array.from({ length: p.width }, (_, i) => {
          const h = `${hashSql(idx, s + i + 1)} % ${base}`;
          return first < 0 ? `to_hex(${h})` : `chr((${first} + ${h})::INTEGER)`;
        });
        return many ? chars : [`(${chars.join(' || ')})`];
      }
    }
  });
  if (!pieces.length) return "''";
  return many ? `concat(${pieces.join(', ')})` : `(${pieces.join(' || ')})`;
}

function numberValue(ctx: GenContext, t: TableSpec, c: ColumnSpec, g: NumberGen, row: string, s: (...m: Array<string | number>) => number): Typed {
  const outType = g.integer ? 'INTEGER' : g.decimals !== undefined ? `DECIMAL(18,${g.decimals})` : 'DOUBLE';
  const big = g.integer && (Math.abs(g.min ?? 0) > 2e9 || Math.abs(g.max ?? 0) > 2e9);
  const intType = big ? 'BIGINT' : 'INTEGER';
  const masses = intMasses(g);
  if (masses) {
    const min = g.min as number;
    const slots = slotTable(masses, SLOTS).map((i) => min + i);
    const pick = ctx.consts.pick(`ints:${t.name}.${c.name}`, 'BIGINT', () => slots, `1 + (${hashSql(row, s('slot'))} % ${slots.length})::INTEGER`);
    return { sql: `(${pick})::${intType}`, type: intType };
  }
  if (g.distribution === 'uniform') {
    const min = g.min as number;
    const max = g.max as number;
    if (g.integer) return { sql: `${intSql(row, s(), min, max)}::${intType}`, type: intType };
    if (g.decimals !== undefined) {
      const f = 10 ** g.decimals;
      return { sql: `(${intSql(row, s(), Math.ceil(min * f), Math.floor(max * f))}::DECIMAL(18,0) / ${f})::${outType}`, type: outType };
    }
    return { sql: `(${min} + ${uniformSql(row, s())} * ${max - min})`, type: 'DOUBLE' };
  }
  if (g.distribution === 'zipf') {
    const n = (g.max as number) - (g.min as number) + 1;
    return { sql: `(${g.min as number} - 1 + ${zipfRank(n, g.s ?? 1.2, uniformSql(row, s()))})::${intType}`, type: intType };
  }
  let x: string;
  if (g.distribution === 'normal') x = `(${g.mean ?? 0} + ${g.stddev ?? 1} * ${normalSql(row, s())})`;
  else if (g.distribution === 'lognormal') x = `(${g.mean ?? 1} * exp(${g.stddev ?? 0.5} * ${normalSql(row, s())}))`;
  else x = `(-${g.mean ?? 1} * ln(1.0 - ${uniformSql(row, s())}))`;
  if (g.min !== undefined) x = `greatest(${x}, ${g.min})`;
  if (g.max !== undefined) x = `least(${x}, ${g.max})`;
  if (g.integer) return { sql: `round(${x})::${intType}`, type: intType };
  if (g.decimals !== undefined) return { sql: `round(${x}, ${g.decimals})::${outType}`, type: outType };
  return { sql: x, type: 'DOUBLE' };
}

function choiceValue(ctx: GenContext, t: TableSpec, c: ColumnSpec, g: Extract<Generator, { kind: 'choice' }>, row: string, s: number): Typed {
  const allNumbers = g.values.every((v) => typeof v === 'number');
  const allBools = g.values.every((v) => typeof v === 'boolean');
  const integers = allNumbers && g.values.every((v) => Number.isInteger(v));
  const equal = g.weights.every((w) => w === g.weights[0]);
  const intWeights = g.weights.every((w) => Number.isInteger(w)) && g.weights.reduce((a, b) => a + b, 0) <= 4096;
  const slots = equal ? g.values.map((_, i) => i) : intWeights ? g.weights.flatMap((w, i) => Array<number>(w).fill(i)) : slotTable(g.weights);
  const listType = integers ? 'BIGINT' : allNumbers ? 'DOUBLE' : 'VARCHAR';
  const values = slots.map((i) => (allNumbers ? (g.values[i] as number) : String(g.values[i])));
  const pick = ctx.consts.pick(`choice:${t.name}.${c.name}`, listType, () => values, `1 + (${hashSql(row, s)} % ${values.length})::INTEGER`);
  if (allBools) return { sql: `(${pick})::BOOLEAN`, type: 'BOOLEAN' };
  return { sql: integers ? `(${pick})::INTEGER` : pick, type: integers ? 'INTEGER' : listType };
}

const DAY_MS = 86_400_000;

function dateValue(ctx: GenContext, t: TableSpec, c: ColumnSpec, g: DateGen, row: string, s: (...m: Array<string | number>) => number): Typed {
  const startMs = Date.parse(g.start.replace(' ', 'T') + (g.start.length === 10 ? 'T00:00:00Z' : 'Z'));
  const endMs = Date.parse(g.end.replace(' ', 'T') + (g.end.length === 10 ? 'T00:00:00Z' : 'Z'));
  const startDay = Math.floor(startMs / DAY_MS);
  const days = Math.floor(endMs / DAY_MS) - startDay + 1;
  const seasonal = g.weekly || g.yearly;
  let dayOffset: string;
  if (seasonal) {
    const weights: number[] = [];
    for (let d = 0; d < days; d++) {
      const date = new Date((startDay + d) * DAY_MS);
      const dow = (date.getUTCDay() + 6) % 7;
      weights.push((g.weekly ? g.weekly[dow] : 1) * (g.yearly ? g.yearly[date.getUTCMonth()] : 1));
    }
    const size = Math.min(65_536, Math.max(4096, days * 8));
    const slots = slotTable(weights, size);
    dayOffset = ctx.consts.pick(`days:${t.name}.${c.name}`, 'BIGINT', () => slots, `1 + (${hashSql(row, s('day'))} % ${slots.length})::INTEGER`);
  } else {
    dayOffset = `(${hashSql(row, s('day'))} % ${days})`;
  }
  if (!g.timestamp) return { sql: `(DATE '1970-01-01' + (${startDay} + ${dayOffset})::INTEGER)`, type: 'DATE' };
  if (!seasonal && !g.hourly) {
    const span = Math.max(1, Math.floor((endMs - startMs) / 1000) + 1);
    return { sql: `make_timestamp((${startMs / 1000} + ${hashSql(row, s('sec'))} % ${span})::BIGINT * 1000000)`, type: 'TIMESTAMP' };
  }
  let secondOfDay = `(${hashSql(row, s('sec'))} % 86400)`;
  if (g.hourly) {
    const hours = slotTable(g.hourly, 2400);
    const hour = ctx.consts.pick(`hours:${t.name}.${c.name}`, 'BIGINT', () => hours, `1 + (${hashSql(row, s('hour'))} % ${hours.length})::INTEGER`);
    secondOfDay = `(${hour} * 3600 + ${hashSql(row, s('sec'))} % 3600)`;
  }
  return { sql: `make_timestamp(((${startDay} + ${dayOffset}) * 86400 + ${secondOfDay})::BIGINT * 1000000)`, type: 'TIMESTAMP' };
}

function constValue(v: string | number | boolean | null): Typed {
  if (v === null) return { sql: 'NULL', type: 'VARCHAR' };
  if (typeof v === 'boolean') return { sql: v ? 'true' : 'false', type: 'BOOLEAN' };
  if (typeof v === 'number') return Number.isInteger(v) ? { sql: `${v}::BIGINT`, type: 'BIGINT' } : { sql: `${v}::DOUBLE`, type: 'DOUBLE' };
  return { sql: sqlString(v), type: 'VARCHAR' };
}
