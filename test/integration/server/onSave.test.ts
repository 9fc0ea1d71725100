/**
 * The language server over its protocol, on a copy of the jaffle_shop template: save → run →
 * diagnostics at the right lines; fix → cleared; failing data tests on their YAML line.
 */
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Requests } from '../../../src/protocol';
import { copyTemplate } from '../../helpers/tempProject';
import { LspHarness, uri } from './harness';

void describe('language server: on save', () => {
  let dir: string;
  let lsp: LspHarness;
  let stgOrders: string;
  let original: string;
  let schemaYml: string;

  before(async () => {
    dir = copyTemplate('jaffle_shop');
    stgOrders = join(dir, 'models/staging/stg_orders.sql');
    schemaYml = join(dir, 'models/staging/schema.yml');
    original = readFileSync(stgOrders, 'utf8');
    lsp = await LspHarness.start(dir, { trusted: true, settings: { onSave: 'run' } });
    await lsp.open(stgOrders);
    await lsp.open(schemaYml);
  });

  after(async () => {
    await lsp?.stop();
  });

  /** stg_orders with orders 1–3 twice: its unique(order_id) test fails with 3 duplicate values. */
  const withDuplicateOrders = () => original.replace('select * from renamed', 'select * from renamed\nunion all\nselect * from renamed where order_id <= 3');

  void it('loads the project and lists its models', async () => {
    const list = await lsp.request(Requests.projects, {});
    assert.ok(list.length > 0);
    assert.equal(list.length, 1);
    assert.equal(list[0].name, 'jaffle_shop');
    assert.ok(list[0].nodes.some((n) => n.name === 'stg_orders' && n.kind === 'model' && n.folder === 'models/staging'));
  });

  void it('runs a saved model (building parents the first time) with no diagnostics', async () => {
    const since = lsp.results.length;
    await lsp.save(stgOrders);
    const r = await lsp.waitForResult('stg_orders', since, 60_000);
    assert.equal(r.state.status, 'success');
    assert.deepEqual(lsp.diagnosticsOf(stgOrders), []);
  });

  void it('puts a DuckDB error at the model line and clears it when fixed', async () => {
    const lines = original.split('\n');
    const at = lines.findIndex((l) => l.includes('order_date,'));
    lines[at] = lines[at].replace('order_date,', 'order_dat,');
    writeFileSync(stgOrders, lines.join('\n'));
    const savedAt = await lsp.save(stgOrders);
    const diags = await lsp.waitFor('a diagnostic on stg_orders.sql', () => lsp.diagnosticsOf(stgOrders).length > 0 && lsp.diagnosticsOf(stgOrders));
    const latency = (lsp.published.get(uri(stgOrders))?.at ?? 0) - savedAt;
    console.log(`save → diagnostic: ${latency} ms`);
    assert.equal(diags.length, 1);
    assert.equal(diags[0].source, 'model-studio');
    assert.equal(diags[0].code, 'sql-error');
    assert.equal(diags[0].severity, 1);
    assert.equal(diags[0].range.start.line, at, diags[0].message);
    assert.match(diags[0].message, /order_dat/);

    writeFileSync(stgOrders, original);
    await lsp.save(stgOrders);
    await lsp.waitFor('the diagnostic to clear', () => lsp.diagnosticsOf(stgOrders).length === 0);
  });

  void it('reports a failing unique test on its YAML line, with sample rows on hover', async () => {
    writeFileSync(stgOrders, withDuplicateOrders());
    await lsp.save(stgOrders);
    const diags = await lsp.waitFor('a diagnostic on schema.yml', () => lsp.diagnosticsOf(schemaYml).length > 0 && lsp.diagnosticsOf(schemaYml));
    const unique = diags.find((d) => d.message.startsWith('unique(order_id)'));
    assert.ok(unique, JSON.stringify(diags, null, 2));
    assert.equal(unique.message.split('\n')[0], 'unique(order_id) failed: 3 duplicate values');
    const yamlLines = readFileSync(schemaYml, 'utf8').split('\n');
    const orderIdLine = yamlLines.findIndex((l) => l.includes('name: order_id'));
    const uniqueLine = yamlLines.findIndex((l, i) => i > orderIdLine && l.trim() === '- unique');
    assert.equal(unique.range.start.line, uniqueLine);
    assert.ok(unique.relatedInformation?.some((r) => r.location.uri.includes('/target/') && r.location.uri.endsWith('.sql')), JSON.stringify(unique.relatedInformation));
    const hover = await lsp.conn.sendRequest<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri: uri(schemaYml) }, position: { line: uniqueLine, character: 8 } });
    assert.ok(hover, 'hover on the failing test line');
    assert.match(hover.contents.value, /unique\(order_id\) failed/);
    assert.match(hover.contents.value, /\| unique_field \| n_records \|/);

    writeFileSync(stgOrders, original);
    await lsp.save(stgOrders);
    await lsp.waitFor('the test diagnostic to clear', () => lsp.diagnosticsOf(schemaYml).length === 0);
  });

  void it("a save leaves the quality report of the last Build Project as it was, and its tests' diagnostics still come", async () => {
    const build = await lsp.request(Requests.run, { target: 'project', projectRoot: dir, command: 'build' });
    assert.ok(build.ok, JSON.stringify(build));
    const reportPath = join(dir, 'target', 'quality_report.json');
    const report = readFileSync(reportPath, 'utf8');
    const tables = (JSON.parse(report) as { tables: unknown[] }).tables.length;
    assert.ok(tables > 3, `the build's report covers the project (${tables} tables)`);

    writeFileSync(stgOrders, withDuplicateOrders());
    await lsp.save(stgOrders);
    await lsp.waitFor('the unique test diagnostic', () => lsp.diagnosticsOf(schemaYml).some((d) => d.message.startsWith('unique(order_id)')));
    assert.equal(readFileSync(reportPath, 'utf8'), report, 'the report is the build\'s, not one of the saved model alone');

    writeFileSync(stgOrders, original);
    await lsp.save(stgOrders);
    await lsp.waitFor('the test diagnostic to clear', () => lsp.diagnosticsOf(schemaYml).length === 0);
  });

  void it('offers "did you mean" for an unknown ref and drops diagnostics of a deleted file', async () => {
    writeFileSync(stgOrders, original.replace("ref('raw_orders')", "ref('raw_ordrs')"));
    await lsp.save(stgOrders);
    const [d] = await lsp.waitFor('an unknown-ref diagnostic', () => lsp.diagnosticsOf(stgOrders).length > 0 && lsp.diagnosticsOf(stgOrders));
    assert.equal(d.code, 'unknown-ref');
    const actions = await lsp.conn.sendRequest<Array<{ title: string; edit: { changes: Record<string, Array<{ newText: string }>> } }>>('textDocument/codeAction', { textDocument: { uri: uri(stgOrders) }, range: d.range, context: { diagnostics: [d] } });
    assert.equal(actions[0]?.title, "Change to 'raw_orders'");
    assert.equal(actions[0].edit.changes[uri(stgOrders)][0].newText, "ref('raw_orders')");

    rmSync(stgOrders);
    await lsp.fileEvent(stgOrders, 3);
    await lsp.waitFor('diagnostics of the deleted file to clear', () => lsp.diagnosticsOf(stgOrders).length === 0);
    writeFileSync(stgOrders, original);
    await lsp.fileEvent(stgOrders, 1);
  });
});
