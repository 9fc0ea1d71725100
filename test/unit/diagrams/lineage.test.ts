import assert from 'node:assert/strict';
import { describe, it } from '../graph/harness';
import { lineageJson, lineageMermaid, UnknownNodeError } from '../../../src/core/diagrams';
import { makeManifest, makeNode, makeSource } from '../graph/manifest-builder';
import { nodeId, shopManifest, sourceId } from './shop';

const CLASSES = {
  source: '  classDef source fill:#d1fae5,stroke:#059669,color:#064e3b',
  seed: '  classDef seed fill:#fef3c7,stroke:#d97706,color:#78350f',
  snapshot: '  classDef snapshot fill:#ede9fe,stroke:#7c3aed,color:#3b0764',
  table: '  classDef model_table fill:#dbeafe,stroke:#1d4ed8,color:#0f172a',
  view: '  classDef model_view fill:#e0f2fe,stroke:#0284c7,color:#0c4a6e',
  incremental: '  classDef model_incremental fill:#c7d2fe,stroke:#4338ca,color:#1e1b4b',
  ephemeral: '  classDef model_ephemeral fill:#f1f5f9,stroke:#64748b,color:#1e293b,stroke-dasharray:4 3',
  test: '  classDef test fill:#f5f5f4,stroke:#a8a29e,color:#44403c',
  fail: '  classDef st_fail fill:#fee2e2,stroke:#dc2626,color:#7f1d1d',
  ok: '  classDef st_ok fill:#dcfce7,stroke:#16a34a,color:#14532d',
  focus: '  classDef focus stroke:#db2777,stroke-width:3px',
};

const text = (...lines: string[]) => lines.join('\n') + '\n';

