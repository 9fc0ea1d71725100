/** Activation, commands and run-on-save diagnostics, through the real `vscode` API. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { suite, suiteSetup, test } from 'mocha';
import * as vscode from 'vscode';
import { EXTENSION_ID, openModel, projectUri, replaceLineAndSave, waitForDiagnostic, waitForNoDiagnostic } from './util';

const STG_ORDERS = 'models/staging/stg_orders.sql';

export function registerExtensionTests(): void {
  suite('Model Studio in the extension host', () => {
    suiteSetup(async () => {
      const ext = vscode.extensions.getExtension(EXTENSION_ID);
      assert.ok(ext, `${EXTENSION_ID} is installed`);
      await ext.activate();
    });

    test('activates in a trusted dbt project', () => {
      assert.equal(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, true);
      assert.equal(vscode.workspace.isTrusted, true);
    });

    test('registers every command its manifest contributes', async () => {
      const manifest = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as { contributes: { commands: { command: string }[] } };
      const registered = new Set(await vscode.commands.getCommands(true));
      const missing = manifest.contributes.commands.map((c) => c.command).filter((c) => !registered.has(c));
      assert.deepEqual(missing, []);
    });

    test('a DuckDB error on save is an error diagnostic at its line; the fix clears it', async () => {
      const { document: doc } = await openModel(STG_ORDERS);
      const line = 10; // `    from source`
      const original = await replaceLineAndSave(doc, line, '    from sourze');
      try {
        const d = await waitForDiagnostic(doc.uri, (x) => /sourze/.test(x.message));
        assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
        assert.equal(d.range.start.line, line);
        assert.equal(d.source, 'model-studio');
      } finally {
        await replaceLineAndSave(doc, line, original);
      }
      await waitForNoDiagnostic(doc.uri, (x) => /sourze/.test(x.message));
    });

    test('a failing unique test is a diagnostic at its schema.yml line; passing again clears it', async () => {
      const { document: doc } = await openModel(STG_ORDERS);
      const schema = projectUri('models/staging/schema.yml');
      const line = 14; // `select * from renamed`
      const isUnique = (x: vscode.Diagnostic) => /unique/i.test(x.message) && /order_id/.test(x.message);
      const original = await replaceLineAndSave(doc, line, 'select * from renamed union all select * from renamed where order_id <= 3');
      try {
        const d = await waitForDiagnostic(schema, isUnique, 30_000);
        // schema.yml: `- unique` under stg_orders.order_id is line 16 (0-based 15).
        assert.equal(d.range.start.line, 15);
      } finally {
        await replaceLineAndSave(doc, line, original);
      }
      await waitForNoDiagnostic(schema, isUnique, 30_000);
    });

    test('Release Database File frees the DuckDB file for another process', async () => {
      await vscode.commands.executeCommand('modelStudio.releaseDatabase');
      // The extension's own DuckDB binding, from its install folder: a second opener of the file.
      const ext = vscode.extensions.getExtension(EXTENSION_ID);
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const duck = require(join(ext?.extensionPath ?? '', 'node_modules', '@duckdb', 'node-api')) as typeof import('@duckdb/node-api');
      const db = await duck.DuckDBInstance.create(projectUri('jaffle_shop.duckdb').fsPath, { access_mode: 'READ_ONLY' });
      const conn = await db.connect();
      try {
        const rows = (await conn.runAndReadAll('select count(*)::INTEGER as n from main_marts.orders')).getRowObjects();
        assert.equal(Number(rows[0].n), 12);
      } finally {
        conn.closeSync();
        db.closeSync();
      }
    });
  });
}
