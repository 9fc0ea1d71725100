/**
 * The ecommerce-warehouse template (seed 003) end to end, as its README runs it: init, generate,
 * build, quality, lineage, erd, then a second batch in which customers move, and build again.
 * One generation at scale 1 for the whole file; each step reads what the previous one left.
 */
import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, test } from 'node:test';
import type { GenerateReport } from '../../../src/core/generate';
import { Warehouse } from '../../../src/core/run';
import { cli } from '../../helpers/cli';

interface RunResult {
  unique_id: string;
  status: string;
  failures: number | null;
}

const DB = 'ecommerce-warehouse.duckdb';
let dir = '';
let batch1: GenerateReport;

async function query(sql: string): Promise<Array<Record<string, unknown>>> {
  const wh = await Warehouse.open({ path: join(dir, DB), projectRoot: dir, targetDir: join(dir, 'target'), readOnly: true });
  try {
    const plain = (v: unknown) => (typeof v === 'bigint' ? Number(v) : v);
    return (await wh.query(sql)).map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, plain(v)])));
  } finally {
    wh.close();
  }
}

async function scalar(sql: string): Promise<number> {
  return Number(Object.values((await query(sql))[0])[0]);
}

async function generate(...args: string[]): Promise<GenerateReport> {
  const r = await cli(dir, 'generate', '--json', ...args);
  assert.equal(r.code, 0, r.out + r.err);
  const doc = JSON.parse(r.out) as { ok: boolean; reports: GenerateReport[] };
  assert.equal(doc.reports.length, 1);
  return doc.reports[0];
}

function defect(report: GenerateReport, table: string, type: string, column?: string): number {
  const d = report.defects.find((x) => x.table === table && x.type === type && x.column === column);
  assert.ok(d, `no ${type} defect on ${table}.${column ?? '*'} in the report`);
  return d.count;
}

function rows(report: GenerateReport, table: string): number {
  return report.tables.find((t) => t.name === table)?.rows ?? -1;
}

/** The staging tests that must warn, each with the defect count the generator reported. */
function expectedWarnings(r: GenerateReport): Record<string, number> {
  return {
    unique_stg_customers_customer_id: defect(r, 'customers', 'duplicate_keys'),
    not_null_stg_customers_email: defect(r, 'customers', 'nulls', 'email'),
    not_null_stg_customers_phone: defect(r, 'customers', 'nulls', 'phone'),
    not_null_stg_customers_city: defect(r, 'customers', 'nulls', 'city'),
    stg_customers_first_name_well_formed: defect(r, 'customers', 'malformed', 'first_name'),
    stg_customers_last_name_well_formed: defect(r, 'customers', 'malformed', 'last_name'),
    not_null_stg_products_price: defect(r, 'products', 'nulls', 'price'),
    stg_products_cost_below_price: defect(r, 'products', 'out_of_range', 'cost'),
    not_null_stg_products_supplier_id: defect(r, 'products', 'nulls', 'supplier_id'),
    stg_transactions_customer_exists: defect(r, 'transactions', 'orphan_fks', 'customer_id'),
    stg_transactions_date_in_window: defect(r, 'transactions', 'out_of_range', 'transaction_date'),
    not_null_stg_transactions_payment_method: defect(r, 'transactions', 'nulls', 'payment_method'),
    stg_transactions_payment_method_known: defect(r, 'transactions', 'malformed', 'payment_method'),
    stg_transaction_items_product_exists: defect(r, 'transaction_items', 'orphan_fks', 'product_id'),
    stg_transaction_items_quantity_positive: defect(r, 'transaction_items', 'out_of_range', 'quantity'),
    // A quantity made invalid no longer matches its line total: the same lines.
    stg_transaction_items_line_total_matches: defect(r, 'transaction_items', 'out_of_range', 'quantity'),
  };
}

/** Builds, then checks the run: no error, and exactly the expected warnings with their counts. */
async function buildAndCheckWarnings(report: GenerateReport): Promise<void> {
  const b = await cli(dir, 'build');
  assert.equal(b.code, 0, b.out + b.err);
  const results = (JSON.parse(readFileSync(join(dir, 'target', 'run_results.json'), 'utf8')) as { results: RunResult[] }).results;
  const bad = results.filter((r) => r.status !== 'success' && r.status !== 'pass' && r.status !== 'warn');
  assert.deepEqual(bad.map((r) => `${r.unique_id}: ${r.status}`), []);
  const warned = Object.fromEntries(results.filter((r) => r.status === 'warn').map((r) => [r.unique_id.split('.')[2], r.failures]));
  assert.deepEqual(warned, expectedWarnings(report));
}

