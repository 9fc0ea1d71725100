import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { permutationPrime, saltOf, slotTable } from '../../../src/core/generate/random';

test('salts are stable, and differ by seed and by name', () => {
  assert.equal(saltOf(42, 'orders', 'status'), saltOf(42, 'orders', 'status'));
  assert.notEqual(saltOf(42, 'orders', 'status'), saltOf(43, 'orders', 'status'));
  assert.notEqual(saltOf(42, 'orders', 'status'), saltOf(42, 'orders', 'state'));
  assert.ok(saltOf(1, 'x') >= 0 && saltOf(1, 'x') < 2 ** 31);
  // Pinned: a change here changes every generated table.
  assert.equal(saltOf(42, 'orders', 'status'), 561174458);
});

test('slot tables give each value a share in proportion to its weight', () => {
  const slots = slotTable([50, 30, 15, 5], 1000);
  assert.equal(slots.length, 1000);
  const count = (i: number) => slots.filter((s) => s === i).length;
  assert.deepEqual([0, 1, 2, 3].map(count), [500, 300, 150, 50]);
  const odd = slotTable([1, 1, 1], 4096);
  assert.equal(odd.length, 4096);
  assert.ok([0, 1, 2].every((i) => Math.abs(odd.filter((s) => s === i).length - 4096 / 3) <= 1));
});

test('the permutation prime never divides the row count', () => {
  for (const n of [1, 7, 1_000_003, 2_000_006, 10_000_000]) {
    const p = permutationPrime(n);
    assert.ok(p > n && n % p !== 0);
  }
});
