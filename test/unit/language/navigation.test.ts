import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { before, test } from 'node:test';
import { codeLenses, definition, documentLinks, type LanguageContext } from '../../../src/core/language';
import { at, ORDERS_SQL, shopProject, STG_ORDERS_SQL, type Shop } from './shopProject';

let shop: Shop;
let ctx: LanguageContext;
before(() => {
  shop = shopProject();
  ctx = { manifest: shop.manifest };
});

const orders = () => ({ path: shop.path('models/marts/orders.sql'), text: ORDERS_SQL });
const stg = () => ({ path: shop.path('models/staging/stg_orders.sql'), text: STG_ORDERS_SQL });
const zero = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

void test('ref → the model file, from the name, the string or the closing parenthesis', () => {
  for (const [marker, delta] of [["ref('stg", 1], ['stg_orders', 4], ["stg_orders')", 11]] as const) {
    assert.deepEqual(definition(ctx, orders(), at(ORDERS_SQL, marker, delta)), { file: shop.path('models/staging/stg_orders.sql'), range: zero }, marker);
  }
  assert.deepEqual(definition(ctx, orders(), at(ORDERS_SQL, 'raw_payments', 2))?.file, shop.path('seeds/raw_payments.csv'));
  assert.equal(definition(ctx, orders(), at(ORDERS_SQL, 'select *', 2)), undefined, 'plain SQL has no definition');
});

void test('source → its table entry in schema YAML', () => {
  const loc = definition(ctx, stg(), at(STG_ORDERS_SQL, "'orders'", 2));
  assert.equal(loc?.file, shop.path('models/staging/sources.yml'));
  const yamlLine = readFileSync(loc.file, 'utf8').split('\n')[loc.range.start.line];
  assert.equal(loc?.range.start.line, 5);
  assert.equal(yamlLine.slice(loc.range.start.character), 'name: orders');
});

void test('macro → its {% macro %} line; doc() in YAML → its docs block', () => {
  assert.deepEqual(definition(ctx, orders(), at(ORDERS_SQL, 'cents_to_dollars', 5)), { file: shop.path('macros/money.sql'), range: zero });
  const yaml = readFileSync(shop.path('models/staging/schema.yml'), 'utf8');
  const loc = definition(ctx, { path: shop.path('models/staging/schema.yml'), text: yaml }, at(yaml, 'order_status', 3));
  assert.deepEqual(loc, { file: shop.path('models/docs.md'), range: zero });
  assert.equal(definition(ctx, orders(), at(ORDERS_SQL, 'config', 2)), undefined, 'builtins have no file');
});

void test('unknown names resolve to nothing', () => {
  const text = "select * from {{ ref('nope') }} join {{ source('raw', 'nope') }} {{ no_macro() }}";
  const doc = { path: shop.path('models/x.sql'), text };
  for (const marker of ['nope', "'nope'", 'no_macro']) assert.equal(definition(ctx, doc, at(text, marker, 1)), undefined, marker);
  assert.deepEqual(documentLinks(ctx, doc), []);
});

void test('document links sit on the model name and the source table name', () => {
  const links = documentLinks(ctx, orders());
  assert.deepEqual(
    links.map((l) => [l.range, l.target.file, l.target.line, l.tooltip]),
    [
      [{ start: { line: 3, character: 26 }, end: { line: 3, character: 36 } }, shop.path('models/staging/stg_orders.sql'), 0, 'Open model stg_orders (models/staging/stg_orders.sql)'],
      [{ start: { line: 6, character: 26 }, end: { line: 6, character: 38 } }, shop.path('seeds/raw_payments.csv'), 0, 'Open seed raw_payments (seeds/raw_payments.csv)'],
    ],
  );
  const [src] = documentLinks(ctx, stg());
  assert.deepEqual(src.range, { start: { line: 4, character: 23 }, end: { line: 4, character: 29 } });
  assert.deepEqual(src.target, { file: shop.path('models/staging/sources.yml'), line: 5 });
  assert.equal(src.tooltip, 'Open source raw.orders (models/staging/sources.yml:6)');
});

void test('code lenses: one row above each model file, none elsewhere', () => {
  const lenses = codeLenses(ctx, orders());
  assert.deepEqual(
    lenses.map((l) => [l.range, l.command.title, l.command.command, l.command.arguments]),
    [
      [zero, '▶ Run', 'modelStudio.runModel', [shop.path('models/marts/orders.sql')]],
      [zero, 'Run + downstream', 'modelStudio.runModelDownstream', [shop.path('models/marts/orders.sql')]],
      [zero, 'Compiled SQL', 'modelStudio.showCompiledSql', [shop.path('models/marts/orders.sql')]],
      [zero, 'Preview', 'modelStudio.previewResults', [shop.path('models/marts/orders.sql')]],
      [zero, 'Lineage', 'modelStudio.showLineage', [shop.path('models/marts/orders.sql')]],
    ],
  );
  assert.deepEqual(codeLenses(ctx, { path: shop.path('macros/money.sql'), text: '' }), []);
  assert.deepEqual(codeLenses(ctx, { path: shop.path('models/staging/schema.yml'), text: '' }), []);
});
