import { strict as assert } from 'node:assert';
import { before, test } from 'node:test';
import { hover, type LanguageContext } from '../../../src/core/language';
import { at, ORDERS_SQL, shopProject, STG_ORDERS_SQL, type Shop } from './shopProject';

let shop: Shop;
let ctx: LanguageContext;
before(() => {
  shop = shopProject();
  ctx = { manifest: shop.manifest };
});

const orders = () => ({ path: shop.path('models/marts/orders.sql'), text: ORDERS_SQL });

void test('hover on a ref: description, materialization, relation and YAML columns (pipes escaped)', () => {
  const h = hover(ctx, orders(), at(ORDERS_SQL, 'stg_orders', 2));
  assert.deepEqual(h?.range, { start: { line: 3, character: 21 }, end: { line: 3, character: 38 } });
  assert.equal(
    h?.markdown,
    [
      '**stg_orders** — model, materialized as `view`',
      '',
      'Orders | cleaned.',
      '',
      'Relation: `"warehouse"."main"."stg_orders"`',
      '',
      'Defined in `models/staging/stg_orders.sql`',
      '',
      'Columns (from schema YAML):',
      '',
      '| column | type | description |',
      '| --- | --- | --- |',
      '| order_id | integer | Primary key. |',
      '| status |  | One of placed, shipped, returned. |',
    ].join('\n'),
  );
});

void test('hover on a ref with a catalog: DuckDB types in table order, YAML descriptions kept', () => {
  const withCatalog = { ...ctx, catalog: { 'main.raw_payments': [{ name: 'id', type: 'BIGINT' }, { name: 'amount', type: 'DECIMAL(10,2)' }] } };
  const h = hover(withCatalog, orders(), at(ORDERS_SQL, "ref('raw_payments')", 1));
  assert.equal(
    h?.markdown,
    [
      '**raw_payments** — seed, materialized as `seed`',
      '',
      'Relation: `"warehouse"."main"."raw_payments"`',
      '',
      'Defined in `seeds/raw_payments.csv`',
      '',
      'Columns (from DuckDB):',
      '',
      '| column | type | description |',
      '| --- | --- | --- |',
      '| id | BIGINT |  |',
      '| amount | DECIMAL(10,2) |  |',
    ].join('\n'),
  );
});

void test('hover on a source: table and source descriptions, relation, where it is declared', () => {
  const h = hover(ctx, { path: shop.path('models/staging/stg_orders.sql'), text: STG_ORDERS_SQL }, at(STG_ORDERS_SQL, 'source', 1));
  assert.equal(
    h?.markdown,
    [
      '**raw.orders** — source table',
      '',
      'One row per order as placed.',
      '',
      'Source `raw`: Raw tables loaded by the generator.',
      '',
      'Relation: `"warehouse"."raw"."orders"`',
      '',
      'Declared in `models/staging/sources.yml` line 6',
      '',
      'Columns (from schema YAML):',
      '',
      '| column | type | description |',
      '| --- | --- | --- |',
      '| id | integer |  |',
      '| amount_cents | bigint |  |',
    ].join('\n'),
  );
});

void test('hover on a macro call and on a relation nobody documented', () => {
  const m = hover(ctx, orders(), at(ORDERS_SQL, 'cents_to_dollars', 3));
  assert.equal(m?.markdown, '```jinja\n{% macro cents_to_dollars(column_name, scale) %}\n```\n\nMacro in `macros/money.sql` line 1');
  const text = "select * from {{ source('crm', 'accounts') }}";
  const bare = hover(ctx, { path: shop.path('models/a.sql'), text }, at(text, 'accounts', 1));
  assert.match(bare!.markdown, /_No columns known: run the model or document them in schema YAML._$/);
  assert.equal(hover(ctx, orders(), at(ORDERS_SQL, 'join', 1)), undefined);
});
