/** The server side of the diagram panels: what each view draws, focus, collapse, light layout, ER choice. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { writeSyntheticProject } from '../../../bench/engine/syntheticProject';
import { Engine } from '../../../src/core/engine';
import { collapseGroups, erToken, erView, LINEAGE_FOCUS_THRESHOLD, lineageView, plainShapes, projectDatasetRelations } from '../../../src/server/handlers/diagrams';
import { REPO, writeProject } from '../../helpers/tempProject';

const JAFFLE = join(REPO, 'sql', 'templates', 'jaffle_shop');
const jaffle = Engine.load(JAFFLE);
const big = Engine.load(writeSyntheticProject(1000));

void test('Show Lineage from a model opens focused on it, even in a small project; without one, the whole project', () => {
  const v = lineageView(jaffle, { projectRoot: JAFFLE, focusFromFile: 'model.jaffle_shop.stg_payments' });
  assert.equal(v.options.scope, 'focused');
  assert.equal(v.options.focus, 'model.jaffle_shop.stg_payments');
  assert.equal(v.title, 'Lineage: stg_payments');
  assert.deepEqual(v.nodes.map((n) => n.label).sort(), ['customers', 'order_payments', 'orders', 'raw_payments', 'stg_payments']);
  assert.deepEqual(
    v.nodes.filter((n) => n.focus).map((n) => n.label),
    ['stg_payments'],
  );
  assert.match(v.text, /^flowchart LR\n/);
  assert.match(v.text, /class \S*stg_payments\S* focus$/m);

  const whole = lineageView(jaffle, { projectRoot: JAFFLE });
  assert.equal(whole.options.scope, 'project');
  assert.equal(whole.nodes.length, 9);
  assert.equal(whole.title, 'Lineage: jaffle_shop');
  assert.deepEqual(whole.options.collapsed, []);
  assert.ok(whole.nodes.every((n) => n.openable));
  assert.equal(whole.searchable.length, 9);
  // The whole project with a focus kept (the toggle): the model stays highlighted.
  const toggled = lineageView(jaffle, { projectRoot: JAFFLE, options: { scope: 'project', focus: 'model.jaffle_shop.orders' } });
  assert.deepEqual(
    toggled.nodes.filter((n) => n.focus).map((n) => n.label),
    ['orders'],
  );
});

void test('focused scope: depth and directions', () => {
  const base = { scope: 'focused' as const, focus: 'model.jaffle_shop.stg_orders' };
  const both = lineageView(jaffle, { projectRoot: JAFFLE, options: { ...base, depth: 1 } });
  assert.deepEqual(both.nodes.map((n) => n.label).sort(), ['customers', 'orders', 'raw_orders', 'stg_orders']);
  assert.equal(both.title, 'Lineage: stg_orders');
  const up = lineageView(jaffle, { projectRoot: JAFFLE, options: { ...base, depth: 0, downstream: false } });
  assert.deepEqual(up.nodes.map((n) => n.label).sort(), ['raw_orders', 'stg_orders']);
  const tests = lineageView(jaffle, { projectRoot: JAFFLE, options: { ...base, depth: 1, upstream: false, downstream: false, showTests: true } });
  assert.deepEqual(
    tests.nodes.filter((n) => n.type === 'test').map((n) => n.label).sort(),
    ['accepted_values(status)', 'not_null(order_id)', 'unique(order_id)'],
  );
});

void test('a focus that is gone falls back to the whole project with a note', () => {
  const v = lineageView(jaffle, { projectRoot: JAFFLE, options: { scope: 'focused', focus: 'model.jaffle_shop.gone' } });
  assert.equal(v.options.scope, 'project');
  assert.equal(v.options.focus, undefined);
  assert.ok(v.notes.some((n) => n.includes('model.jaffle_shop.gone')));
});

void test(`above ${LINEAGE_FOCUS_THRESHOLD} nodes: focused on the active model, else one node per layer`, () => {
  const focused = lineageView(big, { projectRoot: '', focusFromFile: 'model.bench.mart_200' });
  assert.equal(focused.options.scope, 'focused');
  assert.ok(focused.nodes.length < 20);
  assert.ok(focused.nodes.some((n) => n.focus && n.label === 'mart_200'));

  const whole = lineageView(big, { projectRoot: '' });
  assert.deepEqual(whole.options.collapsed, ['sources', 'staging', 'intermediate', 'marts']);
  assert.deepEqual(
    whole.nodes.map((n) => [n.type, n.label, n.members]),
    [
      ['group', 'sources · 150 nodes', 150],
      ['group', 'staging · 300 nodes', 300],
      ['group', 'intermediate · 300 nodes', 300],
      ['group', 'marts · 400 nodes', 400],
    ],
  );
  assert.equal(whole.edges.length, 3);
  assert.match(whole.text, /classDef collapsedGroup /);
  assert.ok(whole.notes.some((n) => n.includes('collapsed')));

  // Whatever the client asks to collapse, the focus's own layer stays open.
  const highlighted = lineageView(big, { projectRoot: '', options: { scope: 'project', focus: 'model.bench.mart_3', collapsed: ['marts', 'sources'] } });
  assert.deepEqual(highlighted.options.collapsed, ['sources']);
  assert.ok(highlighted.nodes.some((n) => n.focus));
});

void test('beyond 200 drawn nodes: plain boxes, no layer frames', () => {
  const v = lineageView(big, { projectRoot: '', options: { scope: 'project', collapsed: ['sources', 'staging', 'intermediate'] } });
  assert.equal(v.nodes.length, 403);
  assert.doesNotMatch(v.text, /subgraph/);
  assert.doesNotMatch(v.text, /\[\(|\(\[|\{\{/);
  assert.deepEqual(v.groups, []);
  assert.ok(v.notes.some((n) => n.includes('plain boxes')));
});

void test('opening focused on a hub takes fewer levels until it is readable', () => {
  const files: Record<string, string> = { 'dbt_project.yml': 'name: hub\nprofile: hub\n', 'models/hub.sql': 'select 1 as id\n' };
  for (let i = 0; i < 10; i++) {
    files[`models/c${i}.sql`] = "select * from {{ ref('hub') }}\n";
    for (let j = 0; j < 20; j++) files[`models/g${i}_${j}.sql`] = `select * from {{ ref('c${i}') }}\n`;
  }
  const engine = Engine.load(writeProject(files));
  const v = lineageView(engine, { projectRoot: '', focusFromFile: 'model.hub.hub' });
  assert.equal(v.options.scope, 'focused');
  assert.equal(v.options.depth, 1);
  assert.equal(v.nodes.length, 11);
  // Asked for every level explicitly: every level it is.
  assert.equal(lineageView(engine, { projectRoot: '', options: { scope: 'focused', focus: 'model.hub.hub', depth: 0 } }).nodes.length, 211);
});

void test('collapseGroups merges edges and drops self-loops', () => {
  const l = {
    nodes: [
      { id: 'a', uniqueId: 'a', label: 'a', type: 'model' as const, group: 'x' },
      { id: 'b', uniqueId: 'b', label: 'b', type: 'model' as const, group: 'x' },
      { id: 'c', uniqueId: 'c', label: 'c', type: 'model' as const, group: 'y' },
    ],
    edges: [
      ['a', 'b'],
      ['a', 'c'],
      ['b', 'c'],
    ] as Array<[string, string]>,
    groups: [
      { id: 'g_x', label: 'x' },
      { id: 'g_y', label: 'y' },
    ],
    warnings: [],
  };
  const out = collapseGroups(l, new Set(['x']), new Map([['x', 2], ['y', 1]]));
  assert.deepEqual(
    out.nodes.map((n) => n.id),
    ['c_g_x', 'c'],
  );
  assert.deepEqual(out.edges, [['c_g_x', 'c']]);
  assert.deepEqual(
    out.groups.map((g) => g.label),
    ['y'],
  );
});

void test('plainShapes turns every node shape into a box and leaves other lines alone', () => {
  const text = 'flowchart LR\n  src_a[("raw.x")]\n  seed_b[/"b"/]\n  snap_d{{"d"}}\n  t_e>"e#58; x"]\n  m_g(["g"])\n  m_a --> m_b\n  class m_a model_view\n';
  assert.equal(plainShapes(text), 'flowchart LR\n  src_a["raw.x"]\n  seed_b["b"]\n  snap_d["d"]\n  t_e["e#58; x"]\n  m_g["g"]\n  m_a --> m_b\n  class m_a model_view\n');
});

void test('ER: every table of a small project, with keys, tokens and relationship labels', () => {
  const root = join(REPO, 'sql', 'templates', 'bookstore');
  const v = erView(Engine.load(root), { projectRoot: root, datasetRelations: projectDatasetRelations(root) });
  assert.equal(v.entities.length, v.tables.length);
  assert.deepEqual(v.options.tables, []);
  const books = v.entities.find((e) => e.label === 'raw.books');
  assert.deepEqual(books && { token: books.token, pk: books.primaryKey }, { token: 'raw.books', pk: ['book_id'] });
  assert.ok(v.relationships.some((r) => r.parent === 'raw.publishers' && r.child === 'raw.books' && r.label === 'publisher_id'));
});

void test('ER: a big project opens on the active model and its relations; a pick draws those tables', () => {
  const files: Record<string, string> = { 'dbt_project.yml': 'name: er\nprofile: er\n' };
  const yaml = ['version: 2', 'models:'];
  for (let i = 0; i < 45; i++) {
    files[`models/t${i}.sql`] = i ? `select * from {{ ref('t${i - 1}') }}\n` : 'select 1 as id\n';
    yaml.push(`  - name: t${i}`, '    columns:', '      - name: id', '        data_tests: [unique, not_null]');
    if (i) yaml.push('      - name: parent_id', '        data_tests:', `          - relationships: {to: "ref('t${i - 1}')", field: id}`);
  }
  files['models/schema.yml'] = yaml.join('\n') + '\n';
  const engine = Engine.load(writeProject(files));
  const opened = erView(engine, { projectRoot: '', focusFromFile: 'model.er.t10' });
  assert.deepEqual(opened.options.tables, ['t10']);
  assert.deepEqual(opened.entities.map((e) => e.label).sort(), ['t10', 't11', 't9']);
  assert.equal(opened.title, 'ER: t10');
  assert.ok(opened.notes[0].startsWith('45 tables'));

  const picked = erView(engine, { projectRoot: '', options: { tables: ['t1', 't3', 'nope'], related: false } });
  assert.deepEqual(picked.entities.map((e) => e.label).sort(), ['t1', 't3']);
  assert.deepEqual(picked.relationships, []);
  assert.ok(picked.notes.some((n) => n.includes('nope')));

  const noFocus = erView(engine, { projectRoot: '', options: { related: false } });
  assert.equal(noFocus.entities.length, 12);
});

void test('erToken is the name Mermaid writes into the entity element id', () => {
  assert.equal(erToken('orders'), 'orders');
  assert.equal(erToken('raw.orders'), 'raw.orders');
  assert.equal(erToken('a "b" #c%'), 'a _b_ _c_');
  assert.equal(erToken(''), '_');
});
