/** Behaviour the Python oracle cannot check: the JS boundary, dbt-only syntax, normalization. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JinjaEnvironment, splitArgs } from '../../../src/core/jinja/index';

const env = new JinjaEnvironment();
const render = (source: string, ctx: Record<string, unknown> = {}): string => env.render(source, ctx, { file: '/proj/models/m.sql' });

void test("dbt's as_* filters print the value's text", () => {
  assert.equal(render("{{ 'true' | as_bool }} {{ 3 | as_number }} {{ none | as_text }} {{ [1] | as_native }}"), 'true 3 None [1]');
});

void test('CRLF sources render with LF and the single trailing newline dropped, as Jinja2 does', () => {
  assert.equal(render('a\r\n{{ 1 }}\r\nb\r\n'), 'a\n1\nb');
  assert.equal(render('x\n\n'), 'x\n');
});

void test('dbt block tags: docs render nothing, snapshot renders its body, materialization is skipped', () => {
  assert.equal(render('{% docs d %}doc text{% enddocs %}x'), 'x');
  assert.equal(render("{% snapshot s %}select {{ 1 }}{% endsnapshot %}"), 'select 1');
  assert.equal(render("{% materialization m, default=true %}{{ boom() }}{% endmaterialization %}ok"), 'ok');
});

void test('a JS function returning undefined yields an Undefined: prints empty, fails on use', () => {
  const ctx = { log: (): void => undefined };
  assert.equal(render('[{{ log("x") }}][{{ log("x") is defined }}]', ctx), '[][False]');
  assert.throws(() => render('{{ log("x").attr }}', ctx), /log\(\) returned no value/);
});

void test('JS objects: attributes, bound methods, Maps as dicts, private names hidden', () => {
  class Relation {
    readonly _secret = 's';
    constructor(readonly schema: string) {}
    render(): string {
      return `"${this.schema}"."t"`;
    }
    toString(): string {
      return this.render();
    }
  }
  const ctx = { rel: new Relation('main'), m: new Map<unknown, unknown>([['k', 1], [2, 'two']]) };
  assert.equal(render('{{ rel }}|{{ rel.schema }}|{{ rel.render() }}|{{ rel._secret }}|{{ rel.missing is defined }}', ctx), '"main"."t"|main|"main"."t"||False');
  assert.equal(render("{{ m['k'] }} {{ m[2] }} {{ m.k }} {{ m|length }} {{ 'k' in m }} {{ m.items()|list }}", ctx), "1 two 1 2 True [('k', 1), (2, 'two')]");
});

void test('values crossing into JS lose Python-only wrappers', () => {
  const seen: unknown[] = [];
  const f = (...args: unknown[]): string => {
    seen.push(...args);
    return '';
  };
  render('{{ f(2.0, missing, none, (1, 2)) }}', { f });
  assert.deepEqual(seen, [2, undefined, null, [1, 2]]);
});

void test('numbers from JS print as Python would print the same value', () => {
  assert.equal(render('{{ a }} {{ b }} {{ a / 2 }} {{ b * 2 }} {{ c }}', { a: 4, b: 0.5, c: 1e-7 }), '4 0.5 2.0 1.0 1e-07');
});

void test('addFilter registers a project filter', () => {
  const local = new JinjaEnvironment();
  local.addFilter('quote_ident', (v) => `"${String(v)}"`);
  assert.equal(local.render('{{ "col" | quote_ident }}', {}, { file: '/m.sql' }), '"col"');
});

void test('the same template text in two files keeps each file in its error places', () => {
  const src = '{{ nope.x }}';
  for (const file of ['/a.sql', '/b.sql']) {
    try {
      env.render(src, {}, { file });
      assert.fail('expected throw');
    } catch (e) {
      assert.match(String(e), new RegExp(`^ProblemError: ${file}:1:4:`));
    }
  }
});

void test('{% call %} into a JS function passes caller as a callable (dbt statement blocks)', () => {
  const ran: string[] = [];
  const statement = (...raw: unknown[]): string => {
    const { args, kwargs } = splitArgs(raw);
    const caller = kwargs.caller as () => unknown;
    ran.push(`${String(args[0])}:${String(kwargs.fetch_result)}:${String(caller()).trim()}`);
    return '';
  };
  const out = render("{% call statement('main', fetch_result=True) %}\n  select {{ 1 + 1 }}\n{% endcall %}done", { statement });
  assert.equal(out, 'done');
  assert.deepEqual(ran, ['main:true:select 2']);
});