/** Rows of `child` whose key has no row in `parent` (NULL keys are not orphans). */
async function orphans(child: string, column: string, parent: string, key = column): Promise<number> {
  return scalar(`select count(*) from ${child} c where c.${column} is not null and not exists (select 1 from ${parent} p where p.${key} = c.${column})`);
}

before(async () => {
  const parent = mkdtempSync(join(tmpdir(), 'ms-ecommerce-'));
  dir = join(parent, 'shop');
  const init = await cli(parent, 'init', '--template', 'ecommerce-warehouse', 'shop');
  assert.equal(init.code, 0, init.out + init.err);
  batch1 = await generate();
});

void test('generate: the four extracts at the documented volumes, with the defects the document lists', async () => {
  const r = batch1;
  assert.equal(r.scale, 1);
  assert.equal(rows(r, 'customers'), 1000 + defect(r, 'customers', 'duplicate_keys'));
  assert.equal(rows(r, 'products'), 500);
  assert.equal(rows(r, 'transactions'), 10_000);
  assert.ok(rows(r, 'transaction_items') >= 30_000 && rows(r, 'transaction_items') <= 32_000, `${rows(r, 'transaction_items')} items`);
  // Duplicates, invalid prices, cost ≥ price, bad dates, invalid quantities (and the rest).
  assert.equal(r.defects.length, 15);
  assert.ok(r.defects.every((d) => d.count > 0), JSON.stringify(r.defects));
  assert.equal(await scalar('select count(*) from raw.transaction_items'), rows(r, 'transaction_items'));
  assert.equal(await scalar('select count(*) from (select customer_id from raw.customers group by 1 having count(*) > 1)'), defect(r, 'customers', 'duplicate_keys'));
  assert.equal(await scalar('select count(*) from raw.products where cost >= price'), defect(r, 'products', 'out_of_range', 'cost'));
  assert.equal(await scalar('select count(*) from raw.transaction_items where quantity < 1'), defect(r, 'transaction_items', 'out_of_range', 'quantity'));
  assert.equal(await orphans('raw.transactions', 'customer_id', 'raw.customers'), defect(r, 'transactions', 'orphan_fks', 'customer_id'));
  assert.equal(await orphans('raw.transaction_items', 'product_id', 'raw.products'), defect(r, 'transaction_items', 'orphan_fks', 'product_id'));
  // Order totals are the sum of the lines as delivered.
  assert.equal(await scalar('select count(*) from raw.transactions t where total_amount <> (select coalesce(sum(line_total), 0) from raw.transaction_items i where i.transaction_id = t.transaction_id)'), 0);
  const meta = JSON.parse(readFileSync(join(dir, 'target', 'schema_metadata.json'), 'utf8')) as { tables: Record<string, { row_count: number }> };
  assert.deepEqual(Object.keys(meta.tables).sort(), ['customers', 'products', 'transaction_items', 'transactions']);
  assert.ok(existsSync(join(dir, 'target', 'generation_lineage.yaml')));
});

void test('build: exit 0; the staging tests warn with exactly the counts the generator reported; everything else passes', async () => {
  await buildAndCheckWarnings(batch1);
});

