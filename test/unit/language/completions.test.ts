import { strict as assert } from 'node:assert';
import { before, test } from 'node:test';
import { completions, type CompletionItem, type LanguageContext } from '../../../src/core/language';
import { at, ORDERS_SQL, shopProject, type Shop } from './shopProject';

let shop: Shop;
let ctx: LanguageContext;
before(() => {
  shop = shopProject();
  ctx = { manifest: shop.manifest };
});

const labels = (items: CompletionItem[]) => items.map((i) => i.label);
const complete = (text: string, marker: string, delta: number, c: LanguageContext = ctx) =>
  completions(c, { path: shop.path('models/marts/new.sql'), text }, at(text, marker, delta));

void test('inside ref(\'…\'): models, seeds and snapshots, replacing the whole name', () => {
  const items = completions(ctx, { path: shop.path('models/marts/orders.sql'), text: ORDERS_SQL }, at(ORDERS_SQL, 'stg_orders', 3));
  assert.deepEqual(labels(items), ['orders', 'raw_payments', 'stg_orders']);
  assert.deepEqual(items.map((i) => [i.kind, i.detail, i.insertText]), [
    ['model', 'model · view · models/marts/orders.sql', 'orders'],
    ['seed', 'seed · seeds/raw_payments.csv', 'raw_payments'],
    ['model', 'model · view · models/staging/stg_orders.sql', 'stg_orders'],
  ]);
  assert.deepEqual(items[2].range, { start: { line: 3, character: 26 }, end: { line: 3, character: 36 } });
  assert.equal(items[2].documentation, 'Orders | cleaned.');
});

void test('half-typed ref(\' with auto-closed or missing quotes', () => {
  assert.deepEqual(labels(complete("select * from {{ ref('') }}", "ref('", 5)), ['orders', 'raw_payments', 'stg_orders']);
  const open = complete("select * from {{ ref('stg", 'stg', 3);
  assert.deepEqual(labels(open), ['orders', 'raw_payments', 'stg_orders']);
  assert.deepEqual(open[0].range, { start: { line: 0, character: 22 }, end: { line: 0, character: 25 } });
  // Right after `ref(` the items bring their own quotes.
  const bare = complete('select * from {{ ref( }}', 'ref(', 4);
  assert.deepEqual(bare.map((i) => i.insertText), ["'orders'", "'raw_payments'", "'stg_orders'"]);
});

void test('inside source(\'…\'): source names, then that source\'s tables', () => {
  const names = complete("from {{ source('', 'orders') }}", "source('", 8);
  assert.deepEqual(labels(names), ['crm', 'raw']);
  assert.equal(names[1].detail, 'source · raw');
  assert.equal(names[1].documentation, 'Raw tables loaded by the generator.');
  const tables = complete("from {{ source('raw', 'o') }}", "'o'", 2);
  assert.deepEqual(labels(tables), ['customers', 'orders']);
  assert.deepEqual(tables.map((t) => t.detail), ['table · "warehouse"."raw"."customers"', 'table · "warehouse"."raw"."orders"']);
  assert.deepEqual(tables[0].range, { start: { line: 0, character: 23 }, end: { line: 0, character: 24 } });
  assert.deepEqual(labels(complete("from {{ source('crm', ' ", "', ' ", 4)), ['accounts']);
});

void test('macros and dbt builtins where Jinja expects a name; pkg. narrows to the package', () => {
  const items = complete('select {{ cen }}', 'cen', 2);
  assert.deepEqual(labels(items).slice(0, 4), ['cents_to_dollars', 'ref', 'source', 'config']);
  assert.equal(items[0].detail, 'cents_to_dollars(column_name, scale)');
  assert.deepEqual(items[0].range, { start: { line: 0, character: 10 }, end: { line: 0, character: 13 } });
  assert.ok(!labels(items).includes('test_positive'), 'generic tests are not called from models');
  assert.deepEqual(labels(complete('{{ shop.c }}', 'shop.c', 6)), ['cents_to_dollars']);
  assert.deepEqual(labels(complete('{{ other.c }}', 'other.c', 7)), []);
  assert.deepEqual(labels(complete("{{ log('cen') }}", 'cen', 2)), [], 'no names inside a string');
  assert.deepEqual(labels(complete('{# cen #}', 'cen', 2)), [], 'nor in a Jinja comment');
});

void test('columns of the relations the model refs: catalog types first, YAML otherwise, in table order', () => {
  const text = "select  from {{ ref('stg_orders') }} join {{ ref('raw_payments') }} using (order_id)";
  const yamlOnly = complete(text, 'select ', 1);
  assert.deepEqual(yamlOnly.map((i) => [i.label, i.detail]), [
    ['order_id', 'integer · stg_orders'],
    ['status', 'stg_orders'],
  ]);
  const withCatalog: LanguageContext = {
    manifest: shop.manifest,
    catalog: {
      'main.stg_orders': [
        { name: 'order_id', type: 'INTEGER' },
        { name: 'status', type: 'VARCHAR' },
        { name: 'amount_cents', type: 'BIGINT' },
      ],
      '"warehouse"."main"."raw_payments"': [
        { name: 'id', type: 'INTEGER' },
        { name: 'order_id', type: 'INTEGER' },
        { name: 'amount', type: 'INTEGER' },
      ],
    },
  };
  const items = complete(text, 'select ', 1, withCatalog);
  assert.deepEqual(items.map((i) => [i.label, i.detail, i.sortText]), [
    ['order_id', 'INTEGER · stg_orders, raw_payments', '00000'],
    ['status', 'VARCHAR · stg_orders', '00001'],
    ['amount_cents', 'BIGINT · stg_orders', '00002'],
    ['id', 'INTEGER · raw_payments', '00003'],
    ['amount', 'INTEGER · raw_payments', '00004'],
  ]);
  assert.equal(items[0].documentation, 'Primary key.');
  const sources = complete("select i from {{ source('raw', 'orders') }}", 'select i', 8);
  assert.deepEqual(sources.map((i) => [i.label, i.detail]), [
    ['id', 'integer · raw.orders'],
    ['amount_cents', 'bigint · raw.orders'],
  ]);
  assert.deepEqual(sources[0].range, { start: { line: 0, character: 7 }, end: { line: 0, character: 8 } });
});

void test('no columns inside SQL strings or comments', () => {
  const text = "select 'a' -- b\nfrom {{ ref('stg_orders') }}";
  assert.deepEqual(complete(text, "'a'", 2), []);
  assert.deepEqual(complete(text, '-- b', 4), []);
});
