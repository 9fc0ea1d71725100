import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { test } from 'node:test';
import { generateDataset } from '../../../src/core/generate';
import { scalar, tempProject, withDb } from './helpers';

const SPEC = `name: narrow
tables:
  parents:
    rows: 150
    primary_key: parent_id
    columns:
      parent_id: { id: "P{seq:02}" }
  children:
    rows: 300
    primary_key: child_id
    columns:
      child_id: { id: "C{seq:02}" }
      parent_id: { ref: parents.parent_id }
    defects:
      - { type: orphan_fks, column: parent_id, count: 5 }
`;

void test('ids wider than their {seq:NN} pattern stay unique, and orphan keys never hit a real row', async () => {
  const dir = tempProject({ 'datasets/narrow.yml': SPEC });
  await generateDataset({ projectRoot: dir, specFile: 'datasets/narrow.yml', dbPath: join(dir, 'warehouse.duckdb'), targetDir: join(dir, 'target'), threads: 2 });
  await withDb(dir, async (wh) => {
    assert.equal(await scalar(wh, 'SELECT count(DISTINCT parent_id) FROM raw.parents'), 150);
    assert.equal(await scalar(wh, "SELECT count(*) FROM raw.parents WHERE parent_id IN ('P01', 'P99', 'P100', 'P150')"), 4);
    assert.equal(await scalar(wh, 'SELECT count(DISTINCT child_id) FROM raw.children'), 300);
    assert.equal(await scalar(wh, 'SELECT count(*) FROM raw.children c WHERE NOT EXISTS (SELECT 1 FROM raw.parents p WHERE p.parent_id = c.parent_id)'), 5);
  });
});
