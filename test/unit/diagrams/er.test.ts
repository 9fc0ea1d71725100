import assert from 'node:assert/strict';
import { describe, it } from '../graph/harness';
import { erMermaid, type DatasetRelation } from '../../../src/core/diagrams';
import { parseTableRef } from '../../../src/core/diagrams/keys';
import type { Manifest } from '../../../src/core/project/types';
import { makeManifest, makeNode, makeSource } from '../graph/manifest-builder';
import { keyTest, nodeId, shopManifest, sourceId } from './shop';

const text = (...lines: string[]) => lines.join('\n') + '\n';

function withColumns(m: Manifest, uid: string, cols: Record<string, string | undefined>): void {
  const target = m.nodes[uid] ?? m.sources[uid];
  target.columns = Object.fromEntries(Object.entries(cols).map(([name, data_type]) => [name, { name, description: '', data_type, meta: {}, tags: [] }]));
}

function add(m: Manifest, ...nodes: ReturnType<typeof makeNode>[]): void {
  for (const n of nodes) m.nodes[n.unique_id] = n;
}

describe('erMermaid', () => {
  it('draws entities with YAML columns, a PK from unique + not_null, an FK from relationships', () => {
    const m = shopManifest();
    withColumns(m, nodeId('customers'), { customer_id: 'integer', name: 'varchar', lifetime_value: 'decimal(10,2)' });
    withColumns(m, nodeId('orders'), { order_id: 'integer', customer_id: 'integer', 'Order Date': 'date' });
    const d = erMermaid({ manifest: m }, { select: ['customers', 'orders'] });
    assert.equal(
      d.text,
      text(
        'erDiagram',
        '  customers {',
        '    integer customer_id PK',
        '    varchar name',
        '    decimal_10_2 lifetime_value',
        '  }',
        '  orders {',
        '    integer order_id',
        '    integer customer_id FK',
        '    date Order_Date "Order Date"',
        '  }',
        '  customers ||--o{ orders : "customer_id"',
      ),
    );
    assert.deepEqual(d.relationships, [
      { parent: 'customers', child: 'orders', parentColumns: ['customer_id'], childColumns: ['customer_id'], cardinality: 'one-to-many', optional: false, origin: 'test' },
    ]);
    assert.deepEqual(d.entities.map((e) => [e.label, e.primaryKey, e.columnsFrom, e.relation]), [
      ['customers', ['customer_id'], 'yaml', 'main.customers'],
      ['orders', [], 'yaml', 'main.orders'],
    ]);
  });

  it('includes sources, seeds, snapshots and models but never ephemeral models or tests', () => {
    const d = erMermaid({ manifest: shopManifest() });
    assert.deepEqual(d.entities.map((e) => [e.kind, e.label]), [
      ['source', 'raw.customers'], ['source', 'raw.orders'], ['seed', 'country_codes'], ['snapshot', 'customers_snapshot'],
      ['model', 'customers'], ['model', 'orders'], ['model', 'stg_customers'], ['model', 'stg_orders'],
    ]);
    // Key columns named by tests show even without YAML columns.
    assert.match(d.text, /^ {2}customers \{\n {4}unknown customer_id PK\n {2}\}$/m);
    assert.match(d.text, /^ {2}"raw\.customers"$/m);
  });

  it('reads cardinalities: a unique FK is one-to-one, a nullable FK is optional', () => {
    const m = makeManifest([makeNode({ name: 'users' }), makeNode({ name: 'profiles' }), makeNode({ name: 'sessions' })]);
    const users = nodeId('users');
    add(
      m,
      keyTest('u1', 'unique', [users], 'id'),
      keyTest('u2', 'not_null', [users], 'id'),
      keyTest('p1', 'unique', [nodeId('profiles')], 'user_id'),
      keyTest('p2', 'not_null', [nodeId('profiles')], 'user_id'),
      keyTest('p3', 'relationships', [nodeId('profiles'), users], 'user_id', { to: "ref('users')", field: 'id' }),
      keyTest('s1', 'relationships', [nodeId('sessions'), users], 'user_id', { to: 'ref("users")', field: 'id' }),
    );
    const d = erMermaid({ manifest: m });
    const rels = d.text.split('\n').filter((l) => l.includes('--'));
    assert.deepEqual(rels, ['  users ||--o| profiles : "user_id"', '  users |o--o{ sessions : "user_id"']);
    assert.deepEqual(d.relationships.map((r) => [r.child, r.cardinality, r.optional]), [['profiles', 'one-to-one', false], ['sessions', 'one-to-many', true]]);
    // profiles.user_id is unique + not_null: its PK, and an FK too.
    assert.match(d.text, /unknown user_id PK, FK/);
  });

  it('marks unique-but-nullable columns UK, prefers the table’s own id among PK candidates, and reads composite keys', () => {
    const m = makeManifest([makeNode({ name: 'stg_customers' }), makeNode({ name: 'order_lines' })]);
    withColumns(m, nodeId('stg_customers'), { email: 'varchar', customer_id: 'integer', legacy_code: 'varchar' });
    const c = nodeId('stg_customers');
    add(
      m,
      keyTest('a', 'unique', [c], 'email'), keyTest('b', 'not_null', [c], 'email'),
      keyTest('c', 'unique', [c], 'customer_id'), keyTest('d', 'not_null', [c], 'customer_id'),
      keyTest('e', 'unique', [c], 'legacy_code'),
      keyTest('f', 'dbt_utils.unique_combination_of_columns', [nodeId('order_lines')], undefined, { combination_of_columns: ['order_id', 'line_no'] }),
    );
    const d = erMermaid({ manifest: m });
    assert.deepEqual(d.entities.map((e) => [e.label, e.primaryKey]), [['order_lines', ['order_id', 'line_no']], ['stg_customers', ['customer_id']]]);
    assert.equal(
      d.text,
      text(
        'erDiagram',
        '  order_lines {',
        '    unknown order_id PK',
        '    unknown line_no PK',
        '  }',
        '  stg_customers {',
        '    varchar email UK',
        '    integer customer_id PK',
        '    varchar legacy_code UK',
        '  }',
      ),
    );
  });

  it('follows relationships tests on and to sources', () => {
    const m = makeManifest([makeSource({ source: 'raw', name: 'customers' }), makeSource({ source: 'raw', name: 'orders' })]);
    const def = keyTest('r', 'relationships', [sourceId('raw', 'orders'), sourceId('raw', 'customers')], 'customer_id', { to: "source('raw', 'customers')", field: 'id' });
    m.nodes[def.unique_id] = def;
    const d = erMermaid({ manifest: m });
    assert.deepEqual(d.text.split('\n').filter((l) => l.includes('--')), ['  "raw.customers" |o--o{ "raw.orders" : "customer_id"']);
  });

  it('adds the generator’s raw tables and relations, merged with the sources that declare them', () => {
    const m = makeManifest([makeSource({ source: 'raw', name: 'customers' })]);
    const datasetRelations: DatasetRelation[] = [
      { table: 'customers', schema: 'raw', primaryKey: ['id'], foreignKeys: [] },
      { table: 'orders', schema: 'raw', primaryKey: ['id'], foreignKeys: [{ columns: ['customer_id'], refTable: 'customers', refColumns: ['id'], cardinality: 'many_to_one' }] },
      { table: 'tags', schema: 'raw', primaryKey: [], foreignKeys: [{ columns: ['customer_id'], refTable: 'raw.customers', refColumns: ['id'], cardinality: 'n:m' }] },
      { table: 'passports', schema: 'raw', primaryKey: ['customer_id'], foreignKeys: [{ columns: ['customer_id'], refTable: 'customers', refColumns: ['id'], cardinality: '1:1', nullable: true }] },
    ];
    const d = erMermaid({ manifest: m, datasetRelations });
    assert.deepEqual(d.entities.map((e) => [e.kind, e.label, e.primaryKey]), [
      ['dataset', 'raw.orders', ['id']], ['dataset', 'raw.passports', ['customer_id']], ['dataset', 'raw.tags', []], ['source', 'raw.customers', ['id']],
    ]);
    assert.deepEqual(d.text.split('\n').filter((l) => l.includes('--')), [
      '  "raw.customers" ||--o{ "raw.orders" : "customer_id"',
      '  "raw.customers" |o--o| "raw.passports" : "customer_id"',
      '  "raw.customers" }o--o{ "raw.tags" : "customer_id"',
    ]);
    assert.match(d.text, /^ {2}"raw\.passports" \{\n {4}unknown customer_id PK, FK\n {2}\}$/m);
    // A selection keeps spec tables only when a selected source declares them.
    assert.deepEqual(erMermaid({ manifest: m, datasetRelations }, { select: ['source:raw'] }).entities.map((e) => e.label), ['raw.customers']);
  });

  it('keeps only the selected tables and the relationships between them', () => {
    const m = shopManifest();
    const d = erMermaid({ manifest: m }, { select: ['orders'] });
    assert.deepEqual(d.entities.map((e) => e.label), ['orders']);
    assert.deepEqual(d.relationships, []);
    assert.match(d.text, /unknown customer_id FK/);
  });

  it('turns any name into valid tokens, keeping the original in a comment', () => {
    const m = makeManifest([makeNode({ name: 'one' }), makeNode({ name: 'weird"name%' })]);
    withColumns(m, nodeId('one'), { pk: 'STRUCT(a INTEGER, b VARCHAR)', '1st value': 'TIMESTAMP WITH TIME ZONE', tags: 'VARCHAR[]', 'a-b': 'MAP(VARCHAR, INTEGER)', 'a_b': 'ENUM(\'x\', \'y\')' });
    const d = erMermaid({ manifest: m });
    assert.equal(
      d.text,
      text(
        'erDiagram',
        '  "one" {',
        '    STRUCT pk_ "pk"',
        '    TIMESTAMP_WITH_TIME_ZONE _1st_value "1st value"',
        '    VARCHAR[] tags',
        '    MAP a_b "a-b"',
        '    ENUM a_b_2 "a_b"',
        '  }',
        '  "weird_name_"',
      ),
    );
  });
});

describe('parseTableRef', () => {
  it('reads ref and source calls the way YAML writes them', () => {
    assert.deepEqual(parseTableRef("ref('customers')"), { kind: 'ref', name: 'customers' });
    assert.deepEqual(parseTableRef('{{ ref("customers") }}'), { kind: 'ref', name: 'customers' });
    assert.deepEqual(parseTableRef("ref('shop', 'customers')"), { kind: 'ref', package: 'shop', name: 'customers' });
    assert.deepEqual(parseTableRef("ref('customers', v=2)"), { kind: 'ref', name: 'customers' });
    assert.deepEqual(parseTableRef("source('raw','customers')"), { kind: 'source', source: 'raw', table: 'customers' });
    assert.deepEqual(parseTableRef('customers'), { kind: 'ref', name: 'customers' });
    assert.equal(parseTableRef('select 1'), undefined);
  });
});
