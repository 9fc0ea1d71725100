import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
import type { GenerateReport } from '../../../src/core/generate';
import { generate, orphanCounts, retailSpec, scalar, tempProject, withDb } from './helpers';

const dir = tempProject();
let report: GenerateReport;

test('the retail spec generates at a small scale', async () => {
  report = await generate(dir, { scale: 0.2 });
  assert.equal(report.tables.length, 11);
  assert.equal(report.commit, 'rename');
  assert.ok(report.tables.every((t) => t.rows > 0));
});

test('every foreign key resolves, except exactly the orphans that were asked for', async () => {
  const spec = retailSpec(dir);
  const orphans = await withDb(dir, (wh) => orphanCounts(wh, spec));
  const asked = report.defects.find((d) => d.type === 'orphan_fks');
  assert.ok(asked && asked.count > 0);
  for (const [fk, n] of orphans) assert.equal(n, fk === `${asked.table}.${asked.column}` ? asked.count : 0, fk);
});

test('injected defects counted in SQL equal the report', async () => {
  const count = (type: string) => report.defects.find((d) => d.type === type)?.count ?? -1;
  await withDb(dir, async (wh) => {
    assert.equal(await scalar(wh, 'SELECT count(*) FROM raw.customers WHERE email IS NULL'), count('nulls'));
    assert.equal(count('malformed'), 10);
    assert.equal(await scalar(wh, "SELECT count(*) FROM raw.customers WHERE phone <> trim(phone) OR phone LIKE '%!!' OR phone LIKE '??%'"), 10);
    assert.equal(count('out_of_range'), 7);
    assert.equal(await scalar(wh, 'SELECT count(*) FROM raw.transactions WHERE quantity NOT BETWEEN 1 AND 5'), 7);
    assert.equal(count('duplicate_keys'), 5);
    assert.equal(await scalar(wh, 'SELECT count(*) - count(DISTINCT customer_id) FROM raw.customers'), 5);
    // Nothing else is duplicated.
    assert.equal(await scalar(wh, 'SELECT count(*) - count(DISTINCT transaction_id) FROM raw.transactions'), 0);
    const customers = report.tables.find((t) => t.name === 'customers');
    assert.equal(count('nulls'), Math.round(0.01 * ((customers?.rows ?? 0) - 5)));
  });
});

test('parent-derived columns: totals from the lines, stock after sales, 1–5 lines per order', async () => {
  await withDb(dir, async (wh) => {
    assert.equal(await scalar(wh, `SELECT count(*) FROM raw.orders o LEFT JOIN (SELECT order_id, sum(line_total) s, count(*) n FROM raw.transactions GROUP BY 1) t USING (order_id)
      WHERE o.order_total <> coalesce(t.s, 0) OR o.item_count <> coalesce(t.n, 0)`), 0);
    assert.equal(await scalar(wh, 'SELECT count(*) FROM (SELECT order_id, count(*) n FROM raw.transactions GROUP BY 1) WHERE n NOT BETWEEN 1 AND 5'), 0);
    assert.equal(await scalar(wh, `SELECT count(*) FROM raw.inventory i LEFT JOIN (SELECT store_id, product_id, sum(quantity) q FROM raw.transactions GROUP BY ALL) s USING (store_id, product_id)
      WHERE i.units_sold <> coalesce(s.q, 0) OR i.stock_quantity <> greatest(i.initial_stock - i.units_sold, 0)`), 0);
    assert.equal(await scalar(wh, 'SELECT count(*) FROM raw.transactions t JOIN raw.orders o USING (order_id) WHERE t.order_date <> o.order_date OR t.store_id <> o.store_id'), 0);
    assert.equal(await scalar(wh, 'SELECT count(*) FROM (SELECT order_id FROM raw.returns GROUP BY 1 HAVING count(*) > 1)'), 0);
    assert.equal(await scalar(wh, 'SELECT count(*) FROM raw.returns WHERE return_date <= order_date'), 0);
    assert.equal(await scalar(wh, 'SELECT count(*) FROM raw.interactions i JOIN raw.sessions s USING (session_id) WHERE i.customer_id <> s.customer_id OR i.event_at < s.started_at'), 0);
  });
});

