import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { Engine } from '../../../src/core/engine';
import { formatModel } from '../../../src/core/format';
import { lexSql } from '../../../src/core/language';
import { copyTemplate } from '../../helpers/tempProject';
import { compileProject, formatFixtures, withoutPackages } from './fixtures';

/** The compiled SQL as tokens: whitespace between tokens may differ, nothing else. */
const tokens = (sql: string) => lexSql(sql).map((t) => (t.type === 'comment' ? t.text.replace(/\s+/g, ' ').trim() : t.text));

void test('every fixture compiles to the same SQL, modulo whitespace, before and after formatting', () => {
  const engine = Engine.load(compileProject());
  assert.deepEqual(engine.errors(), []);
  for (const f of formatFixtures()) {
    const before = engine.compileInline(withoutPackages(f.input)).sql;
    const after = engine.compileInline(withoutPackages(f.expected)).sql;
    assert.ok(before.includes('select') || before.includes('from'), `${f.name} compiled to SQL`);
    assert.deepEqual(tokens(after), tokens(before), f.name);
  }
});

void test('jaffle_shop: the project with every model formatted on disk compiles to the same SQL', () => {
  const original = Engine.load(copyTemplate('jaffle_shop'));
  const dir = copyTemplate('jaffle_shop');
  const models = Object.values(original.manifest.nodes).filter((n) => n.resource_type === 'model');
  assert.equal(models.length, 6);
  for (const node of models) {
    const file = join(dir, node.original_file_path);
    const r = formatModel(readFileSync(file, 'utf8'));
    assert.ok(r.ok && r.changed, `${node.name}: ${r.ok ? 'unchanged' : r.reason}`);
    writeFileSync(file, r.text);
  }
  const formatted = Engine.load(dir);
  assert.deepEqual(formatted.errors(), []);
  for (const node of models) {
    const other = formatted.nodeByName(node.name)!;
    assert.notEqual(other.raw_code, node.raw_code);
    // compile() also inlines ephemeral parents as CTEs, so order_payments is checked twice.
    assert.deepEqual(tokens(formatted.compile(other).sql), tokens(original.compile(node).sql), node.name);
  }
});
