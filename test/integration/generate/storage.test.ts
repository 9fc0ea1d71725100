/**
 * How tables are written: keys formatted the cheap way give the same text as printf, templates
 * built by one concat() the same as a chain of ||, text columns carry the compression chosen for
 * them (rename and attach mode alike), and a table rebuilt for its aggregates leaves nothing behind.
 */
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { test } from 'node:test';
import { generateDataset, type GenerateReport } from '../../../src/core/generate';
import { Warehouse } from '../../../src/core/run';
import { scalar, tempProject, withDb } from './helpers';

const SPEC = `name: storage
tables:
  regions:
    rows: 5
    scaling: fixed
    columns:
      region_id: { id: "R{seq:02}" }
  people:
    rows: 20000
    columns:
      person_id: { id: "P{seq:06}" }
      region_id: { ref: regions.region_id }
      first_name: { faker: person.firstName, pool: 300, null_rate: 0.3 }
      age: { int: [18, 90], null_rate: 0.2 }
      email: { template: "{first_name}.{age}.{seq}@example.com" }
      code: { template: "X-{upper:3}-{seq:03}" }
      tier: { choice: { gold: 1, silver: 3, bronze: 6 } }
      spent: { aggregate: { from: orders, sql: "sum(amount)", default: 0 } }
  orders:
    rows: 70000
    columns:
      order_id: { id: "O{seq:03}" }
      person_id: { ref: people.person_id, distribution: zipf, s: 1.1 }
      amount: { decimal: { min: 1, max: 100, decimals: 2 } }
  lines:
    rows: 1000
    scaling: fixed
    columns:
      line_id: { seq: 1 }
      order_id: { ref: orders.order_id }
`;

const dir = tempProject({ 'datasets/storage.yml': SPEC });
const dbPath = join(dir, 'warehouse.duckdb');
const plans = new Map<string, string>();
let report: GenerateReport;

async function run(extra: { explain?: (table: string, sql: string, plan: string) => void } = {}): Promise<GenerateReport> {
  return generateDataset({ projectRoot: dir, specFile: 'datasets/storage.yml', dbPath, targetDir: join(dir, 'target'), threads: 2, ...extra });
}

async function compression(wh: Warehouse, table: string): Promise<Record<string, string>> {
  const rows = await wh.query(`SELECT column_name AS name, string_agg(DISTINCT compression, ',' ORDER BY compression) AS c FROM pragma_storage_info('raw.${table}') WHERE segment_type = 'VARCHAR' GROUP BY ALL`);
  return Object.fromEntries(rows.map((r) => [String(r.name), String(r.c)]));
}

void test('the dataset generates, each table with the CPU time it took', async () => {
  report = await run({ explain: (table, sql, plan) => plans.set(table, `${sql}\n${plan}`) });
  assert.equal(report.commit, 'rename');
  for (const t of report.tables) assert.ok(t.cpuSeconds >= 0 && Number.isFinite(t.cpuSeconds), t.name);
  // Profiling: every table's statement and plan, the aggregate rebuild of people included.
  assert.deepEqual([...plans.keys()].sort(), ['lines', 'orders', 'people', 'regions']);
  assert.match(plans.get('orders') ?? '', /INSERT INTO[\s\S]*PROJECTION/);
});

void test('keys padded by lpad or printf read the same, and every reference resolves', async () => {
  await withDb(dir, async (wh) => {
    // Fits its padding (lpad) in people; wider than its padding (printf) in orders.
    assert.equal(await scalar(wh, `SELECT count(*) FROM raw.people WHERE person_id <> 'P' || printf('%06d', rowid + 1)`), 0);
    assert.equal(await scalar(wh, `SELECT count(*) FROM raw.orders WHERE order_id <> 'O' || printf('%03d', rowid + 1)`), 0);
    assert.equal(await scalar(wh, `SELECT count(*) FROM raw.orders WHERE order_id IN ('O001', 'O999', 'O1000', 'O70000')`), 4);
    // Refs picked from a key list (regions, people: up to 65,536 rows) and formatted per row (orders: 70,000).
    for (const [child, col, parent] of [['people', 'region_id', 'regions'], ['orders', 'person_id', 'people'], ['lines', 'order_id', 'orders']]) {
      assert.equal(await scalar(wh, `SELECT count(*) FROM raw.${child} c WHERE NOT EXISTS (SELECT 1 FROM raw.${parent} p WHERE p.${col} = c.${col})`), 0, `${child}.${col}`);
    }
    assert.equal(await scalar(wh, 'SELECT count(DISTINCT region_id) FROM raw.people'), 5);
  });
});