test('values look like the spec says: patterns, ranges, weights, seasonality', async () => {
  await withDb(dir, async (wh) => {
    assert.equal(await scalar(wh, "SELECT count(*) FROM raw.transactions WHERE NOT regexp_full_match(transaction_id, 'TXN_\\d{8}')"), 0);
    assert.equal(await scalar(wh, "SELECT min(order_id) = 'ORD_00000001' FROM raw.orders"), 1);
    assert.equal(await scalar(wh, 'SELECT count(*) FROM raw.products WHERE price < 2 OR price > 500 OR cost <> round(price * 0.6, 2)'), 0);
    const online = await scalar(wh, "SELECT avg(CASE WHEN channel = 'Online' THEN 1.0 ELSE 0 END) FROM raw.orders");
    assert.ok(online > 0.5 && online < 0.6, `Online share ${online}`);
    // Weekly weights: Saturday (15) starts clearly more sessions than Monday (10).
    const ratio = await scalar(wh, 'SELECT count(*) FILTER (WHERE isodow(started_at) = 6) / count(*) FILTER (WHERE isodow(started_at) = 1) FROM raw.sessions');
    assert.ok(ratio > 1.2 && ratio < 1.9, `Saturday/Monday ${ratio}`);
    // Zipf: the most popular product sells far more often than the median one.
    const skew = await scalar(wh, 'SELECT max(n) / median(n) FROM (SELECT product_id, count(*) n FROM raw.transactions GROUP BY 1)');
    assert.ok(skew > 10, `skew ${skew}`);
    assert.equal(await scalar(wh, "SELECT count(*) FROM raw.dates WHERE date_key <> strftime(date_day, '%Y%m%d')::INTEGER"), 0);
  });
});

test('the data dictionary and the lineage are written beside the data', () => {
  const meta = JSON.parse(readFileSync(join(dir, 'target', 'schema_metadata.json'), 'utf8')) as {
    tables: Record<string, { row_count: number; primary_key: string; columns: Record<string, { type: string }> }>;
    relationships: Array<{ table: string; column: string; references: string }>;
  };
  assert.equal(meta.tables.orders.primary_key, 'order_id');
  assert.equal(meta.tables.orders.row_count, report.tables.find((t) => t.name === 'orders')?.rows);
  assert.equal(meta.tables.transactions.columns.line_total.type, 'DECIMAL(18,2)');
  assert.ok(meta.relationships.some((r) => r.table === 'transactions' && r.column === 'order_id' && r.references === 'orders.order_id'));
  const lineage = parse(readFileSync(join(dir, 'target', 'generation_lineage.yaml'), 'utf8')) as { steps: Array<{ name: string; inputs?: string[] }> };
  const step = lineage.steps.find((s) => s.name === 'generate_transactions');
  assert.deepEqual(step?.inputs?.sort(), ['raw.orders', 'raw.products', 'raw.promotions']);
  assert.ok(lineage.steps.some((s) => s.name === 'aggregate_orders'));
  assert.ok(!existsSync(join(dir, 'warehouse.duckdb.wal')));
});

test('the scale changes row counts as configured: linear, sqrt and fixed', async () => {
  const other = tempProject();
  const big = await generate(other, { scale: 0.4 });
  const rows = (r: GenerateReport, t: string) => r.tables.find((x) => x.name === t)?.rows ?? 0;
  assert.equal(rows(big, 'dates'), rows(report, 'dates'));
  assert.equal(rows(big, 'promotions'), 30);
  // orders: 10,000 × scale; products: 500 × √scale.
  // (A few orders are withheld with the customers who arrive late, in batch 2.)
  assert.ok(rows(report, 'orders') <= 2000 && rows(report, 'orders') > 1900);
  assert.ok(Math.abs(rows(big, 'orders') / rows(report, 'orders') - 2) < 0.05);
  assert.equal(rows(big, 'products'), Math.round(500 * Math.sqrt(0.4)));
  assert.equal(rows(report, 'products'), Math.round(500 * Math.sqrt(0.2)));
  const ratio = rows(big, 'transactions') / rows(report, 'transactions');
  assert.ok(ratio > 1.9 && ratio < 2.1, `transactions ratio ${ratio}`);
});
