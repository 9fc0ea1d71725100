import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import type { TestDefinition } from '../../../src/core/project';
import { pythonRepr, pythonStr, synthesizeTestNames, testNames, testUniqueId } from '../../../src/core/tests';

const place = { file: '/p/models/schema.yml', line: 1, column: 1 };

function def(testName: string, attachedName: string, columnName: string | undefined, args: Record<string, unknown> = {}, extra: Partial<TestDefinition> = {}): TestDefinition {
  return { testName, args, config: {}, attachedKind: 'model', attachedName, columnName, place, yamlPath: 'models/schema.yml', ...extra };
}

function id(d: TestDefinition): string {
  return testUniqueId('jaffle_shop', testNames(d).fullName, d);
}

void test('unique ids match the ones dbt-core generates for the jaffle_shop project', () => {
  assert.equal(id(def('unique', 'customers', 'customer_id')), 'test.jaffle_shop.unique_customers_customer_id.c5af1ff4b1');
  assert.equal(id(def('not_null', 'customers', 'customer_id')), 'test.jaffle_shop.not_null_customers_customer_id.5c9bf9911d');
  assert.equal(id(def('unique', 'orders', 'order_id')), 'test.jaffle_shop.unique_orders_order_id.fed79b3a6e');
  assert.equal(id(def('not_null', 'stg_orders', 'order_id')), 'test.jaffle_shop.not_null_stg_orders_order_id.81cfe2fe64');
  assert.equal(
    id(def('relationships', 'orders', 'customer_id', { to: "ref('customers')", field: 'customer_id' })),
    'test.jaffle_shop.relationships_orders_customer_id__customer_id__ref_customers_.c6ec7f58f2',
  );
  const statuses = ['placed', 'shipped', 'completed', 'return_pending', 'returned'];
  assert.equal(
    id(def('accepted_values', 'stg_orders', 'status', { values: statuses })),
    'test.jaffle_shop.accepted_values_stg_orders_status__placed__shipped__completed__return_pending__returned.080fb20aad',
  );
  assert.equal(
    id(def('accepted_values', 'orders', 'status', { values: statuses })),
    'test.jaffle_shop.accepted_values_orders_status__placed__shipped__completed__return_pending__returned.be6b5b5ec3',
  );
  assert.equal(
    id(def('accepted_values', 'stg_payments', 'payment_method', { values: ['credit_card', 'coupon', 'bank_transfer', 'gift_card'] })),
    'test.jaffle_shop.accepted_values_stg_payments_payment_method__credit_card__coupon__bank_transfer__gift_card.3c3820f278',
  );
});

void test('names of 64+ characters get dbt\'s hashed short name (the file name and alias)', () => {
  const n = testNames(def('accepted_values', 'stg_orders', 'status', { values: ['placed', 'shipped', 'completed', 'return_pending', 'returned'] }));
  assert.equal(n.shortName, 'accepted_values_stg_orders_4f514bf94b77b7ea437830eec4421c58');
  const short = testNames(def('unique', 'orders', 'order_id'));
  assert.equal(short.shortName, short.fullName);
});

void test('sources, packages, model-level tests and explicit names', () => {
  const src = def('unique', 'raw.orders', 'id', {}, { attachedKind: 'source', sourceName: 'raw', tableName: 'orders' });
  assert.equal(testNames(src).fullName, 'source_unique_raw_orders_id');
  assert.match(id(src), /^test\.jaffle_shop\.source_unique_raw_orders_id\.[0-9a-f]{10}$/);
  assert.equal(testNames(def('dbt_utils.accepted_range', 'orders', 'amount', { min_value: 0 })).fullName, 'dbt_utils_accepted_range_orders_amount__0');
  assert.equal(
    testNames(def('dbt_utils.unique_combination_of_columns', 'orders', undefined, { combination_of_columns: ['order_id', 'customer_id'] })).fullName,
    'dbt_utils_unique_combination_of_columns_orders_order_id__customer_id',
  );
  assert.equal(testNames(def('dbt_utils.expression_is_true', 'orders', 'amount', { expression: '>= 0' })).fullName, 'dbt_utils_expression_is_true_orders_amount___0');
  assert.equal(testNames(def('unique', 'orders', 'order_id', {}, { explicitName: 'orders_pk' })).fullName, 'orders_pk');
  // Args are sorted by name; booleans and numbers print as Python would.
  assert.equal(synthesizeTestNames('accepted_values', 'o', { values: [1, 2], quote: false, column_name: 'c' }).fullName, 'accepted_values_o_c__False__1__2');
});

void test('Python repr and str, as dbt hashes them', () => {
  assert.equal(pythonRepr("{{ get_where_subquery(ref('x')) }}"), `"{{ get_where_subquery(ref('x')) }}"`);
  assert.equal(pythonRepr('it\'s "quoted"'), `'it\\'s "quoted"'`);
  assert.equal(pythonRepr(['a', { b: 'c' }]), "['a', {'b': 'c'}]");
  assert.equal(pythonStr(null), 'None');
  assert.equal(pythonStr(true), 'True');
  assert.equal(pythonStr(0.5), '0.5');
  assert.equal(pythonStr(1e-7), '1e-07');
});