describe('lineageMermaid', () => {
  it('draws the whole project grouped by layer, shaped and coloured by type and materialization', () => {
    assert.equal(
      lineageMermaid(shopManifest()).text,
      text(
        'flowchart LR',
        '  subgraph g_sources["sources"]',
        '    src_raw__customers[("raw.customers")]',
        '    src_raw__orders[("raw.orders")]',
        '  end',
        '  subgraph g_seeds["seeds"]',
        '    seed_country_codes[/"country_codes"/]',
        '  end',
        '  subgraph g_snapshots["snapshots"]',
        '    snap_customers_snapshot{{"customers_snapshot"}}',
        '  end',
        '  subgraph g_staging["staging"]',
        '    m_stg_customers("stg_customers")',
        '    m_stg_orders("stg_orders")',
        '  end',
        '  subgraph g_intermediate["intermediate"]',
        '    m_int_order_totals(["int_order_totals"])',
        '  end',
        '  subgraph g_marts["marts"]',
        '    m_customers["customers"]',
        '    m_orders[["orders"]]',
        '  end',
        '  src_raw__customers --> m_stg_customers',
        '  src_raw__orders --> m_stg_orders',
        '  seed_country_codes --> m_orders',
        '  m_stg_customers --> m_customers',
        '  m_stg_orders --> m_int_order_totals',
        '  m_int_order_totals --> m_customers',
        '  m_int_order_totals --> m_orders',
        '  m_customers --> snap_customers_snapshot',
        CLASSES.source,
        CLASSES.seed,
        CLASSES.snapshot,
        CLASSES.table,
        CLASSES.view,
        CLASSES.incremental,
        CLASSES.ephemeral,
        '  class src_raw__customers,src_raw__orders source',
        '  class seed_country_codes seed',
        '  class snap_customers_snapshot snapshot',
        '  class m_customers model_table',
        '  class m_stg_customers,m_stg_orders model_view',
        '  class m_orders model_incremental',
        '  class m_int_order_totals model_ephemeral',
      ),
    );
  });

  it('focuses on a model with upstream and downstream depth', () => {
    const d = lineageMermaid(shopManifest(), { focus: 'int_order_totals', upstream: 1, downstream: 1 });
    assert.equal(
      d.text,
      text(
        'flowchart LR',
        '  subgraph g_staging["staging"]',
        '    m_stg_orders("stg_orders")',
        '  end',
        '  subgraph g_intermediate["intermediate"]',
        '    m_int_order_totals(["int_order_totals"])',
        '  end',
        '  subgraph g_marts["marts"]',
        '    m_customers["customers"]',
        '    m_orders[["orders"]]',
        '  end',
        '  m_stg_orders --> m_int_order_totals',
        '  m_int_order_totals --> m_customers',
        '  m_int_order_totals --> m_orders',
        CLASSES.table,
        CLASSES.view,
        CLASSES.incremental,
        CLASSES.ephemeral,
        CLASSES.focus,
        '  class m_customers model_table',
        '  class m_stg_orders model_view',
        '  class m_orders model_incremental',
        '  class m_int_order_totals model_ephemeral',
        '  class m_int_order_totals focus',
      ),
    );
    assert.deepEqual(d.nodes.filter((n) => n.focus).map((n) => n.uniqueId), [nodeId('int_order_totals')]);
  });

  it('follows the whole ancestry and descent when no depth is given, and none at depth 0', () => {
    const ids = (o: Parameters<typeof lineageMermaid>[1]) => lineageMermaid(shopManifest(), o).nodes.map((n) => n.uniqueId).sort();
    assert.deepEqual(ids({ focus: 'customers' }), [
      nodeId('customers'), nodeId('customers_snapshot', 'snapshot'), nodeId('int_order_totals'), nodeId('stg_customers'), nodeId('stg_orders'),
      sourceId('raw', 'customers'), sourceId('raw', 'orders'),
    ].sort());
    assert.deepEqual(ids({ focus: 'customers', upstream: 0 }), [nodeId('customers'), nodeId('customers_snapshot', 'snapshot')].sort());
    assert.deepEqual(ids({ focus: 'customers', upstream: 0, downstream: 0 }), [nodeId('customers')]);
    assert.deepEqual(ids({ focus: 'customers', upstream: 2, downstream: 0 }), [nodeId('customers'), nodeId('int_order_totals'), nodeId('stg_customers'), nodeId('stg_orders'), sourceId('raw', 'customers')].sort());
  });

  it('resolves the focus by unique_id, name, source name or file, and says what was close on a miss', () => {
    const m = shopManifest();
    const focusOf = (f: string) => lineageMermaid(m, { focus: f, upstream: 0, downstream: 0 }).nodes[0].uniqueId;
    assert.equal(focusOf(nodeId('orders')), nodeId('orders'));
    assert.equal(focusOf('orders'), nodeId('orders'));
    assert.equal(focusOf('raw.orders'), sourceId('raw', 'orders'));
    assert.equal(focusOf('models/staging/stg_orders.sql'), nodeId('stg_orders'));
    assert.throws(() => lineageMermaid(m, { focus: 'ordrs' }), (e: unknown) => e instanceof UnknownNodeError && e.suggestions.includes('orders'));
  });

  it('selects with dbt selector syntax, unioned with the focus', () => {
    const ids = (o: Parameters<typeof lineageMermaid>[1]) => lineageMermaid(shopManifest(), o).nodes.map((n) => n.label).sort();
    assert.deepEqual(ids({ select: ['+orders'] }), ['country_codes', 'int_order_totals', 'orders', 'raw.orders', 'stg_orders']);
    assert.deepEqual(ids({ select: ['1+orders'], exclude: ['country_codes'] }), ['int_order_totals', 'orders']);
    assert.deepEqual(ids({ select: ['orders'], focus: 'stg_customers', upstream: 0, downstream: 0 }), ['orders', 'stg_customers']);
    assert.deepEqual(ids({ focus: 'orders', downstream: 0, exclude: ['source:*', 'country_codes', 'orders'] }), ['int_order_totals', 'orders', 'stg_orders']);
  });

  it('hangs tests off the nodes they test, dotted, in the tested node’s group', () => {
    const d = lineageMermaid(shopManifest(), { focus: 'orders', upstream: 0, downstream: 0, showTests: true });
    assert.deepEqual(
      d.nodes.map((n) => [n.id, n.group, n.type]),
      [
        ['m_orders', 'marts', 'model'],
        ['t_not_null_orders_customer_id', 'marts', 'test'],
        ['t_relationships_orders_customer_id', 'marts', 'test'],
      ],
    );
    assert.match(d.text, /^ {4}t_not_null_orders_customer_id>"not_null\(customer_id\)"\]$/m);
    assert.match(d.text, /^ {2}m_orders -\.-> t_relationships_orders_customer_id$/m);
    // The relationships test also reads customers, which is not in view: no edge from it.
    assert.equal(d.edges.filter(([, to]) => to === 't_relationships_orders_customer_id').length, 1);
    assert.ok(!lineageMermaid(shopManifest()).nodes.some((n) => n.type === 'test'));
  });

  it('groups by folder path, or not at all', () => {
    const m = makeManifest([
      makeNode({ name: 'fct_revenue', path: 'marts/finance/fct_revenue.sql' }),
      makeNode({ name: 'stg_x', path: 'stg_x.sql', refs: [] }),
    ]);
    const folder = lineageMermaid(m, { groupBy: 'folder' });
    assert.deepEqual(folder.groups.map((g) => g.label), ['marts/finance', 'models']);
    assert.match(folder.groups[0].id, /^g_marts_finance_[0-9a-f]{6}$/);
    assert.match(folder.text, new RegExp(`^  subgraph ${folder.groups[0].id}\\["marts/finance"\\]$`, 'm'));
    const layer = lineageMermaid(m, { groupBy: 'layer' });
    assert.deepEqual(layer.nodes.map((n) => [n.label, n.group]), [['stg_x', 'staging'], ['fct_revenue', 'marts']]);
    const none = lineageMermaid(m, { groupBy: 'none' });
    assert.ok(!none.text.includes('subgraph'));
    assert.deepEqual(none.groups, []);
  });

  it('reads bronze/silver/gold and ml_features folders as layers, in data-flow order', () => {
    const m = makeManifest([
      makeNode({ name: 'features', path: 'ml_features/features.sql', refs: ['g'] }),
      makeNode({ name: 'g', path: 'gold/g.sql', refs: ['s'] }),
      makeNode({ name: 's', path: 'silver/s.sql', refs: ['b'] }),
      makeNode({ name: 'b', path: 'bronze/b.sql' }),
    ]);
    assert.deepEqual(lineageMermaid(m).groups.map((g) => g.label), ['bronze', 'silver', 'gold', 'ml_features']);
  });

  it('colours nodes by last status', () => {
    const d = lineageMermaid(shopManifest(), { focus: 'orders', upstream: 1, downstream: 0, status: { [nodeId('orders')]: 'fail', [nodeId('int_order_totals')]: 'ok' } });
    const lines = d.text.split('\n');
    assert.ok(lines.includes(CLASSES.fail) && lines.includes(CLASSES.ok));
    assert.ok(lines.indexOf(CLASSES.fail) > lines.indexOf(CLASSES.incremental), 'status overrides the type colour');
    assert.ok(lines.includes('  class m_orders st_fail'));
    assert.equal(d.nodes.find((n) => n.id === 'm_orders')?.status, 'fail');
  });

  it('keeps node ids stable across calls, focus changes and unrelated edits', () => {
    const idOf = (m: ReturnType<typeof shopManifest>, o = {}) => lineageMermaid(m, o).nodes.find((n) => n.uniqueId === nodeId('orders'))?.id;
    const m = shopManifest();
    const base = idOf(m);
    assert.equal(base, 'm_orders');
    assert.equal(idOf(m, { focus: 'orders' }), base);
    assert.equal(idOf(m, { focus: 'stg_orders' }), base);
    m.nodes[nodeId('m-orders')] = makeNode({ name: 'm-orders' });
    assert.equal(idOf(m), base);
    assert.equal(lineageMermaid(m).text, lineageMermaid(m).text);
  });

  it('gives every nasty name a valid unique id and an escaped label', () => {
    const names = ['end', 'graph', 'order "items"', 'a[b]', 'x{y}', 'p(q)', 'naïve_日本', 'semi;colon', 'hash#tag', '<b>x</b>', 'a:b', 'a-b', 'a_b', 'A_B', '1st', 'back`tick'];
    const m = makeManifest(names.map((name) => makeNode({ name })));
    const d = lineageMermaid(m, { groupBy: 'none' });
    const ids = d.nodes.map((n) => n.id);
    assert.equal(new Set(ids).size, names.length);
    for (const id of ids) assert.match(id, /^m_[A-Za-z0-9_]+$/);
    assert.equal(d.nodes.find((n) => n.label === 'end')?.id, 'm_end');
    assert.match(d.text, /^ {2}m_order_items_[0-9a-f]{6}\("order #34;items#34;"\)$/m);
    assert.match(d.text, /^ {2}m_b_x_b_[0-9a-f]{6}\("#60;b#62;x#60;\/b#62;"\)$/m);
    assert.match(d.text, /"hash#35;tag"/);
    assert.match(d.text, /"a#58;b"/);
  });

  it('returns the same content as JSON, with edges by unique_id', () => {
    const j = lineageJson(shopManifest(), { focus: 'orders', upstream: 1, downstream: 0, showTests: true });
    assert.equal(j.kind, 'lineage');
    assert.deepEqual(j.edges, [
      { from: nodeId('country_codes', 'seed'), to: nodeId('orders'), kind: 'ref' },
      { from: nodeId('int_order_totals'), to: nodeId('orders'), kind: 'ref' },
      { from: nodeId('orders'), to: nodeId('not_null_orders_customer_id', 'test'), kind: 'test' },
      { from: nodeId('orders'), to: nodeId('relationships_orders_customer_id', 'test'), kind: 'test' },
    ]);
    const orders = j.nodes.find((n) => n.uniqueId === nodeId('orders'));
    assert.deepEqual(orders && { ...orders }, {
      id: 'm_orders', uniqueId: nodeId('orders'), label: 'orders', type: 'model', materialized: 'incremental',
      group: 'marts', file: '/project/models/marts/orders.sql', focus: true, styleClass: 'model_incremental',
    });
    assert.deepEqual(JSON.parse(JSON.stringify(j)), j);
  });

  it('shows sources from other packages and versioned models with distinct ids', () => {
    const m = makeManifest([makeSource({ source: 'raw', name: 'orders', package: 'other' }), makeSource({ source: 'raw', name: 'orders' })]);
    assert.deepEqual(lineageMermaid(m).nodes.map((n) => n.id).sort(), ['src_other__raw__orders', 'src_raw__orders']);
  });
});
