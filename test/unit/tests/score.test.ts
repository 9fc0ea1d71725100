import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { scoreTables, type TableInput, type TestFact } from '../../../src/core/tests';

const table: TableInput = {
  uniqueId: 'model.p.orders',
  name: 'orders',
  relation: 'db.main.orders',
  profile: {
    rows: 10,
    columns: [
      { name: 'order_id', type: 'BIGINT', nulls: 0, distinct: 9, min: '1', max: '9' },
      { name: 'note', type: 'VARCHAR', nulls: 4, distinct: 3, min: 'a', max: 'c' },
      { name: 'amount', type: 'INTEGER', nulls: 0, distinct: 10, min: '-3', max: '50', negatives: 2 },
    ],
  },
};

function fact(over: Partial<TestFact>): TestFact {
  return { uniqueId: 't', name: 't', tableId: 'model.p.orders', dimension: 'completeness', status: 'pass', failures: 0, failingRows: 0, tableLevel: false, severity: 'error', message: null, ...over };
}

void test('profiling alone: nulls, a key-like first column with repeats, negative amounts', () => {
  const s = scoreTables([table], []);
  const t = s.tables[0];
  // completeness: (100 + 60 + 100) / 3; uniqueness: 9 distinct of 10; validity: 8 of 10 non-negative
  assert.deepEqual(t.dimensions, { completeness: 86.7, uniqueness: 90, validity: 80, consistency: null, referential_integrity: null });
  assert.equal(t.score, 85.6);
  assert.equal(s.score, 85.6);
});

void test('tests replace profiling for what they cover; losses add up to what the table lost', () => {
  const tests = [
    fact({ uniqueId: 'u', name: 'unique_orders_order_id', dimension: 'uniqueness', column: 'order_id', status: 'fail', failures: 1, failingRows: 2 }),
    fact({ uniqueId: 'r', name: 'recency', dimension: 'validity', status: 'fail', failures: 1, failingRows: 1, tableLevel: true }),
    fact({ uniqueId: 'x', name: 'broken', dimension: 'consistency', status: 'error', failures: null, message: 'Binder error' }),
  ];
  const t = scoreTables([table], tests).tables[0];
  assert.equal(t.dimensions.uniqueness, 80);
  // validity: the table-level test (0, weight 1) and the amount profile (80, weight 0.5)
  assert.equal(t.dimensions.validity, 26.7);
  assert.equal(t.dimensions.consistency, null);
  assert.deepEqual(t.not_evaluated.map((n) => n.unique_id), ['x']);
  const lost = t.checks.reduce((a, c) => a + c.lost_points, 0);
  assert.ok(Math.abs(100 - (t.score ?? 0) - lost) < 0.2, `${lost} vs ${t.score}`);
  const top = [...t.checks].sort((a, b) => b.lost_points - a.lost_points)[0];
  assert.equal(top.name, 'recency');
});

void test('a table that cannot be read is scored from its tests only', () => {
  const s = scoreTables([{ uniqueId: 'model.p.orders', name: 'orders', relation: 'x' }], [fact({ status: 'fail', failures: 3, failingRows: 3 })]);
  assert.equal(s.tables[0].score, 0);
  assert.match(s.tables[0].note ?? '', /does not exist/);
});
