/** Generate Synthetic Data over the protocol: progress notifications, the rows land, cancelling leaves the file alone. */
import assert from 'node:assert/strict';
import { existsSync, statSync } from 'node:fs';
import { test } from 'node:test';
import { CancellationTokenSource } from 'vscode-languageserver/node';
import { Requests, ServerNotifications, type GenerateOutcome, type GenerateProgress } from '../../../src/protocol';
import { copyTemplate } from '../../helpers/tempProject';
import { LspHarness } from './harness';

void test('generating the retail dataset reports progress, fills the database, and can be cancelled', async () => {
  const dir = copyTemplate('retail');
  const lsp = await LspHarness.start(dir, { trusted: true });
  const progress: GenerateProgress[] = [];
  lsp.conn.onNotification(ServerNotifications.generateProgress.method, (p: GenerateProgress) => {
    progress.push(p);
  });
  try {
    const specs = await lsp.request(Requests.datasetSpecs, { projectRoot: dir });
    assert.deepEqual(specs, ['datasets/retail.yml']);
    const out = await lsp.request(Requests.generate, { projectRoot: dir, specFile: specs[0], scale: 0.05, seed: 7, progressToken: 'g1' });
    assert.ok(out.ok, JSON.stringify(out));
    assert.ok(out.rows > 100 && out.tables >= 5, JSON.stringify(out));
    assert.ok(progress.some((p) => p.progressToken === 'g1' && /rows\/s/.test(p.message)), 'progress with rows/s');
    const q = await lsp.request(Requests.preview, { source: 'sql', projectRoot: dir, sql: 'select count(*) as n from raw.customers' });
    assert.ok(q.ok && Number(q.data.rows[0][0]) > 0, JSON.stringify(q));

    const projects = await lsp.request(Requests.projects, {});
    const db = projects[0].databasePath;
    await lsp.request(Requests.releaseDatabase, {});
    const before = statSync(db).mtimeMs;
    const cts = new CancellationTokenSource();
    const started = progress.length;
    const pending = lsp.conn.sendRequest<GenerateOutcome>(Requests.generate.method, { projectRoot: dir, specFile: specs[0], scale: 20, seed: 8, progressToken: 'g2' }, cts.token);
    await lsp.waitFor('progress of the big run', () => progress.slice(started).some((p) => p.progressToken === 'g2'), 60_000);
    cts.cancel();
    const cancelled = await pending;
    assert.equal(cancelled.ok ? 'ok' : cancelled.kind, 'cancelled');
    assert.ok(existsSync(db));
    assert.equal(statSync(db).mtimeMs, before, 'a cancelled run leaves the database file as it was');
  } finally {
    await lsp.stop();
  }
});
