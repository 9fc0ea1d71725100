import { strict as assert } from 'node:assert';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { datasetRelations, loadDatasetSpec, parseDatasetSpec } from '../../../src/core/generate';
import { tableOrder } from '../../../src/core/generate/deps';
import { formatProblem, type Problem } from '../../../src/core/problems';

const FILE = '/proj/datasets/bad.yml';
const RETAIL = resolve(__dirname, '..', '..', 'fixtures', 'generate', 'retail', 'datasets', 'retail.yml');

function problemsOf(text: string): Problem[] {
  return parseDatasetSpec(text, FILE).problems;
}

/** The one problem a spec has, as `line:column code`. */
function only(text: string): string {
  const ps = problemsOf(text);
  assert.equal(ps.length, 1, ps.map((p) => formatProblem(p)).join('\n'));
  return `${ps[0].line}:${ps[0].column} ${ps[0].code}`;
}

const base = (tables: string) => `name: t\nseed: 1\ntables:\n${tables}`;

test('the retail example loads without problems and describes its keys', () => {
  const l = loadDatasetSpec(RETAIL);
  assert.deepEqual(l.problems, []);
  assert.equal(l.spec?.tables.length, 11);
  const rels = datasetRelations(l.spec);
  const tx = rels.find((r) => r.table === 'transactions');
  assert.deepEqual(tx?.primaryKey, ['transaction_id']);
  assert.deepEqual(tx?.foreignKeys.map((f) => `${f.columns[0]}->${f.refTable}.${f.refColumns[0]}:${f.cardinality}:${f.nullable}`), [
    'order_id->orders.order_id:one-to-many:false',
    'product_id->products.product_id:one-to-many:false',
    'promo_id->promotions.promo_id:one-to-many:true',
  ]);
  const returns = rels.find((r) => r.table === 'returns');
  assert.equal(returns?.foreignKeys[0].cardinality, 'one-to-one');
  const inventory = rels.find((r) => r.table === 'inventory');
  assert.deepEqual(inventory?.foreignKeys.map((f) => f.refTable), ['stores', 'products']);
});

test('a foreign key to an unknown table fails at its line with a suggestion', () => {
  const text = base(`  customers:\n    rows: 10\n    columns:\n      id: { id: "C_{seq}" }\n  orders:\n    rows: 10\n    columns:\n      customer_id: { ref: customer.id }\n`);
  const ps = problemsOf(text);
  assert.equal(ps.length, 1);
  assert.equal(formatProblem(ps[0]), `${FILE}:11:27: error: ref of 'orders.customer_id' names table 'customer', which the spec does not define [unknown-table]\n  hint: did you mean 'customers'?`);
});

test('an unknown Faker method fails at its line with a suggestion', () => {
  const ps = problemsOf(base(`  people:\n    rows: 10\n    columns:\n      name: { faker: person.fullNam }\n`));
  assert.equal(ps.length, 1);
  assert.equal(`${ps[0].line}:${ps[0].column} ${ps[0].code}`, '7:22 unknown-faker-method');
  assert.ok(ps[0].suggestions?.includes('person.fullName'));
});

test('cyclic derived columns fail at the first column of the cycle', () => {
  assert.equal(only(base(`  t:\n    rows: 5\n    columns:\n      a: { sql: "b + 1" }\n      b: { sql: "c * 2" }\n      c: { sql: "a - 1" }\n`)), '7:17 cycle');
});

test('tables that are each other\'s parents fail as a cycle', () => {
  assert.equal(only(base(`  a:\n    rows: { per: b }\n    columns:\n      x: { seq: 1 }\n  b:\n    rows: { per: a }\n    columns:\n      y: { seq: 1 }\n`)), '5:11 cycle');
});

test('a negative row count fails at its value', () => {
  assert.equal(only(base(`  t:\n    rows: -5\n    columns:\n      a: { seq: 1 }\n`)), '5:11 spec-range');
});

test('an unknown key is reported with what was meant', () => {
  const ps = problemsOf(base(`  t:\n    rows: 5\n    colums:\n      a: { seq: 1 }\n`));
  assert.equal(ps[0].code, 'spec-unknown-key');
  assert.equal(`${ps[0].line}:${ps[0].column}`, '6:5');
  assert.deepEqual(ps[0].suggestions, ['columns']);
});

