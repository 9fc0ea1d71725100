/**
 * Bounded integer columns with a normal, log-normal, exponential or Zipf distribution are picked
 * from slot tables; their values must keep the distribution the per-row formula draws.
 */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { intMasses } from '../../../src/core/generate/intMasses';
import { normalSql, uniformSql } from '../../../src/core/generate/random';
import type { NumberGen } from '../../../src/core/generate/types';
import { Warehouse } from '../../../src/core/run';
import { generate, tempProject, withDb } from './helpers';

const ROWS = 200_000;
const SPEC = `name: draws
schema: raw
seed: 7
tables:
  draws:
    rows: ${ROWS}
    columns:
      id: { seq: 1 }
      hour: { int: { min: 8, max: 21, distribution: normal, mean: 15, stddev: 3 } }
      quantity: { int: { min: 1, max: 12, distribution: zipf, s: 1.6 } }
      flat_zipf: { int: { min: 3, max: 40, distribution: zipf, s: 1 } }
      basket: { int: { min: 1, max: 200, distribution: lognormal, median: 20, sigma: 0.5 } }
      wait: { int: { min: 0, max: 60, distribution: exponential, mean: 5 } }
      wide: { int: { min: 0, max: 100000, distribution: normal, mean: 50000, stddev: 9000 } }
`;

/** The per-row formula (the SQL these columns used before slot tables), clamped and rounded. */
const formula: Record<string, { gen: NumberGen; sql: (row: string) => string }> = {
  hour: { gen: { kind: 'number', integer: true, min: 8, max: 21, distribution: 'normal', mean: 15, stddev: 3 }, sql: (r) => `round(least(greatest(15 + 3 * ${normalSql(r, 11)}, 8), 21))` },
  quantity: { gen: { kind: 'number', integer: true, min: 1, max: 12, distribution: 'zipf', s: 1.6 }, sql: (r) => `least(greatest(floor(pow((pow(12.0, -0.6) - 1.0) * ${uniformSql(r, 12)} + 1.0, 1 / -0.6))::BIGINT, 1), 12)` },
  flat_zipf: { gen: { kind: 'number', integer: true, min: 3, max: 40, distribution: 'zipf', s: 1 }, sql: (r) => `2 + least(greatest(floor(pow(38.0, ${uniformSql(r, 13)}))::BIGINT, 1), 38)` },
  basket: { gen: { kind: 'number', integer: true, min: 1, max: 200, distribution: 'lognormal', mean: 20, stddev: 0.5 }, sql: (r) => `round(least(greatest(20 * exp(0.5 * ${normalSql(r, 14)}), 1), 200))` },
  wait: { gen: { kind: 'number', integer: true, min: 0, max: 60, distribution: 'exponential', mean: 5 }, sql: (r) => `round(least(greatest(-5 * ln(1.0 - ${uniformSql(r, 15)}), 0), 60))` },
};

/** Half the L1 distance between two frequency tables (0: identical, 1: disjoint). */
function distance(a: Map<number, number>, b: Map<number, number>): number {
  const keys = new Set([...a.keys(), ...b.keys()]);
  let d = 0;
  for (const k of keys) d += Math.abs((a.get(k) ?? 0) - (b.get(k) ?? 0));
  return d / 2;
}

async function shares(wh: Warehouse, sql: string): Promise<Map<number, number>> {
  const rows = await wh.query(`SELECT v::BIGINT AS v, count(*) / sum(count(*)) OVER () AS p FROM (${sql}) GROUP BY v`);
  return new Map(rows.map((r) => [Number(r.v), Number(r.p)]));
}

test('bounded integer distributions keep the per-row formula’s shape', async () => {
  const dir = tempProject({ 'datasets/draws.yml': SPEC });
  await generate(dir, { specFile: 'datasets/draws.yml' });
  await withDb(dir, async (wh) => {
    for (const [col, f] of Object.entries(formula)) {
      const got = await shares(wh, `SELECT ${col} AS v FROM raw.draws`);
      const drawn = await shares(wh, `SELECT ${f.sql('range')} AS v FROM range(${ROWS})`);
      const exact = new Map((intMasses(f.gen) as number[]).map((p, i) => [(f.gen.min as number) + i, p]));
      const lo = f.gen.min as number;
      const hi = f.gen.max as number;
      assert.ok([...got.keys()].every((v) => v >= lo && v <= hi), `${col} stays in ${lo}..${hi}`);
      // Two samples of 200,000 from one distribution differ by ~0.005 here; an off-by-one rank differs by > 0.1.
      assert.ok(distance(got, drawn) < 0.02, `${col}: generated vs per-row formula, distance ${distance(got, drawn).toFixed(4)}`);
      assert.ok(distance(exact, drawn) < 0.02, `${col}: exact masses vs per-row formula, distance ${distance(exact, drawn).toFixed(4)}`);
    }
    // Too many values for a slot table: still the formula, still in range, centred on the mean.
    const wide = (await wh.query('SELECT min(wide) AS lo, max(wide) AS hi, avg(wide) AS m, count(DISTINCT wide) AS n FROM raw.draws'))[0];
    assert.ok(Number(wide.lo) >= 0 && Number(wide.hi) <= 100000 && Math.abs(Number(wide.m) - 50000) < 200 && Number(wide.n) > 20000);
    const hourMean = Number((await wh.query('SELECT avg(hour) AS m FROM raw.draws'))[0].m);
    assert.ok(Math.abs(hourMean - 15) < 0.05, `hour mean ${hourMean}`);
  });
});

test('exact masses sum to one and follow their distribution', () => {
  for (const f of Object.values(formula)) {
    const m = intMasses(f.gen) as number[];
    assert.equal(m.length, (f.gen.max as number) - (f.gen.min as number) + 1);
    assert.ok(Math.abs(m.reduce((a, b) => a + b, 0) - 1) < 1e-9);
  }
  const hour = intMasses(formula.hour.gen) as number[];
  assert.ok(Math.abs(hour[15 - 8] - 0.1324) < 0.0005, 'P(hour = 15) = Φ(1/6) − Φ(−1/6)');
  assert.ok(Math.abs(hour[14 - 8] - hour[16 - 8]) < 1e-9, 'symmetric about the mean');
  const q = intMasses(formula.quantity.gen) as number[];
  assert.ok(q.every((p, i) => i === 0 || p < q[i - 1]), 'Zipf masses fall with the rank');
  assert.equal(intMasses({ kind: 'number', integer: true, min: 0, max: 5000, distribution: 'normal' }), undefined);
  assert.equal(intMasses({ kind: 'number', integer: false, min: 0, max: 10, distribution: 'normal', decimals: 2 }), undefined);
});

