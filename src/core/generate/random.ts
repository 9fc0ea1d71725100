/**
 * Seeded randomness as SQL: every random value is `hash(row, salt)` for a salt derived from the
 * dataset seed and the column's name, so any row can be computed alone, on any thread, in any
 * order, and the same seed gives the same tables. DuckDB's hash() is stable for a pinned version.
 */

/** FNV-1a over the seed and the parts: a 31-bit salt for `hash(row, salt)`. */
export function saltOf(seed: number, ...parts: Array<string | number>): number {
  let h = 0x811c9dc5;
  const text = `${seed}\u0000${parts.join('\u0000')}`;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h & 0x7fffffff;
}

/**
 * A UBIGINT drawn for the row. DuckDB combines the hashes of `row` and `salt` by a plain XOR, so
 * two salts give the same value up to a constant XOR mask: without the outer hash, draws of
 * different columns would be correlated (the low bits identical, uniforms at |r| ≈ 0.5).
 */
export function hashSql(row: string, salt: number): string {
  return `hash(hash(${row}, ${salt}))`;
}

/** A DOUBLE uniform in [0, 1) for the row. */
export function uniformSql(row: string, salt: number): string {
  return `((${hashSql(row, salt)} >> 11)::DOUBLE * 1.1102230246251565e-16)`;
}

/** A BIGINT uniform in [min, max] (modulo bias is below 1e-9 for ranges under 2^32). */
export function intSql(row: string, salt: number, min: number, max: number): string {
  const span = max - min + 1;
  if (span <= 1) return `${min}::BIGINT`;
  return `(${min} + (${hashSql(row, salt)} % ${span})::BIGINT)`;
}

/** True for a `rate` share of rows. */
export function rateSql(row: string, salt: number, rate: number): string {
  if (rate <= 0) return 'false';
  if (rate >= 1) return 'true';
  return `(${hashSql(row, salt)} % 1000000000 < ${Math.round(rate * 1e9)})`;
}

/** A standard normal value (Box–Muller on two uniforms). */
export function normalSql(row: string, salt: number): string {
  const u1 = uniformSql(row, salt);
  const u2 = uniformSql(row, salt ^ 0x5bd1e995);
  return `(sqrt(-2.0 * ln(1.0 - ${u1})) * cos(6.283185307179586 * ${u2}))`;
}

/**
 * Weights turned into a table of `size` slots, each value taking a share of slots in proportion to
 * its weight (largest remainder), so a weighted pick is one list lookup per row.
 */
export function slotTable(weights: number[], size = 4096): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (w / total) * size);
  const counts = exact.map((x) => Math.floor(x));
  let left = size - counts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) counts[order[k][1]]++;
  const out: number[] = [];
  counts.forEach((c, i) => {
    for (let k = 0; k < c; k++) out.push(i);
  });
  return out;
}

/** A prime above `n` that does not divide it: multiplying a rank by it permutes 0..n-1. */
export function permutationPrime(n: number): number {
  const candidates = [1_000_003, 2_000_003, 4_000_037, 8_000_009, 16_000_057, 1_073_741_827];
  return candidates.find((p) => p > n && n % p !== 0) ?? 2_147_483_647;
}
