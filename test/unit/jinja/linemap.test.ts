import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JinjaEnvironment } from '../../../src/core/jinja/index';
import { contextFor, listCases, loadCase, macroFiles } from './corpus-harness';

const FILE = '/proj/models/m.sql';

function mapOf(env: JinjaEnvironment, source: string, ctx: Record<string, unknown> = {}): Array<[number, string]> {
  const { output, lineMap } = env.renderWithLineMap(source, ctx, { file: FILE });
  const lines = output.split('\n');
  assert.equal(lineMap.length, lines.length);
  return lines.map((l, i) => [lineMap[i], l]);
}

void test('lines produced inside a for loop map to the loop body lines', () => {
  const src = ['select', '{%- for c in ["a", "b"] %}', '    {{ c }},', '    {{ c }}_x,', '{%- endfor %}', '    1', 'from t'].join('\n');
  assert.deepEqual(mapOf(new JinjaEnvironment(), src), [
    [1, 'select'],
    [3, '    a,'],
    [4, '    a_x,'],
    [3, '    b,'],
    [4, '    b_x,'],
    [6, '    1'],
    [7, 'from t'],
  ]);
});

void test('every line a macro call prints maps to the line of the call', () => {
  const env = new JinjaEnvironment();
  env.setMacroFiles([{ file: '/proj/macros/m.sql', source: '{% macro cols() %}\n  a,\n  b\n{%- endmacro %}' }]);
  assert.deepEqual(mapOf(env, 'select\n  {{ cols() }}\nfrom t'), [
    [1, 'select'],
    [2, '  '],
    [2, '  a,'],
    [2, '  b'],
    [3, 'from t'],
  ]);
});

void test('whitespace control and comments keep the mapping on the right source lines', () => {
  const src = "{{ config(materialized='table') }}\n\n{# header #}\nselect *\n{%- if true %}\nfrom x\n{%- endif %}\nwhere a = 1";
  assert.deepEqual(mapOf(new JinjaEnvironment(), src, { config: () => '' }), [
    [1, ''],
    [2, ''],
    [3, ''],
    [4, 'select *'],
    [6, 'from x'],
    [8, 'where a = 1'],
  ]);
});

void test('renderWithLineMap never changes the output (whole corpus)', () => {
  const env = new JinjaEnvironment();
  env.setMacroFiles(macroFiles());
  let checked = 0;
  for (const name of listCases()) {
    const { source, spec, file } = loadCase(name);
    let plain: string;
    try {
      plain = env.render(source, contextFor(env, name, spec), { file });
    } catch {
      continue;
    }
    const { output, lineMap } = env.renderWithLineMap(source, contextFor(env, name, spec), { file });
    assert.equal(output, plain, name);
    assert.equal(lineMap.length, output.split('\n').length, name);
    const sourceLines = source.split('\n').length;
    for (const l of lineMap) assert.ok(l >= 0 && l <= sourceLines, `${name}: line ${l} out of range`);
    checked++;
  }
  assert.ok(checked >= 80);
});
