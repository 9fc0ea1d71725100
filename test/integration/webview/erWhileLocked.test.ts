/**
 * The ER view of a built project while another process holds its database: DuckDB's column types
 * still come from the file (a copy as of its last checkpoint), and no lock warning pops up for a
 * diagram that only reads.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { DiagramRequests } from '../../../src/protocol';
import { cli } from '../../helpers/cli';
import { copyTemplate } from '../../helpers/tempProject';
import { LspHarness } from '../server/harness';

void test('ER view while another process holds the database: DuckDB types from a copy, no lock warning', { timeout: 180_000 }, async () => {
  const dir = copyTemplate('jaffle_shop');
  const built = await cli(dir, 'build');
  assert.equal(built.code, 0, built.err);
  const other = await DuckDBInstance.create(join(dir, 'jaffle_shop.duckdb'));
  const lsp = await LspHarness.start(dir, { trusted: true, settings: { onSave: 'off' } });
  try {
    const out = await lsp.request(DiagramRequests.view, { kind: 'er', projectRoot: dir });
    assert.ok(out.ok && out.view.kind === 'er', JSON.stringify(out));
    if (out.view.kind !== 'er') return;
    // YAML alone gives no types; these come from DuckDB's catalog.
    assert.match(out.view.text, /orders \{[^}]*\b(BIGINT|INTEGER|DATE)\b[^}]*order_id/s);
    assert.deepEqual(lsp.messages.filter((m) => /in use/.test(m.message)), []);
  } finally {
    await lsp.stop();
    other.closeSync();
  }
});