void test('production: the cleansing rules of the document, and every foreign key resolves', async () => {
  assert.equal(await scalar('select count(*) from production.customers'), 1000);
  assert.equal(await scalar('select count(distinct customer_id) from production.customers'), 1000);
  assert.equal(await scalar("select count(*) from production.customers where email = 'Unknown'"), defect(batch1, 'customers', 'nulls', 'email'));
  assert.equal(await scalar("select count(*) from production.customers where city = 'Unknown'"), defect(batch1, 'customers', 'nulls', 'city'));
  assert.equal(await scalar("select count(*) from production.customers where not regexp_full_match(first_name || last_name, '[A-Za-z'' -]+')"), 0);
  assert.equal(await scalar('select count(*) from production.products where not (cost < price and cost > 0)'), 0);
  assert.equal(await scalar('select count(*) from production.products where is_price_corrected'), defect(batch1, 'products', 'nulls', 'price'));
  assert.equal(await scalar("select count(*) from production.products where supplier_id = 'UNKNOWN'"), defect(batch1, 'products', 'nulls', 'supplier_id'));
  assert.equal(await scalar("select count(*) from production.transactions where transaction_date not between date '2023-01-01' and date '2024-12-31'"), 0);
  assert.equal(await scalar("select count(*) from production.transactions where payment_method not in ('credit_card', 'debit_card', 'paypal', 'bank_transfer', 'gift_card', 'cash_on_delivery', 'unknown')"), 0);
  // Transactions kept: those of a known customer inside the window; lines kept: positive
  // quantity, known product, kept transaction — recomputed here from raw, independently of the models.
  const keptTxn = `select transaction_id from raw.transactions t where transaction_date between date '2023-01-01' and date '2024-12-31' and customer_id in (select customer_id from raw.customers)`;
  assert.equal(await scalar('select count(*) from production.transactions'), await scalar(`select count(*) from (${keptTxn})`));
  const keptLines = await scalar(`select count(*) from raw.transaction_items where quantity >= 1 and product_id in (select product_id from raw.products) and transaction_id in (${keptTxn})`);
  assert.equal(await scalar('select count(*) from production.transaction_items'), keptLines);
  assert.equal(await scalar('select count(*) from production.transactions t where total_amount <> (select coalesce(sum(line_total), 0) from production.transaction_items i where i.transaction_id = t.transaction_id)'), 0);
  const audit = await query('select table_name, rows_in, rows_out, rows_removed from production.load_audit order by table_name');
  assert.deepEqual(audit.find((a) => a.table_name === 'customers'), { table_name: 'customers', rows_in: rows(batch1, 'customers'), rows_out: 1000, rows_removed: defect(batch1, 'customers', 'duplicate_keys') });
  assert.equal(audit.find((a) => a.table_name === 'transaction_items')?.rows_out, keptLines);
  for (const [child, col, parent] of [
    ['production.transactions', 'customer_id', 'production.customers'],
    ['production.transaction_items', 'transaction_id', 'production.transactions'],
    ['production.transaction_items', 'product_id', 'production.products'],
  ]) assert.equal(await orphans(child, col, parent), 0, `${child}.${col}`);
});

void test('warehouse: one fact row per cleansed line item, every dimension key resolves, aggregates reconcile', async () => {
  const lines = await scalar('select count(*) from production.transaction_items');
  assert.equal(await scalar('select count(*) from warehouse.fact_sales'), lines);
  assert.equal(await scalar('select count(distinct sales_line_id) from warehouse.fact_sales'), lines);
  for (const [col, dim] of [
    ['customer_sk', 'warehouse.dim_customers'],
    ['product_sk', 'warehouse.dim_products'],
    ['date_sk', 'warehouse.dim_date'],
    ['payment_method_sk', 'warehouse.dim_payment_method'],
  ]) {
    assert.equal(await scalar(`select count(*) from warehouse.fact_sales where ${col} is null`), 0, col);
    assert.equal(await orphans('warehouse.fact_sales', col, dim), 0, col);
  }
  assert.equal(await scalar('select count(*) from warehouse.dim_customers'), 1000);
  assert.equal(await scalar('select count(*) from warehouse.dim_customers where not is_current'), 0);
  assert.equal(await scalar('select count(*) from warehouse.dim_date'), 731);
  assert.equal(
    await scalar('select sum(net_revenue) from warehouse.agg_daily_sales'),
    await scalar("select sum(line_total) from production.transaction_items i join production.transactions t using (transaction_id) where t.status in ('completed', 'pending')"),
  );
  assert.equal(await scalar('select count(*) from warehouse.agg_customer_lifetime'), 1000);
  assert.equal(await scalar('select count(*) from warehouse.agg_product_sales'), 500);
});

void test('quality: the staging data scored 0–100 over the five dimensions, losing points to the defects', async () => {
  const q = await cli(dir, 'quality', '--select', 'staging', '--json');
  assert.equal(q.code, 0, q.out + q.err);
  const report = JSON.parse(q.out) as { score: number; tables: Array<{ name: string; score: number; dimensions: Record<string, number | null> }> };
  assert.deepEqual(report.tables.map((t) => t.name).sort(), ['stg_customers', 'stg_products', 'stg_transaction_items', 'stg_transactions']);
  assert.ok(report.score > 90 && report.score < 100, String(report.score));
  const customers = report.tables.find((t) => t.name === 'stg_customers');
  assert.ok(customers && (customers.dimensions.uniqueness ?? 100) < 100 && (customers.dimensions.completeness ?? 100) < 100);
  const txn = report.tables.find((t) => t.name === 'stg_transactions');
  assert.ok(txn && (txn.dimensions.referential_integrity ?? 100) < 100 && (txn.dimensions.validity ?? 100) < 100);
});

