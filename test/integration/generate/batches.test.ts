import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import type { GenerateReport } from '../../../src/core/generate';
import { generate, orphanCounts, retailSpec, tempProject, withDb } from './helpers';

interface Customer {
  customer_id: string;
  city: string;
  address: string;
  signup_date: string;
  updated_at: string;
}

const one = tempProject();
const two = tempProject();
let r1: GenerateReport;
let r2: GenerateReport;
let b1: Map<string, Customer>;
let b2: Map<string, Customer>;
const num = (id: string) => Number(id.slice(5));

async function customers(dir: string): Promise<Map<string, Customer>> {
  const rows = await withDb(dir, (wh) => wh.query(`SELECT DISTINCT ON (customer_id) customer_id, city, address, signup_date::VARCHAR AS signup_date, updated_at::VARCHAR AS updated_at FROM raw.customers ORDER BY customer_id`));
  return new Map(rows.map((r) => [String(r.customer_id), r as unknown as Customer]));
}

test('batch 1 and batch 2 of the same seed', async () => {
  r1 = await generate(one, { scale: 0.1 });
  r2 = await generate(two, { scale: 0.1, batch: 2 });
  b1 = await customers(one);
  b2 = await customers(two);
});

test('batch 2 inserts new customers, who sign up in the new batch', () => {
  const base = 200;
  const inserted = [...b2.values()].filter((c) => num(c.customer_id) > base);
  assert.equal(inserted.length, r2.tables.find((t) => t.name === 'customers')?.changes?.inserted);
  assert.ok(inserted.length > 0);
  assert.ok(inserted.every((c) => c.signup_date === '2025-01-01'), inserted.map((c) => c.signup_date).join());
  assert.ok([...b1.keys()].every((id) => num(id) <= base));
});

test('rows held back from batch 1 arrive late in batch 2 with their old event time', () => {
  const late = [...b2.values()].filter((c) => num(c.customer_id) <= 200 && !b1.has(c.customer_id));
  const c1 = r1.tables.find((t) => t.name === 'customers')?.changes;
  const c2 = r2.tables.find((t) => t.name === 'customers')?.changes;
  assert.ok(late.length > 0);
  assert.equal(late.length, c2?.late);
  assert.equal(c1?.heldBack, c2?.late);
  assert.ok(late.every((c) => c.signup_date < '2025-01-01'));
});

test('batch 2 updates some customers in place: same key, new address, updated_at of the batch', () => {
  const updated = [...b2.values()].filter((c) => b1.has(c.customer_id) && c.updated_at === '2025-01-01 00:00:00');
  assert.equal(updated.length, r2.tables.find((t) => t.name === 'customers')?.changes?.updated);
  assert.ok(updated.length > 0);
  const moved = updated.filter((c) => b1.get(c.customer_id)?.address !== c.address);
  assert.ok(moved.length >= updated.length - 1, `${moved.length} of ${updated.length} moved`);
  const untouched = [...b2.values()].filter((c) => b1.has(c.customer_id) && c.updated_at !== '2025-01-01 00:00:00');
  assert.ok(untouched.every((c) => JSON.stringify(c) === JSON.stringify(b1.get(c.customer_id))));
});

test('batch 2 deletes some customers, and what pointed at them goes too', async () => {
  const deleted = [...b1.keys()].filter((id) => !b2.has(id));
  assert.ok(deleted.length > 0);
  assert.equal(deleted.length, r2.tables.find((t) => t.name === 'customers')?.changes?.deleted);
  const orphans = await withDb(two, (wh) => orphanCounts(wh, retailSpec(two)));
  for (const [fk, n] of orphans) assert.equal(n, fk === 'transactions.product_id' ? r2.defects.find((d) => d.type === 'orphan_fks')?.count : 0, fk);
  assert.ok((r2.tables.find((t) => t.name === 'orders')?.changes?.removedWithParent ?? 0) > 0 || (r2.tables.find((t) => t.name === 'sessions')?.changes?.removedWithParent ?? 0) > 0);
});