void test("templates read NULL columns as '', as the || chain with coalesce did", async () => {
  await withDb(dir, async (wh) => {
    assert.ok((await scalar(wh, 'SELECT count(*) FROM raw.people WHERE first_name IS NULL AND age IS NULL')) > 0);
    const expected = `coalesce(first_name::VARCHAR, '') || '.' || coalesce(age::VARCHAR, '') || '.' || (rowid + 1)::VARCHAR || '@example.com'`;
    assert.equal(await scalar(wh, `SELECT count(*) FROM raw.people WHERE email IS DISTINCT FROM ${expected}`), 0);
    assert.equal(await scalar(wh, `SELECT count(*) FROM raw.people WHERE NOT regexp_full_match(code, 'X-[A-Z]{3}-[0-9]{3,}')`), 0);
  });
});

void test('text columns carry the compression chosen for them; the types are those of a plain CREATE TABLE AS', async () => {
  await withDb(dir, async (wh) => {
    const people = await compression(wh, 'people');
    assert.equal(people.person_id, 'FSST');
    assert.equal(people.email, 'FSST');
    assert.equal(people.region_id, 'Dictionary');
    assert.equal(people.tier, 'Dictionary');
    assert.equal(people.first_name, 'Dictionary');
    // DuckDB left to itself picks a dictionary for this one (20,000 keys): the hint is what made it FSST.
    assert.equal((await compression(wh, 'orders')).person_id, 'FSST');
    const types = await wh.query(`SELECT table_name || '.' || column_name AS c, data_type AS t FROM information_schema.columns WHERE table_schema = 'raw' ORDER BY ALL`);
    const byName = Object.fromEntries(types.map((r) => [String(r.c), String(r.t)]));
    assert.equal(byName['people.person_id'], 'VARCHAR');
    assert.equal(byName['people.age'], 'INTEGER');
    assert.equal(byName['orders.amount'], 'DECIMAL(18,2)');
    assert.equal(byName['people.spent'], 'DECIMAL(38,2)');
    // The table rebuilt for its aggregate took its name back; nothing else is left in the schema.
    const tables = await wh.query(`SELECT table_name AS t FROM duckdb_tables() WHERE schema_name = 'raw' ORDER BY 1`);
    assert.deepEqual(tables.map((r) => String(r.t)), ['lines', 'orders', 'people', 'regions']);
    assert.equal(await scalar(wh, 'SELECT count(*) FROM raw.people p WHERE spent <> (SELECT coalesce(sum(amount), 0) FROM raw.orders o WHERE o.person_id = p.person_id)'), 0);
  });
});

void test('copied into a file that also holds models, the tables keep their compression and their rows', async () => {
  const before = await withDb(dir, (wh) => scalar(wh, 'SELECT sum(hash(person_id, email, rowid)) % 1000000007 FROM raw.people'));
  const wh = await Warehouse.open({ path: dbPath, projectRoot: dir, targetDir: join(dir, 'target') });
  try {
    await wh.run('CREATE SCHEMA models; CREATE TABLE models.m AS SELECT 1 AS x');
  } finally {
    wh.close();
  }
  const again = await run();
  assert.equal(again.commit, 'attach');
  await withDb(dir, async (w) => {
    assert.equal(await scalar(w, 'SELECT sum(hash(person_id, email, rowid)) % 1000000007 FROM raw.people'), before);
    const people = await compression(w, 'people');
    assert.equal(people.person_id, 'FSST');
    assert.equal(people.tier, 'Dictionary');
    assert.equal((await compression(w, 'orders')).person_id, 'FSST');
    assert.equal(await scalar(w, 'SELECT count(*) FROM models.m'), 1);
  });
});
