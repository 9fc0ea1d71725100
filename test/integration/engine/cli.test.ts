import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { cli } from '../../helpers/cli';
import { copyTemplate } from '../../helpers/tempProject';

test('show prints a model preview as a table; --inline compiles Jinja first', async () => {
  const dir = copyTemplate('jaffle_shop');
  assert.equal((await cli(dir, 'seed')).code, 0);
  const r = await cli(dir, 'show', '--select', 'stg_orders', '--limit', '2');
  assert.equal(r.code, 0, r.err);
  assert.equal(r.out, ['Previewing stg_orders:', '| order_id | customer_id | order_date | status    |', '| -------- | ----------- | ---------- | --------- |', '| 1        | 1           | 2018-01-01 | returned  |', '| 2        | 3           | 2018-01-02 | completed |'].join('\n'));
  const inline = await cli(dir, 'show', '--inline', "select count(*) as n from {{ ref('raw_orders') }}", '--json');
  assert.equal(inline.code, 0, inline.err);
  assert.deepEqual((JSON.parse(inline.out) as { rows: unknown[][] }).rows, [[12]]);
});

test('ls lists by selector; compile writes compiled SQL and the manifest without a database', async () => {
  const dir = copyTemplate('jaffle_shop');
  const ls = await cli(dir, 'ls', '--select', 'tag:staging', '--output', 'name');
  assert.equal(ls.code, 0, ls.err);
  assert.deepEqual(ls.out.split('\n').filter((l) => l.startsWith('stg_')), ['stg_customers', 'stg_orders', 'stg_payments']);
  const c = await cli(dir, 'compile', '--select', '+orders');
  assert.equal(c.code, 0, c.err);
  assert.ok(existsSync(join(dir, 'target/manifest.json')));
  assert.match(readFileSync(join(dir, 'target/compiled/jaffle_shop/models/staging/stg_orders.sql'), 'utf8'), /where order_date >= '2018-01-01'/);
  assert.ok(!existsSync(join(dir, 'jaffle_shop.duckdb')), 'compile must not create the database');
});

test('clean removes target/; init refuses a non-empty folder and copies a template into an empty one', async () => {
  const dir = copyTemplate('jaffle_shop');
  await cli(dir, 'compile');
  assert.ok(existsSync(join(dir, 'target')));
  assert.equal((await cli(dir, 'clean')).code, 0);
  assert.ok(!existsSync(join(dir, 'target')));
  const refused = await cli(dir, 'init', '--template', 'jaffle_shop', dir);
  assert.equal(refused.code, 2);
  assert.match(refused.err, /is not empty/);
  const fresh = join(mkdtempSync(join(tmpdir(), 'ms-init-')), 'shop');
  const ok = await cli(dir, 'init', '--template', 'jaffle_shop', fresh);
  assert.equal(ok.code, 0, ok.err);
  assert.ok(existsSync(join(fresh, 'dbt_project.yml')));
});

test('bad usage exits 2 with a message', async () => {
  const dir = copyTemplate('jaffle_shop');
  const r = await cli(dir, 'run', '--no-such-flag');
  assert.equal(r.code, 2);
  assert.match(r.err, /Unknown option --no-such-flag/);
  const v = await cli(dir, 'run', '--vars', '[1, 2]');
  assert.equal(v.code, 2);
  assert.match(v.err, /--vars must be a YAML mapping/);
  const u = await cli(dir, 'frobnicate');
  assert.equal(u.code, 2);
});
