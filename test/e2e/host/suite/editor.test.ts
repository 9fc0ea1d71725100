/** The language features a model gets from the server: CodeLens, definition, completion, quick fix, compiled SQL. */
import assert from 'node:assert/strict';
import { suite, test } from 'mocha';
import * as vscode from 'vscode';
import { after, openModel, replaceLineAndSave, waitFor, waitForDiagnostic, waitForNoDiagnostic } from './util';

const ORDERS = 'models/marts/orders.sql';

export function registerEditorTests(): void {
  suite('Model Studio language features', () => {
    test('CodeLens over a model offers Run and Preview', async () => {
      const { document: doc } = await openModel(ORDERS);
      const titles = await waitFor('CodeLens', async () => {
        const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri, 10);
        const t = lenses.map((l) => l.command?.title ?? '');
        return t.some((x) => /Run/.test(x)) ? t : undefined;
      });
      assert.ok(titles.some((t) => /Preview/.test(t)), JSON.stringify(titles));
    });

    test("Go to Definition on ref('stg_orders') opens the model's file", async () => {
      const { document: doc } = await openModel(ORDERS);
      const locs = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', doc.uri, after(doc, "ref('stg_o"));
      const uris = locs.map((l) => ('targetUri' in l ? l.targetUri : l.uri).path);
      assert.ok(uris.some((p) => p.endsWith('/models/staging/stg_orders.sql')), JSON.stringify(uris));
    });

    test('completion inside ref() offers the models of the project', async () => {
      const { document: doc } = await openModel(ORDERS);
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, after(doc, "ref('"));
      const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
      for (const m of ['stg_orders', 'stg_payments', 'customers']) assert.ok(labels.includes(m), `${m} in ${JSON.stringify(labels.slice(0, 30))}`);
    });

    test('an unknown ref is a diagnostic with a quick fix to the closest model', async () => {
      const { document: doc } = await openModel(ORDERS);
      const line = 11; // `from {{ ref('stg_orders') }} as orders`
      const original = await replaceLineAndSave(doc, line, "from {{ ref('stg_order') }} as orders");
      try {
        const d = await waitForDiagnostic(doc.uri, (x) => /stg_order'/.test(x.message));
        assert.equal(d.range.start.line, line);
        const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, d.range);
        assert.ok(actions.some((a) => a.title === "Change to 'stg_orders'"), JSON.stringify(actions.map((a) => a.title)));
      } finally {
        await replaceLineAndSave(doc, line, original);
      }
      await waitForNoDiagnostic(doc.uri, (x) => /stg_order'/.test(x.message));
    });

    test('Compile Current Model shows the SQL with Jinja rendered and refs resolved', async () => {
      await openModel(ORDERS);
      await vscode.commands.executeCommand('modelStudio.showCompiledSql');
      // It opens beside the model without taking focus: look among the visible editors.
      const doc = await waitFor('the compiled SQL editor', () =>
        vscode.window.visibleTextEditors.map((e) => e.document).find((d) => d.uri.scheme === 'model-studio-compiled' && d.getText().length > 0),
      );
      const sql = doc.getText();
      assert.doesNotMatch(sql, /\{\{|\{%/);
      assert.match(sql, /credit_card_amount/);
      assert.match(sql, /stg_orders/);
    });
  });
}
