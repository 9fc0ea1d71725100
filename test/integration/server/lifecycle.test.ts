/** Files renamed away leave no diagnostics; the database is released when idle; new projects come from templates. */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { Requests } from '../../../src/protocol';
import { copyTemplate } from '../../helpers/tempProject';
import { LspHarness } from './harness';

void test('renaming a broken model clears its diagnostics; an idle server lets go of the database', async () => {
  const dir = copyTemplate('jaffle_shop');
  const lsp = await LspHarness.start(dir, { trusted: true, settings: { releaseDatabaseAfterSeconds: 0.2 } });
  try {
    const orders = join(dir, 'models/staging/stg_orders.sql');
    await lsp.open(orders);
    writeFileSync(orders, readFileSync(orders, 'utf8').replace('order_date,', 'order_dat,'));
    await lsp.save(orders);
    await lsp.waitFor('the SQL error', () => lsp.diagnosticsOf(orders).length > 0, 60_000);

    // Another program can open the file once the server has been idle for the configured time.
    const projects = await lsp.request(Requests.projects, {});
    await new Promise((r) => setTimeout(r, 700));
    const other = await DuckDBInstance.create(projects[0].databasePath);
    other.closeSync();

    const renamed = join(dir, 'models/staging/stg_orders_v2.sql');
    renameSync(orders, renamed);
    await lsp.fileEvent(orders, 3);
    await lsp.fileEvent(renamed, 1);
    await lsp.waitFor('the old file to be cleared', () => lsp.diagnosticsOf(orders).length === 0);
    let names: string[] = [];
    const deadline = Date.now() + 10_000;
    while (!names.includes('stg_orders_v2') && Date.now() < deadline) {
      names = (await lsp.request(Requests.projects, {}))[0].nodes.map((n) => n.name);
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.ok(names.includes('stg_orders_v2'), names.join(', '));
    assert.ok(!names.includes('stg_orders'));
  } finally {
    await lsp.stop();
  }
});

void test('templates are listed and a new project is created from one, as `model-studio init` does', async () => {
  const dir = copyTemplate('jaffle_shop');
  const lsp = await LspHarness.start(dir, { trusted: true });
  try {
    const templates = await lsp.request(Requests.templates, {});
    assert.ok(templates.includes('jaffle_shop'), templates.join(', '));
    const dest = join(mkdtempSync(join(tmpdir(), 'ms-new-')), 'shop');
    const out = await lsp.request(Requests.newProject, { template: 'jaffle_shop', folder: dest });
    assert.ok(out.ok, JSON.stringify(out));
    assert.ok(existsSync(join(dest, 'dbt_project.yml')));
    const again = await lsp.request(Requests.newProject, { template: 'jaffle_shop', folder: dest });
    assert.equal(again.ok, false, 'a folder that is not empty is refused');
  } finally {
    await lsp.stop();
  }
});
