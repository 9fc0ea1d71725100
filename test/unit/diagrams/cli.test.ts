/**
 * `lineage` and `erd` on a real project (the jaffle_shop template), through the command objects
 * as the CLI runs them: files written, text printed, and Mermaid accepts both.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { parseArgs } from '../../../src/cli/args';
import type { CliCommand } from '../../../src/cli/command';
import { erdCommand } from '../../../src/cli/commands/erd';
import { lineageCommand } from '../../../src/cli/commands/lineage';
import { cli } from '../../helpers/cli';
import { copyTemplate } from '../../helpers/tempProject';
import { describe, it } from '../graph/harness';
import { parseEr, parseFlowchart } from './mermaidParse';

async function run(cmd: CliCommand, cwd: string, ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const args = parseArgs(argv, cmd.options);
  const code = await cmd.run(args, { out: (l) => out.push(l), err: (l) => err.push(l), cwd, json: args.options.json === true });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('model-studio lineage / erd', () => {
  let dir: string;
  void before(() => {
    dir = copyTemplate('jaffle_shop');
  });
  void after(() => rmSync(dir, { recursive: true, force: true }));

  it('lineage writes target/lineage.mmd and prints the same text', async () => {
    const r = await run(lineageCommand, dir);
    assert.equal(r.code, 0, r.err);
    const file = join(dir, 'target', 'lineage.mmd');
    assert.equal(readFileSync(file, 'utf8'), r.out + '\n');
    assert.match(r.out, /^flowchart LR$/m);
    assert.match(r.out, /^ {2}subgraph g_staging\["staging"\]$/m);
    assert.match(r.out, /^ {2}m_stg_orders --> m_orders$/m);
    assert.match(r.err, /Wrote target\/lineage\.mmd: \d+ nodes, \d+ edges\./);
    const parsed = await parseFlowchart(r.out);
    assert.ok(parsed.vertices.some((v) => v.id === 'm_customers'));
  });

  it('lineage focuses, selects, writes JSON, and rejects what it cannot do', async () => {
    const focused = await run(lineageCommand, dir, 'customers', '--upstream', '1', '--downstream', '0', '--out', 'c.mmd');
    assert.equal(focused.code, 0, focused.err);
    assert.ok(existsSync(join(dir, 'c.mmd')));
    assert.match(focused.out, /class m_customers focus/);
    assert.doesNotMatch(focused.out, /seed_raw_orders/);

    const json = await run(lineageCommand, dir, '--select', '+orders', '--format', 'json');
    assert.equal(json.code, 0, json.err);
    const doc = JSON.parse(json.out) as { file: string; nodes: Array<{ label: string }>; edges: unknown[] };
    assert.equal(doc.file, join(dir, 'target', 'lineage.json'));
    assert.ok(doc.nodes.some((n) => n.label === 'orders') && !doc.nodes.some((n) => n.label === 'customers'));

    const miss = await run(lineageCommand, dir, '--focus', 'custmers');
    assert.equal(miss.code, 2);
    assert.match(miss.err, /Did you mean 'customers'/);
    await assert.rejects(run(lineageCommand, dir, '--format', 'svg'), /--format must be mermaid or json/);
    await assert.rejects(run(lineageCommand, dir, '--upstream', '-1'), /--upstream must be a whole number/);
  });

  it('erd uses YAML before the build and DuckDB types after it', async () => {
    const before = await run(erdCommand, dir);
    assert.equal(before.code, 0, before.err);
    assert.equal(readFileSync(join(dir, 'target', 'erd.mmd'), 'utf8'), before.out + '\n');
    assert.match(before.out, /unknown customer_id PK/);
    assert.match(before.out, /^ {2}customers \|\|--o\{ orders : "customer_id"$/m);
    assert.match(before.err, /columns from YAML/);

    const build = await cli(dir, 'build');
    assert.equal(build.code, 0, build.err);
    const after = await run(erdCommand, dir, '--select', 'customers', 'orders');
    assert.equal(after.code, 0, after.err);
    assert.match(after.out, /^ {4}(INTEGER|BIGINT) customer_id PK$/m);
    assert.match(after.out, /^ {2}customers \|\|--o\{ orders : "customer_id"$/m);
    assert.doesNotMatch(after.out, /stg_orders/);
    const parsed = await parseEr(after.out);
    assert.deepEqual(parsed.entities.map((e) => e.name).sort(), ['customers', 'orders']);
  });
});
