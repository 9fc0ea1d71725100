/**
 * Performance sanity: prints timings, asserts only that the work completes. Budgets (1,000 models
 * in under 1 s, a re-render in a few ms) are checked by reading the numbers, not by the test,
 * because CI machines vary too much for timed assertions.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JinjaEnvironment } from '../../../src/core/jinja/index';
import { contextFor, loadCase, macroFiles } from './corpus-harness';

const MODELS = [
  'dbt_staging_model',
  'dbt_incremental_model',
  'dbt_pivot_payment_methods',
  'dbt_union_relations',
  'dbt_column_loop_with_namespace',
  'dbt_conditional_where',
  'macro_project_string_output',
  'dbt_set_from_macro_list',
  'macro_dispatch',
  'dbt_vars_and_env',
];

function ms(since: number): string {
  return `${(performance.now() - since).toFixed(1)} ms`;
}

void test('render timings (printed)', () => {
  const env = new JinjaEnvironment();
  let t = performance.now();
  env.setMacroFiles(macroFiles());
  const setMacros = ms(t);

  const cases = MODELS.map((name) => ({ name, ...loadCase(name) }));
  // 1,000 distinct sources, so every render compiles its template (a cold project build).
  const models = Array.from({ length: 1000 }, (_, i) => {
    const c = cases[i % cases.length];
    return { ...c, source: `${c.source}\n-- model ${i}`, file: `/proj/models/m${i}.sql` };
  });
  t = performance.now();
  let bytes = 0;
  for (const m of models) bytes += env.render(m.source, contextFor(env, m.name, m.spec), { file: m.file }).length;
  const cold = ms(t);

  t = performance.now();
  for (const m of models) env.render(m.source, contextFor(env, m.name, m.spec), { file: m.file });
  const cached = ms(t);

  const one = models[3];
  const edited = `${one.source}\n-- edited`;
  t = performance.now();
  env.render(edited, contextFor(env, one.name, one.spec), { file: one.file });
  const editRender = ms(t);
  t = performance.now();
  for (let i = 0; i < 100; i++) env.render(edited, contextFor(env, one.name, one.spec), { file: one.file });
  const reRender = `${((performance.now() - t) / 100).toFixed(3)} ms`;

  t = performance.now();
  for (let i = 0; i < 100; i++) env.setMacroFiles(macroFiles());
  const resetMacros = `${((performance.now() - t) / 100).toFixed(3)} ms`;

  console.log(
    [
      `setMacroFiles (cold): ${setMacros}; again with unchanged files: ${resetMacros}`,
      `1000 models, first render (parse + compile + render): ${cold}`,
      `1000 models, cached templates: ${cached}`,
      `one edited model: first render ${editRender}, re-render ${reRender}`,
    ].join('\n'),
  );
  assert.ok(bytes > 0);
});
