import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isKwargs, JinjaEnvironment, splitArgs } from '../../../src/core/jinja/index';

const MACROS = '/proj/macros/m.sql';
const OTHER = '/proj/macros/other.sql';

function envWith(...sources: string[]): JinjaEnvironment {
  const env = new JinjaEnvironment();
  env.setMacroFiles(sources.map((source, i) => ({ file: i === 0 ? MACROS : `${OTHER}.${i}`, source })));
  return env;
}

void test('setMacroFiles reports macros and dbt test blocks with args and places', () => {
  const env = new JinjaEnvironment();
  const infos = env.setMacroFiles([
    {
      file: MACROS,
      source: 'text outside\n{% macro one(a, b=2) -%}\n{{ a }}\n{%- endmacro %}\n\n  {% test positive(model, column_name) %}select 1{% endtest %}\n{% materialization t, adapter="duckdb" %}x{% endmaterialization %}',
    },
  ]);
  assert.deepEqual(
    infos.map(({ name, kind, args, file, line, column, endLine }) => ({ name, kind, args, file, line, column, endLine })),
    [
      { name: 'one', kind: 'macro', args: ['a', 'b'], file: MACROS, line: 2, column: 1, endLine: 4 },
      { name: 'test_positive', kind: 'test', args: ['model', 'column_name'], file: MACROS, line: 6, column: 3, endLine: 6 },
    ],
  );
  assert.equal(infos[0].sql, '{% macro one(a, b=2) -%}\n{{ a }}\n{%- endmacro %}');
  assert.ok(env.hasMacro('one') && env.hasMacro('test_positive'));
  assert.ok(!env.hasMacro('positive') && !env.hasMacro('materialization_t'));
});

void test("a macro calling ref()/var() uses the calling render's functions", () => {
  const env = envWith("{% macro upstream(n) %}{{ ref(n) }}/{{ var('v') }}{% endmacro %}", '{% macro outer() %}[{{ upstream("x") }}]{% endmacro %}');
  const ctxA = { ref: (n: string) => `A.${n}`, var: () => 'va' };
  const ctxB = { ref: (n: string) => `B.${n}`, var: () => 'vb' };
  assert.equal(env.render('{{ outer() }}', ctxA, { file: '/a.sql' }), '[A.x/va]');
  assert.equal(env.render('{{ outer() }}', ctxB, { file: '/b.sql' }), '[B.x/vb]');
  assert.equal(env.callMacro('upstream', ctxB, ['y']), 'B.y/vb');
});

void test('macros see each other across files; model-level variables stay private to the model', () => {
  const env = envWith('{% macro a() %}a{{ b() }}{% endmacro %}', '{% macro b() %}b{{ secret }}{% endmacro %}');
  assert.equal(env.render("{% set secret = 'model-local' %}{{ a() }}", {}, { file: '/m.sql' }), 'ab');
  assert.equal(env.render('{{ a() }}', { secret: '!' }, { file: '/m.sql' }), 'ab!');
});

void test('context keys win over macros of the same name', () => {
  const env = envWith('{% macro ref(n) %}macro-ref{% endmacro %}');
  assert.equal(env.render("{{ ref('x') }}", { ref: () => 'ctx-ref' }, { file: '/m.sql' }), 'ctx-ref');
  assert.equal(env.render("{{ ref('x') }}", {}, { file: '/m.sql' }), 'macro-ref');
});

void test('return() makes a macro call evaluate to a value; callMacro hands it back as plain JS', () => {
  const env = envWith(
    "{% macro cols() %}{{ return(['a', 'b']) }}{% endmacro %}" +
      "{% macro info() %}{% do return({'n': 2.0, 'ok': true, 'nested': [1.5, none]}) %}never{% endmacro %}" +
      '{% macro text(x) %} hello {{ x }} {% endmacro %}' +
      '{% macro flag() %}{{ return(false) }}{% endmacro %}',
  );
  assert.equal(env.render('{% set c = cols() %}{{ c | length }}:{{ c[1] }}', {}, { file: '/m.sql' }), '2:b');
  assert.deepEqual(env.callMacro('cols', {}, []), ['a', 'b']);
  assert.deepEqual(env.callMacro('info', {}, []), { n: 2, ok: true, nested: [1.5, null] });
  assert.equal(env.callMacro('text', {}, [], { x: 'kw' }), ' hello kw ');
  assert.equal(env.callMacro('flag', {}, []), false);
  assert.equal(env.render('{{ info().n }}', {}, { file: '/m.sql' }), '2.0');
});