void test('lineage and erd render: staging → production → warehouse, and the star schema keys', async () => {
  const l = await cli(dir, 'lineage', '--group-by', 'folder');
  assert.equal(l.code, 0, l.out + l.err);
  for (const g of ['staging', 'production', 'warehouse', 'snapshots']) assert.match(l.out, new RegExp(`subgraph g_${g}\\b`));
  assert.match(l.out, /snap_snap_customers --> m_dim_customers/);
  const e = await cli(dir, 'erd');
  assert.equal(e.code, 0, e.out + e.err);
  for (const rel of ['dim_customers ||--o{ fact_sales', 'dim_products ||--o{ fact_sales', 'dim_date ||--o{ fact_sales', 'dim_payment_method ||--o{ fact_sales', 'prod_transactions ||--o{ prod_transaction_items']) {
    assert.ok(e.out.includes(rel), `${rel} in\n${e.out}`);
  }
});

void test('batch 2: customers who moved get a second dim_customers row; the first is closed where the second begins', async () => {
  const r2 = await generate('--batch', '2');
  const changes = r2.tables.find((t) => t.name === 'customers')?.changes;
  assert.ok(changes && changes.updated > 0 && changes.inserted > 0, JSON.stringify(changes));
  const productChanges = r2.tables.find((t) => t.name === 'products')?.changes;
  assert.ok(productChanges && productChanges.updated > 0);
  await buildAndCheckWarnings(r2);

  // Every changed customer (and product) has exactly one closed version; new customers one current.
  assert.equal(await scalar('select count(*) from warehouse.dim_customers where not is_current'), changes.updated);
  assert.equal(await scalar('select count(*) from warehouse.dim_customers where is_current'), 1000 + changes.inserted);
  assert.equal(await scalar('select count(*) from warehouse.dim_products where not is_current'), productChanges.updated);

  const moved = await query(`
    select customer_id from warehouse.dim_customers
    group by customer_id
    having count(*) = 2 and count(distinct city) = 2 and bool_and(city <> 'Unknown')
       and customer_id in (select customer_id from warehouse.fact_sales)
    order by customer_id limit 1`);
  assert.equal(moved.length, 1, 'a customer with sales who moved to another city');
  const id = String(moved[0].customer_id);
  const versions = await query(`
    select customer_sk, city, version, is_current, valid_from::varchar as valid_from, valid_to::varchar as valid_to,
           effective_date::varchar as effective_date, end_date::varchar as end_date
    from warehouse.dim_customers where customer_id = '${id}' order by valid_from`);
  const [v1, v2] = versions;
  assert.equal(versions.length, 2);
  assert.deepEqual([v1.version, v1.is_current, v2.version, v2.is_current], [1, false, 2, true]);
  // Batch 2 is loaded one batch interval (1 day) after the reference date 2024-12-31.
  assert.equal(v2.valid_from, '2025-01-01 00:00:00');
  assert.equal(v1.valid_to, v2.valid_from);
  assert.equal(v2.valid_to, null);
  assert.equal(v2.end_date, null);
  assert.equal(v1.end_date, '2024-12-31');
  assert.equal(v2.effective_date, '2025-01-01');
  assert.ok(String(v1.valid_from) < String(v1.valid_to));
  assert.equal(await scalar(`select count(*) from staging.customers where customer_id = '${id}' and city = '${String(v2.city).replace(/'/g, "''")}'`) > 0, true);
  // Sales placed before the move keep the old version (and so the old city).
  const sks = await query(`select distinct customer_sk from warehouse.fact_sales where customer_id = '${id}'`);
  assert.ok(sks.every((s) => s.customer_sk === v1.customer_sk), JSON.stringify({ sks, v1 }));
  assert.equal(await scalar('select count(*) from warehouse.fact_sales'), await scalar('select count(*) from production.transaction_items'));
});