test('YAML syntax errors carry their position', () => {
  const ps = problemsOf('name: t\ntables:\n  t: {rows: 5\n');
  assert.equal(ps[0].code, 'yaml-syntax');
  assert.equal(ps[0].file, FILE);
  assert.ok(ps[0].line >= 3);
});

test('a ref must point at a generated key, a defect must fit its column', () => {
  const ps = problemsOf(base(
    `  a:\n    rows: 5\n    columns:\n      id: { id: "A{seq}" }\n      name: { faker: person.firstName }\n  b:\n    rows: 5\n    columns:\n      a_name: { ref: a.name }\n      n: { int: [1, 3] }\n    defects:\n      - { type: malformed, column: n, rate: 0.1 }\n      - { type: orphan_fks, column: n, count: 1 }\n`,
  ));
  assert.deepEqual(ps.map((p) => `${p.line} ${p.code}`), ['12 ref-not-key', '15 defect-column', '16 defect-column']);
});

test('a defect on a key that others reference is refused (it would orphan them)', () => {
  const ps = problemsOf(base(`  a:\n    rows: 5\n    columns:\n      id: { id: "A{seq}" }\n    defects:\n      - { type: nulls, column: id, rate: 0.1 }\n  b:\n    rows: 5\n    columns:\n      a_id: { ref: a.id }\n`));
  assert.deepEqual(ps.map((p) => `${p.line} ${p.code}`), ['9 defect-column']);
});

test('generators check their own arguments', () => {
  const cases: Array<[string, string]> = [
    ['x: { int: [5, 1] }', 'spec-range'],
    ['x: { date: [2024-05-01, 2024-01-01] }', 'spec-range'],
    ['x: { id: "NO_SEQ" }', 'spec-pattern'],
    ['x: { choice: [] }', 'spec-type'],
    ['x: { int: [1, 2], faker: person.firstName }', 'spec-generator'],
    ['x: { decimal: { distribution: gamma, min: 1, max: 2 } }', 'spec-distribution'],
    ['x: { bool: 1.5 }', 'spec-range'],
  ];
  for (const [col, code] of cases) {
    const ps = problemsOf(base(`  t:\n    rows: 5\n    columns:\n      ${col}\n`));
    assert.ok(ps.length >= 1 && ps[0].code === code && ps[0].line === 7, `${col}: ${ps.map((p) => `${p.line} ${p.code}`).join(', ')}`);
  }
});

test('changes may not update keys, and child tables take inserts from their parents', () => {
  const ps = problemsOf(base(
    `  a:\n    rows: 5\n    columns:\n      id: { id: "A{seq}" }\n      city: { faker: location.city }\n    changes: { updates: 0.1, update_columns: [id, city] }\n  b:\n    rows: { per: a }\n    columns:\n      a_id: { parent: id }\n    changes: { inserts: 0.1 }\n`,
  ));
  assert.deepEqual(ps.map((p) => `${p.line} ${p.code}`), ['9 changes-key', '14 changes-child']);
});

test('the dataset schema may not be main: generation replaces its schema whole', () => {
  assert.equal(only('name: t\nschema: main\ntables:\n  t:\n    rows: 1\n    columns:\n      a: { seq: 1 }\n'), '2:9 spec-name');
});

test('a sql: lookup into another table orders the generation, and lookups in a cycle are refused', () => {
  const ok = parseDatasetSpec(base(`  lines:\n    rows: 5\n    columns:\n      product_id: { ref: products.product_id }\n      price: { sql: "(SELECT list(price ORDER BY product_id) FROM raw.products)[product_id]" }\n  products:\n    rows: 3\n    columns:\n      product_id: { seq: 1 }\n      price: { int: [1, 9] }\n`), FILE);
  assert.deepEqual(ok.problems, []);
  assert.deepEqual(tableOrder(ok.spec!).map((t) => t.name), ['products', 'lines']);
  const cyc = problemsOf(base(`  a:\n    rows: 5\n    columns:\n      x: { sql: "(SELECT max(y) FROM raw.b)" }\n  b:\n    rows: 5\n    columns:\n      y: { sql: "(SELECT max(x) FROM raw.a)" }\n`));
  assert.deepEqual(cyc.map((p) => p.code), ['cycle']);
});