void test('return() only ends project macros, not template-local ones (as in dbt)', () => {
  const env = new JinjaEnvironment();
  assert.throws(() => env.render('{% macro local() %}{{ return(1) }}{% endmacro %}{{ local() }}', {}, { file: '/m.sql' }), /outside of a macro/);
});

void test('keyword arguments reach JS functions as a trailing Kwargs object', () => {
  const seen: unknown[][] = [];
  const config = (...raw: unknown[]): string => {
    seen.push(raw);
    return '';
  };
  const env = new JinjaEnvironment();
  env.render("{{ config(materialized='table', tags=['a'], ratio=1.0) }}{{ config({'x': 1}) }}", { config }, { file: '/m.sql' });
  assert.equal(seen.length, 2);
  const [first] = seen[0];
  assert.ok(isKwargs(first));
  assert.deepEqual({ ...first }, { materialized: 'table', tags: ['a'], ratio: 1 });
  assert.ok(!isKwargs(seen[1][0]));
  assert.deepEqual(splitArgs(seen[0]), { args: [], kwargs: { materialized: 'table', tags: ['a'], ratio: 1 } });
  assert.deepEqual(splitArgs(seen[1]), { args: [{ x: 1 }], kwargs: {} });
});

void test('macros handed to JS code are callable functions bound to the render', () => {
  const env = envWith('{% macro shout(x, suffix="!") %}{{ x | upper }}{{ suffix }}{% endmacro %}');
  const apply = (fn: (...a: unknown[]) => unknown, v: string): unknown => fn(v);
  assert.equal(env.render("{{ apply(shout, 'hi') }}", { apply }, { file: '/m.sql' }), 'HI!');
});

void test('re-setting macro files replaces the set; unchanged files are not re-parsed', () => {
  const env = new JinjaEnvironment();
  const files = [
    { file: MACROS, source: '{% macro a() %}1{% endmacro %}' },
    { file: OTHER, source: '{% macro b() %}2{% endmacro %}' },
  ];
  env.setMacroFiles(files);
  assert.ok(env.hasMacro('a') && env.hasMacro('b'));
  env.setMacroFiles([files[0], { file: OTHER, source: '{% macro c() %}3{% endmacro %}' }]);
  assert.ok(env.hasMacro('a') && env.hasMacro('c') && !env.hasMacro('b'));
  assert.equal(env.render('{{ a() }}{{ c() }}', {}, { file: '/m.sql' }), '13');
});

void test('callMacro runs dbt generic tests by their test_ name with kwargs', () => {
  const env = envWith('{% test not_null(model, column_name) %}select * from {{ model }} where {{ column_name }} is null{% endtest %}');
  assert.equal(env.callMacro('test_not_null', {}, [], { model: '"main"."orders"', column_name: 'id' }), 'select * from "main"."orders" where id is null');
});

void test('adapter.dispatch-style lookups can be built on callMacro and hasMacro', () => {
  const env = envWith("{% macro default__now() %}now(){% endmacro %}{% macro current_ts() %}{{ adapter.dispatch('now')() }}{% endmacro %}");
  const ctx: Record<string, unknown> = {};
  ctx.adapter = {
    dispatch: (name: string) => {
      const found = [`duckdb__${name}`, `default__${name}`].find((n) => env.hasMacro(n));
      return (...raw: unknown[]) => {
        const { args, kwargs } = splitArgs(raw);
        return env.callMacro(found ?? name, ctx, args, kwargs);
      };
    },
  };
  assert.equal(env.render('select {{ current_ts() }}', ctx, { file: '/m.sql' }), 'select now()');
});

void test('the kwargs object also answers to the nunjucks `__keywords` convention, without showing it', () => {
  let got: Record<string, unknown> | undefined;
  const f = (...raw: unknown[]): string => {
    got = raw[raw.length - 1] as Record<string, unknown>;
    return '';
  };
  new JinjaEnvironment().render("{{ f(1, a='x') }}", { f }, { file: '/m.sql' });
  assert.ok(got);
  assert.equal(got.__keywords, true);
  assert.deepEqual({ ...got }, { a: 'x' });
  assert.deepEqual(Object.keys(got), ['a']);
});
