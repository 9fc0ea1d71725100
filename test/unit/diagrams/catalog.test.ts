import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { describe, it } from '../graph/harness';
import { erMermaid, readCatalog, type Catalog } from '../../../src/core/diagrams';
import { Warehouse } from '../../../src/core/run';
import { makeManifest, makeNode, makeSource } from '../graph/manifest-builder';
import { keyTest, nodeId, sourceId } from './shop';

describe('ER diagram from a real DuckDB catalog', () => {
  let dir: string;
  let catalog: Catalog;

  void before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ms-diagrams-'));
    const wh = await Warehouse.open({ path: join(dir, 'warehouse.duckdb'), projectRoot: dir, targetDir: join(dir, 'target') });
    try {
      await wh.run('CREATE SCHEMA raw');
      await wh.run('CREATE TABLE raw.customers (id INTEGER, name VARCHAR, tags VARCHAR[])');
      await wh.run('CREATE TABLE main.orders (order_id BIGINT, customer_id INTEGER, amount DECIMAL(10,2), ordered_at TIMESTAMP WITH TIME ZONE, meta STRUCT(a INTEGER, b VARCHAR))');
      await wh.run('CREATE VIEW main.stg_orders AS SELECT order_id, amount FROM main.orders');
      catalog = await readCatalog(wh);
    } finally {
      wh.close();
    }
  });

  void after(() => rmSync(dir, { recursive: true, force: true }));

  it('reads columns and types per schema.table, in table order', () => {
    assert.deepEqual(Object.keys(catalog).sort(), ['main.orders', 'main.stg_orders', 'raw.customers']);
    assert.deepEqual(catalog['main.orders'], [
      { name: 'order_id', type: 'BIGINT' },
      { name: 'customer_id', type: 'INTEGER' },
      { name: 'amount', type: 'DECIMAL(10,2)' },
      { name: 'ordered_at', type: 'TIMESTAMP WITH TIME ZONE' },
      { name: 'meta', type: 'STRUCT(a INTEGER, b VARCHAR)' },
    ]);
    assert.deepEqual(catalog['raw.customers'][2], { name: 'tags', type: 'VARCHAR[]' });
  });

  it('prefers the catalog over YAML and sanitizes DuckDB types into Mermaid tokens', () => {
    const orders = makeNode({ name: 'orders', materialized: 'table' });
    orders.columns = { order_id: { name: 'order_id', description: '', data_type: 'text', meta: {}, tags: [] } };
    const m = makeManifest([makeSource({ source: 'raw', name: 'customers' }), orders, makeNode({ name: 'stg_orders', refs: ['orders'] }), makeNode({ name: 'not_built' })]);
    for (const t of [
      keyTest('u', 'unique', [sourceId('raw', 'customers')], 'ID'),
      keyTest('n', 'not_null', [sourceId('raw', 'customers')], 'id'),
      keyTest('r', 'relationships', [nodeId('orders'), sourceId('raw', 'customers')], 'customer_id', { to: "source('raw', 'customers')", field: 'id' }),
    ]) m.nodes[t.unique_id] = t;
    const d = erMermaid({ manifest: m, catalog });
    assert.equal(
      d.text,
      [
        'erDiagram',
        '  "raw.customers" {',
        '    INTEGER id PK',
        '    VARCHAR name',
        '    VARCHAR[] tags',
        '  }',
        '  not_built',
        '  orders {',
        '    BIGINT order_id',
        '    INTEGER customer_id FK',
        '    DECIMAL_10_2 amount',
        '    TIMESTAMP_WITH_TIME_ZONE ordered_at',
        '    STRUCT meta',
        '  }',
        '  stg_orders {',
        '    BIGINT order_id',
        '    DECIMAL_10_2 amount',
        '  }',
        '  "raw.customers" |o--o{ orders : "customer_id"',
        '',
      ].join('\n'),
    );
    assert.deepEqual(d.entities.map((e) => [e.label, e.columnsFrom]), [['raw.customers', 'catalog'], ['not_built', 'none'], ['orders', 'catalog'], ['stg_orders', 'catalog']]);
    assert.equal(d.entities[2].columns[2].type, 'DECIMAL(10,2)', 'the data keeps DuckDB’s own type');
  });
});
