import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ProblemError, problem, type Problem } from '../../../src/core/problems';
import { JinjaEnvironment } from '../../../src/core/jinja/index';

const MODEL = '/proj/models/orders.sql';
const MACROS = '/proj/macros/helpers.sql';

function problemOf(f: () => unknown): Problem {
  try {
    f();
  } catch (e) {
    assert.ok(e instanceof ProblemError, `expected a ProblemError, got ${String(e)}`);
    assert.equal(e.problems.length, 1);
    return e.problems[0];
  }
  assert.fail('expected an error');
}

function render(source: string, context: Record<string, unknown> = {}, env = new JinjaEnvironment()): string {
  return env.render(source, context, { file: MODEL });
}

void test('unclosed block: message names the tag and where it was opened, placed at the opening tag', () => {
  const p = problemOf(() => render('select\n  1\n  {% if x %}\n  2\n'));
  assert.equal(p.code, 'jinja-syntax');
  assert.equal(p.file, MODEL);
  assert.equal(p.line, 3);
  assert.equal(p.column, 3);
  assert.equal(p.message, 'unexpected end of template: {% if %} opened at line 3 was never closed');
  assert.equal(p.hint, 'add {% endif %}');
});

void test('syntax error inside an expression points at the offending token', () => {
  const p = problemOf(() => render('select\n  {{ ref("a" }}\n'));
  assert.equal(p.code, 'jinja-syntax');
  assert.equal(p.line, 2);
  assert.equal(p.column, 14);
  assert.match(p.message, /unexpected '}', expected '\)'/);
});

void test('mismatched end tag names the innermost open block', () => {
  const p = problemOf(() => render('{% for x in y %}\n{% endif %}'));
  assert.equal(p.code, 'jinja-syntax');
  assert.equal(p.line, 2);
  assert.equal(p.column, 4);
  assert.match(p.message, /unexpected '\{% endif %\}': the innermost open block is \{% for %\} from line 1/);
});

void test('unknown tags, stray end tags and unsupported tags are syntax errors', () => {
  assert.match(problemOf(() => render('{% frob %}')).message, /unknown tag 'frob'/);
  assert.match(problemOf(() => render('{% endif %}')).message, /there is no open \{% if %\} block/);
  assert.match(problemOf(() => render("{% include 'x.sql' %}")).message, /not supported/);
  assert.match(problemOf(() => render('{% break %}')).message, /outside of a for loop/);
  assert.match(problemOf(() => render('{# never closed')).message, /missing end of comment tag/);
  assert.match(problemOf(() => render('{% raw %} never closed')).message, /endraw/);
});

void test('undefined variable: the place is where the name is used, message as Jinja2 words it', () => {
  const p = problemOf(() => render('select\n\n  {{ foo.bar }}'));
  assert.equal(p.code, 'jinja-render');
  assert.equal(p.line, 3);
  assert.equal(p.column, 6);
  assert.equal(p.message, "'foo' is undefined");
});

void test('undefined attribute of a dict names the dict object, like Jinja2', () => {
  const p = problemOf(() => render('{% set d = {} %}\n{{ d.a.b }}'));
  assert.equal(p.message, "'dict object' has no attribute 'a'");
  assert.equal(p.line, 2);
});

void test('render errors carry the place of the failing expression', () => {
  const p = problemOf(() => render('select\n  {{ 1 + "a" }}'));
  assert.equal(p.code, 'jinja-render');
  assert.equal(p.line, 2);
  assert.equal(p.column, 6);
  assert.match(p.message, /unsupported operand type\(s\) for \+: 'int' and 'str'/);
  const q = problemOf(() => render('{% for a, b in [(1, 2, 3)] %}{% endfor %}'));
  assert.match(q.message, /too many values to unpack/);
});

void test('an error inside a project macro points at the macro file', () => {
  const env = new JinjaEnvironment();
  env.setMacroFiles([{ file: MACROS, source: '{% macro broken(x) %}\n  {{ x }}\n  {{ nope.attr }}\n{% endmacro %}' }]);
  const p = problemOf(() => render('select\n{{ broken(1) }}', {}, env));
  assert.equal(p.file, MACROS);
  assert.equal(p.line, 3);
  assert.equal(p.column, 6);
  assert.equal(p.message, "'nope' is undefined");
});

