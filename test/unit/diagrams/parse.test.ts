/**
 * The text must parse in the real Mermaid (11.17, the version the panels bundle), and what
 * Mermaid reads must be what we meant: same nodes, edges, groups, and labels that display as the
 * original names, however hostile.
 */
import assert from 'node:assert/strict';
import { describe, it } from '../graph/harness';
import { erMermaid, lineageMermaid, type DatasetRelation } from '../../../src/core/diagrams';
import type { Manifest } from '../../../src/core/project/types';
import { makeManifest, makeNode, makeSource } from '../graph/manifest-builder';
import { parseEr, parseFlowchart } from './mermaidParse';
import { keyTest, nodeId, shopManifest } from './shop';

const NASTY = [
  'end', 'graph', 'subgraph', 'flowchart', 'style', 'classDef', 'class', 'click', 'default', 'o', 'x', 'v', 'one', 'to', 'PK',
  'direction LR', 'a direction TB b', 'quote"d', "it's", 'br[ack]et', '(paren)', '{curly}', 'pipe|s', 'semi;colon', 'hash#tag',
  '#quot;', 'amp&lt;', '<b>bold</b>', '<script>alert(1)</script>', 'back`tick`', '`md`', 'colon: style: #x;', 'style:#35;x',
  'per%cent', '%%comment', 'back\\slash', 'ünïcödé', '日本語', 'emoji😀', 'a-b', 'a--b', 'a-->b', 'a.b.c', '1starts_digit',
  '@{ shape: rect }', 'a@b', ':::cls', 'A & B', 'x--o', '__dunder__', '_',
];

function nastyManifest(): Manifest {
  return makeManifest([
    ...NASTY.map((name, i) => makeNode({ name, path: `${NASTY[(i + 7) % NASTY.length]}/${name}.sql`, refs: i > 0 ? [NASTY[i - 1]] : [] })),
    makeSource({ source: 'raw "src"', name: 'end' }),
  ]);
}

describe('Mermaid accepts the lineage text and reads it as meant', () => {
  for (const [name, opts] of [
    ['layer groups', {}],
    ['folder groups with tests and status', { groupBy: 'folder', showTests: true, status: { [nodeId('orders')]: 'warn' } }],
    ['no groups, focused', { groupBy: 'none', focus: 'orders', upstream: 2 }],
  ] as const) {
    it(`shop project, ${name}`, async () => {
      const d = lineageMermaid(shopManifest(), opts);
      const parsed = await parseFlowchart(d.text);
      assert.equal(parsed.type, 'flowchart-v2');
      assert.deepEqual(parsed.vertices.map((v) => [v.id, v.label]).sort(), d.nodes.map((n) => [n.id, n.label]).sort());
      assert.deepEqual(parsed.edges.map((e) => [e.from, e.to]).sort(), [...d.edges].sort());
      assert.deepEqual(parsed.subgraphs.map((s) => s.title).sort(), d.groups.map((g) => g.label).sort());
      for (const n of d.nodes) {
        const v = parsed.vertices.find((x) => x.id === n.id);
        if (n.status) assert.ok(v?.classes.includes(`st_${n.status}`));
        if (n.group) assert.ok(parsed.subgraphs.find((s) => s.title === n.group)?.nodes.includes(n.id));
      }
      for (const e of parsed.edges) assert.equal(e.stroke, d.nodes.find((n) => n.id === e.to)?.type === 'test' ? 'dotted' : 'normal');
    });
  }

  it('hostile model, folder and source names display exactly as written', async () => {
    const m = nastyManifest();
    for (const groupBy of ['layer', 'folder'] as const) {
      const d = lineageMermaid(m, { groupBy });
      const parsed = await parseFlowchart(d.text);
      assert.equal(parsed.vertices.length, NASTY.length + 1);
      assert.deepEqual(parsed.vertices.map((v) => [v.id, v.label]).sort(), d.nodes.map((n) => [n.id, n.label]).sort());
      assert.deepEqual(parsed.subgraphs.map((s) => s.title).sort(), d.groups.map((g) => g.label).sort());
      assert.equal(parsed.edges.length, NASTY.length - 1);
    }
  });

  it('a 1,000-model project parses (with the limits the panel sets)', async () => {
    const nodes = Array.from({ length: 1000 }, (_, i) =>
      makeNode({ name: `model_${i}`, path: `${['staging', 'intermediate', 'marts'][i % 3]}/model_${i}.sql`, refs: i ? [`model_${Math.floor(i / 2)}`] : [] }),
    );
    const d = lineageMermaid(makeManifest(nodes));
    const parsed = await parseFlowchart(d.text);
    assert.equal(parsed.vertices.length, 1000);
    assert.equal(parsed.edges.length, 999);
  });
});

describe('Mermaid accepts the ER text and reads it as meant', () => {
  it('keys, types and cardinalities', async () => {
    const m = shopManifest();
    m.nodes[nodeId('orders')].columns = { 'Order ID': { name: 'Order ID', description: '', data_type: 'DECIMAL(10,2)', meta: {}, tags: [] } };
    const datasetRelations: DatasetRelation[] = [
      { table: 'orders', schema: 'raw', primaryKey: ['id'], foreignKeys: [{ columns: ['customer_id'], refTable: 'customers', refColumns: ['id'] }] },
      { table: 'customers', schema: 'raw', primaryKey: ['id'], foreignKeys: [] },
      { table: 'x', schema: 'raw', primaryKey: [], foreignKeys: [{ columns: ['customer_id'], refTable: 'customers', refColumns: ['id'], cardinality: 'many-to-many' }] },
      { table: 'y', schema: 'raw', primaryKey: [], foreignKeys: [{ columns: ['customer_id'], refTable: 'customers', refColumns: ['id'], cardinality: 'one-to-one', nullable: true }] },
    ];
    const d = erMermaid({ manifest: m, datasetRelations });
    const parsed = await parseEr(d.text);
    assert.equal(parsed.type, 'er');
    assert.deepEqual(parsed.entities.map((e) => e.name).sort(), d.entities.map((e) => e.label).sort());
    const orders = parsed.entities.find((e) => e.name === 'orders');
    assert.deepEqual(orders?.attributes, [
      { type: 'DECIMAL_10_2', name: 'Order_ID', keys: [], comment: 'Order ID' },
      { type: 'unknown', name: 'customer_id', keys: ['FK'], comment: '' },
    ]);
    const specs = parsed.relationships.map((r) => `${r.spec.cardB} ${r.spec.cardA}`).sort();
    assert.deepEqual(specs, ['ONLY_ONE ZERO_OR_MORE', 'ONLY_ONE ZERO_OR_MORE', 'ZERO_OR_MORE ZERO_OR_MORE', 'ZERO_OR_ONE ZERO_OR_ONE']);
  });

  it('hostile table and column names', async () => {
    const m = nastyManifest();
    const first = m.nodes[nodeId(NASTY[0])];
    first.columns = Object.fromEntries(NASTY.map((n) => [n, { name: n, description: '', data_type: n, meta: {}, tags: [] }]));
    m.nodes['test.p.t'] = keyTest('t', 'relationships', [nodeId(NASTY[1]), nodeId(NASTY[0])], 'PK', { to: `ref('${NASTY[0]}')`, field: 'end' });
    const d = erMermaid({ manifest: m });
    const parsed = await parseEr(d.text);
    assert.equal(parsed.entities.length, NASTY.length + 1);
    assert.equal(parsed.entities.find((e) => e.name === 'end')?.attributes.length, NASTY.length);
    assert.equal(parsed.relationships.length, 1);
  });
});
