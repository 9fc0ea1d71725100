import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { loadProject } from '../../../src/core/project';
import { addTestNodes } from '../../../src/core/tests';
import { writeProject } from '../../helpers/tempProject';

const PROJECT = `name: shop
config-version: 2
data_tests:
  shop:
    +tags: ['dq']
    marts:
      +severity: warn
      +store_failures: true
`;

const SCHEMA = `version: 2
models:
  - name: orders
    columns:
      - name: order_id
        tags: ['key']
        data_tests:
          - unique
          - not_null:
              config:
                severity: error
                where: "order_id > 0"
      - name: customer_id
        tests:
          - relationships:
              to: ref('customers')
              field: id
          - relationships:
              to: ref('clients')
              field: id
      - name: status
        data_tests:
          - accepted_values:
              values: ['placed', 'shipped', 'completed', 'return_pending', 'returned']
              limit: 5
    data_tests:
      - dbt_utils.equal_rowcount:
          compare_model: ref('customers')
  - name: customers
    columns:
      - name: id
        data_tests: [unique, unique]
  - name: old
    columns:
      - name: id
        data_tests: [unique]
sources:
  - name: raw
    tables:
      - name: events
        columns:
          - name: id
            data_tests: [not_null]
`;

function load() {
  const dir = writeProject({
    'dbt_project.yml': PROJECT,
    'models/marts/orders.sql': 'select 1 as order_id',
    'models/marts/customers.sql': 'select 1 as id',
    'models/marts/old.sql': "{{ config(enabled=false) }}\nselect 1 as id",
    'models/marts/schema.yml': SCHEMA,
    'tests/assert_something.sql': "{{ config(severity='warn') }}\nselect 1 where false",
  });
  const project = loadProject(dir);
  // the loader disables models only from YAML/project config; mimic a disabled model here
  const old = project.manifest.nodes['model.shop.old'];
  delete project.manifest.nodes['model.shop.old'];
  project.manifest.disabled['model.shop.old'] = [old];
  addTestNodes(project);
  const tests = Object.values(project.manifest.nodes).filter((n) => n.resource_type === 'test');
  return { project, tests, byName: (name: string) => tests.find((t) => t.name === name) };
}

void test('schema YAML tests become nodes with dbt names, fqn, refs and YAML places', () => {
  const { tests, byName } = load();
  assert.deepEqual(tests.map((t) => t.name).sort(), [
    'accepted_values_orders_status__placed__shipped__completed__return_pending__returned',
    'assert_something',
    'dbt_utils_equal_rowcount_orders_ref_customers_',
    'not_null_orders_order_id',
    'relationships_orders_customer_id__id__ref_clients_',
    'relationships_orders_customer_id__id__ref_customers_',
    'source_not_null_raw_events_id',
    'unique_customers_id',
    'unique_orders_order_id',
  ]);
  const rel = byName('relationships_orders_customer_id__id__ref_customers_');
  assert.ok(rel);
  assert.deepEqual(rel.refs.map((r) => r.name), ['orders', 'customers']);
  assert.deepEqual(rel.fqn, ['shop', 'marts', 'relationships_orders_customer_id__id__ref_customers_']);
  assert.equal(rel.original_file_path, 'models/marts/schema.yml');
  assert.equal(rel.test?.attached_node, 'model.shop.orders');
  assert.equal(rel.test?.column_name, 'customer_id');
  assert.deepEqual([rel.test?.definition?.place.line, rel.test?.definition?.place.column], [15, 13]);
  assert.match(rel.raw_code, /^\{\{ test_relationships\(to=ref\('customers'\), field='id', column_name='customer_id', model=get_where_subquery\(ref\('orders'\)\)\) \}\}$/);
  assert.deepEqual(byName('dbt_utils_equal_rowcount_orders_ref_customers_')?.refs.map((r) => r.name), ['orders', 'customers']);
  assert.deepEqual(byName('source_not_null_raw_events_id')?.sources, [['raw', 'events']]);
  assert.equal(byName('source_not_null_raw_events_id')?.test?.attached_node, 'source.shop.raw.events');
});

void test('config: folder-scoped data_tests < YAML; dbt defaults; long names get a hashed alias', () => {
  const { byName, project } = load();
  const unique = byName('unique_orders_order_id');
  assert.equal(unique?.config.severity, 'WARN');
  assert.equal(unique?.config.store_failures, true);
  assert.deepEqual(unique?.tags, ['dq', 'key']);
  assert.equal(unique?.config.fail_calc, 'count(*)');
  assert.equal(unique?.schema, 'main_dbt_test__audit');
  const notNull = byName('not_null_orders_order_id');
  assert.equal(notNull?.config.severity, 'ERROR');
  assert.equal(notNull?.config.where, 'order_id > 0');
  const av = byName('accepted_values_orders_status__placed__shipped__completed__return_pending__returned');
  assert.equal(av?.alias, av?.test?.short_name);
  assert.match(av?.test?.short_name ?? '', /^accepted_values_orders_[0-9a-f]{32}$/);
  assert.equal(av?.path, `${av?.test?.short_name}.sql`);
  assert.equal(av?.config.limit, 5);
  const singular = project.manifest.nodes['test.shop.assert_something'];
  assert.equal(singular.config.severity, 'ERROR'); // in-file config() is applied by the parse pass, later
  assert.equal(singular.config.error_if, '!= 0');
  assert.equal(singular.schema, 'main_dbt_test__audit');
});

void test('problems at the YAML test item: unknown ref in args (the test stays, without the edge), duplicate test; tests of disabled models are disabled', () => {
  const { project } = load();
  const probs = project.problems.filter((p) => p.code === 'unknown-ref' || p.code === 'duplicate-test');
  assert.deepEqual(
    probs.map((p) => [p.code, p.line, p.column]),
    [
      ['unknown-ref', 18, 13],
      ['duplicate-test', 32, 30],
    ],
  );
  assert.match(probs[0].message, /refers to 'clients', which was not found/);
  assert.ok(Object.keys(project.manifest.disabled).some((id) => id.startsWith('test.shop.unique_old_id.')));
});
