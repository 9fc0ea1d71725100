import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { formatModel } from '../../../src/core/format';
import { scanJinja } from '../../../src/core/language';
import { formatFixtures } from './fixtures';

const jinjaBlocks = (text: string) => scanJinja(text).map((s) => text.slice(s.start, s.end));

const fixtures = formatFixtures();

void test('the corpus holds 21 realistic models', () => {
  assert.equal(fixtures.length, 21);
});

for (const f of fixtures) {
  void test(`${f.name}: formats to the expected text, Jinja byte for byte, idempotent`, () => {
    const r = formatModel(f.input);
    assert.ok(r.ok, r.ok ? '' : `refused: ${r.reason} at ${r.place.line}:${r.place.column}`);
    assert.equal(r.text, f.expected);
    assert.equal(r.changed, true);
    assert.deepEqual(jinjaBlocks(r.text), jinjaBlocks(f.input));
    assert.equal(r.text.endsWith('\n'), f.input.endsWith('\n'));
    const again = formatModel(r.text);
    assert.ok(again.ok);
    assert.equal(again.text, r.text);
    assert.equal(again.changed, false);
  });
}
