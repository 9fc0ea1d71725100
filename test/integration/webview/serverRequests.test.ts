/**
 * The diagram requests through the real language server (the panels' only data source): a view
 * for each panel, colours after a run and going stale after an edit, the node a file defines,
 * and where a clicked node lives.
 */
import assert from 'node:assert/strict';
import { appendFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DiagramRequests, Requests } from '../../../src/protocol';
import { copyTemplate } from '../../helpers/tempProject';
import { LspHarness } from '../server/harness';

describe('diagram requests over LSP (jaffle_shop)', { timeout: 180_000 }, () => {
  let lsp: LspHarness;
  let dir: string;

  before(async () => {
    dir = copyTemplate('jaffle_shop');
    lsp = await LspHarness.start(dir, { trusted: true, settings: { onSave: 'off' } });
  });
  after(async () => {
    await lsp?.stop();
  });

  it('lineage view, focused by a file, and the node a file defines', async () => {
    const file = join(dir, 'models', 'marts', 'orders.sql');
    const out = await lsp.request(DiagramRequests.view, { kind: 'lineage', projectRoot: dir, focusFile: file });
    assert.ok(out.ok, JSON.stringify(out));
    assert.equal(out.view.kind, 'lineage');
    if (out.view.kind !== 'lineage') return;
    // A model's file asks about that model: its lineage, not the whole project.
    assert.equal(out.view.options.scope, 'focused');
    assert.deepEqual(out.view.nodes.map((n) => n.label).sort(), ['order_payments', 'orders', 'raw_orders', 'raw_payments', 'stg_orders', 'stg_payments']);
    assert.deepEqual(
      out.view.nodes.filter((n) => n.focus).map((n) => n.uniqueId),
      ['model.jaffle_shop.orders'],
    );
    assert.deepEqual(await lsp.request(DiagramRequests.nodeOfFile, { file }), { projectRoot: dir, uniqueId: 'model.jaffle_shop.orders' });
    assert.equal(await lsp.request(DiagramRequests.nodeOfFile, { file: join(dir, 'README.md') }), null);
  });

  it('ER view without a database: keys from tests, no database file created', async () => {
    const out = await lsp.request(DiagramRequests.view, { kind: 'er', projectRoot: dir });
    assert.ok(out.ok && out.view.kind === 'er', JSON.stringify(out));
    if (out.view.kind !== 'er') return;
    assert.ok(out.view.relationships.some((r) => r.parent === 'customers' && r.child === 'orders'));
    assert.deepEqual(out.view.entities.find((e) => e.label === 'orders')?.primaryKey, ['order_id']);
    assert.deepEqual(
      readdirSync(dir).filter((f) => f.endsWith('.duckdb')),
      [],
    );
  });

  it('colours after a build; stale once a model is edited after it', async () => {
    assert.deepEqual(await lsp.request(DiagramRequests.status, { projectRoot: dir }), {});
    const built = await lsp.request(Requests.run, { target: 'project', projectRoot: dir, command: 'build' });
    assert.ok(built.ok, JSON.stringify(built));
    const status = await lsp.request(DiagramRequests.status, { projectRoot: dir });
    assert.equal(status['model.jaffle_shop.orders'], 'ok');
    assert.equal(status['seed.jaffle_shop.raw_orders'], 'ok');
    await new Promise((r) => setTimeout(r, 20));
    appendFileSync(join(dir, 'models', 'staging', 'stg_orders.sql'), '\n-- edited\n');
    const after = await lsp.request(DiagramRequests.status, { projectRoot: dir });
    assert.equal(after['model.jaffle_shop.stg_orders'], 'stale');
    assert.equal(after['model.jaffle_shop.orders'], 'ok');
  });

  it('where a clicked node is defined; nothing for a node that is gone', async () => {
    assert.deepEqual(await lsp.request(DiagramRequests.place, { projectRoot: dir, uniqueId: 'model.jaffle_shop.orders' }), { file: join(dir, 'models', 'marts', 'orders.sql'), line: 1, column: 1 });
    assert.equal(await lsp.request(DiagramRequests.place, { projectRoot: dir, uniqueId: 'model.jaffle_shop.nope' }), null);
  });
});