void test('a ProblemError thrown by a context function propagates unchanged', () => {
  const own = new ProblemError(problem('unknown-ref', "model 'nope' not found", { file: MODEL, line: 9, column: 9 }));
  const ref = (): never => {
    throw own;
  };
  const env = new JinjaEnvironment();
  env.setMacroFiles([{ file: MACROS, source: '{% macro via_macro(n) %}{{ ref(n) }}{% endmacro %}' }]);
  for (const source of ["{{ ref('nope') }}", "{{ via_macro('nope') }}", "{% set x = [ref('nope')] %}"]) {
    try {
      render(source, { ref }, env);
      assert.fail('expected throw');
    } catch (e) {
      assert.equal(e, own, `for ${source}`);
    }
  }
});

void test('a plain Error thrown by a context function propagates unchanged', () => {
  const own = new TypeError('boom');
  try {
    render('{{ f() }}', {
      f: () => {
        throw own;
      },
    });
    assert.fail('expected throw');
  } catch (e) {
    assert.equal(e, own);
  }
});

void test('setMacroFiles reports syntax errors by file and still installs the other files', () => {
  const env = new JinjaEnvironment();
  try {
    env.setMacroFiles([
      { file: '/proj/macros/good.sql', source: '{% macro good() %}ok{% endmacro %}' },
      { file: '/proj/macros/bad.sql', source: '\n{% macro bad() %}\n{% if %}{% endif %}{% endmacro %}' },
    ]);
    assert.fail('expected throw');
  } catch (e) {
    assert.ok(e instanceof ProblemError);
    assert.equal(e.problems[0].file, '/proj/macros/bad.sql');
    assert.equal(e.problems[0].line, 3);
    assert.equal(e.problems[0].code, 'jinja-syntax');
  }
  assert.ok(env.hasMacro('good'));
  assert.ok(!env.hasMacro('bad'));
  assert.deepEqual(env.getMacros().map((m) => m.name), ['good']);
});

void test('runaway macro recursion is reported, not a crash', () => {
  const env = new JinjaEnvironment();
  env.setMacroFiles([{ file: MACROS, source: '{% macro loop_forever(n) %}{{ loop_forever(n + 1) }}{% endmacro %}' }]);
  const p = problemOf(() => render('{{ loop_forever(0) }}', {}, env));
  assert.equal(p.code, 'jinja-render');
  assert.match(p.message, /recursion/);
});

void test('return() outside a macro and unknown filters are render errors', () => {
  assert.match(problemOf(() => render('{{ return(1) }}')).message, /outside of a macro/);
  const p = problemOf(() => render("\n{{ 'x' | nope }}"));
  assert.equal(p.line, 2);
  assert.equal(p.message, "no filter named 'nope'");
});

void test('callMacro errors: unknown macro suggests close names; failures are placed in the macro file', () => {
  const env = new JinjaEnvironment();
  env.setMacroFiles([{ file: MACROS, source: '{% macro get_columns() %}\n{{ undefined_thing.x }}{% endmacro %}' }]);
  const unknown = problemOf(() => env.callMacro('get_column', {}, []));
  assert.match(unknown.message, /no macro named 'get_column'/);
  assert.deepEqual(unknown.suggestions, ['get_columns']);
  const p = problemOf(() => env.callMacro('get_columns', {}, []));
  assert.equal(p.file, MACROS);
  assert.equal(p.line, 2);
});

void test('undefined names and missing dict keys come with did-you-mean suggestions', () => {
  const env = new JinjaEnvironment();
  env.setMacroFiles([{ file: MACROS, source: '{% macro cents_to_dollars(x) %}{% endmacro %}' }]);
  const typo = problemOf(() => render('{% set customer = 1 %}{{ custmer.id }}', {}, env));
  assert.deepEqual(typo.suggestions, ['customer']);
  assert.equal(typo.hint, "did you mean 'customer'?");
  assert.deepEqual(problemOf(() => render('{{ cents_to_dolars(1) }}', {}, env)).suggestions, ['cents_to_dollars']);
  assert.deepEqual(problemOf(() => render("{{ reff('x') }}", { ref: () => '' }, env)).suggestions, ['ref']);
  const key = problemOf(() => render("{% set d = {'name': 1} %}{{ d.nmae.x }}", {}, env));
  assert.equal(key.message, "'dict object' has no attribute 'nmae'");
  assert.deepEqual(key.suggestions, ['name']);
});
