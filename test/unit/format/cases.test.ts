import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { formatModel, verifyFormatting } from '../../../src/core/format';

const ok = (text: string, opts = {}) => {
  const r = formatModel(text, opts);
  assert.ok(r.ok, r.ok ? '' : `refused: ${r.reason}`);
  return r.text;
};

void test('{{ c }}_usd stays one identifier; Jinja in strings and quoted names is untouched', () => {
  assert.equal(
    ok("select {{ c }}_usd, '{{ var(\"d\") }}'::date as d, \"{{ col }}\" from t_{{ s }}\n"),
    "select\n    {{ c }}_usd,\n    '{{ var(\"d\") }}'::date as d,\n    \"{{ col }}\"\nfrom\n    t_{{ s }}\n",
  );
  assert.equal(ok('select pre_{{ a }}_mid_{{ b }} from t'), 'select\n    pre_{{ a }}_mid_{{ b }}\nfrom\n    t');
});

void test('statements on their own line keep it; inline ones stay inline', () => {
  assert.equal(
    ok('select a,\n{% if x %}\n  b\n{% else %}\n  c\n{% endif %}\nfrom t\n'),
    'select\n    a,\n    {% if x %}\n    b\n    {% else %}\n    c\n    {% endif %}\nfrom\n    t\n',
  );
  assert.equal(ok('select a from t where 1 = 1 {% if f %} and b > 2 {% endif %}'), 'select\n    a\nfrom\n    t\nwhere\n    1 = 1 {% if f %} and b > 2 {% endif %}');
  assert.equal(ok('select a from t where x = 1 {# why #} and y = 2'), 'select\n    a\nfrom\n    t\nwhere\n    x = 1 {# why #}\n    and y = 2');
});

void test('Jinja-only leading and trailing lines, blank lines and line endings are kept', () => {
  assert.equal(ok("{{ config(materialized='view') }}\n\n\n{% set x = 1 %}\nselect 1\n\n{# end #}\n"), "{{ config(materialized='view') }}\n\n\n{% set x = 1 %}\nselect\n    1\n\n{# end #}\n");
  assert.equal(ok('select a,b\r\nfrom {{ ref(\'x\') }}\r\n'), "select\r\n    a,\r\n    b\r\nfrom\r\n    {{ ref('x') }}\r\n");
  const onlyJinja = "{{ config(materialized='view') }}\n";
  assert.deepEqual(formatModel(onlyJinja), { ok: true, text: onlyJinja, changed: false });
});

void test('tab width and tabs come from the editor', () => {
  assert.equal(ok('select a from {{ ref("x") }}', { tabWidth: 2 }), 'select\n  a\nfrom\n  {{ ref("x") }}');
  assert.equal(ok('select a from t', { useTabs: true }), 'select\n\ta\nfrom\n\tt');
});

void test('refusals say why and where instead of damaging the model', () => {
  const cases: Array<[string, string, number, number]> = [
    ["select * from {{ ref('x')\n", 'unclosed Jinja tag', 1, 15],
    ['select 1 {# note\n', 'unclosed Jinja comment', 1, 10],
    ['{% macro m() %}\nselect 1\n', '{% macro %} has no {% endmacro %}', 1, 1],
    ['select {{ x }}-1 as y from t\n', '"{{ x }}" and "-" would come apart', 1, 15],
    ['select 1{{ x }} from t\n', 'sql-formatter cannot parse this model with its Jinja left out (Parse error: Unexpected "1{{ x }} ")', 1, 8],
    ["{{ config(\n  materialized='table'\n) }}\nselect 1{{ x }} from t\n", 'sql-formatter cannot parse this model with its Jinja left out (Parse error: Unexpected "1{{ x }} ")', 4, 8],
    ["select {{ star(\n  ref('a')\n) }}, 1{{ x }} from t", 'sql-formatter cannot parse this model with its Jinja left out (Parse error: Unexpected "1{{ x }} ")', 3, 7],
    [
      "select case {% for k, v in m.items() %}when a = '{{ k }}' then '{{ v }}' {% endfor %}end as x\nfrom t\n",
      'sql-formatter cannot parse this model with its Jinja left out (Parse error at token: FROM)',
      2,
      1,
    ],
  ];
  for (const [text, reason, line, column] of cases) {
    assert.deepEqual(formatModel(text), { ok: false, reason, place: { line, column } }, text);
  }
});

void test('the safety check catches what a careless formatter would do', () => {
  const original = "select {{ c }}_usd, 'a  b', x from {{ ref('t') }}";
  assert.deepEqual(verifyFormatting(original, "select\n  {{ c }}_usd,\n  'a  b',\n  x\nfrom\n  {{ ref('t') }}"), { ok: true });
  assert.deepEqual(verifyFormatting(original, "select {{ c }} _usd, 'a  b', x from {{ ref('t') }}"), {
    ok: false,
    reason: '"{{ c }}" and "_usd" would come apart',
    offset: 14,
  });
  assert.deepEqual(verifyFormatting(original, "select {{ c }}_usd, 'a b', x from {{ ref('t') }}"), { ok: false, reason: `the SQL would change near "'a b'"`, offset: 20 });
  assert.deepEqual(verifyFormatting(original, "select {{ c }}_usd, 'a  b', x from {{ ref( 't') }}"), {
    ok: false,
    reason: `a Jinja block would change: "{{ ref('t') }}"`,
    offset: 35,
  });
  assert.deepEqual(verifyFormatting(original, "select {{ c }}_usd, 'a  b' from {{ ref('t') }}").ok, false);
  assert.deepEqual(verifyFormatting('select a{% if x %}, b{% endif %}', 'select a {% if x %}, b{% endif %}'), {
    ok: false,
    reason: '"a" and "{% if x %}" would come apart',
    offset: 8,
  });
  assert.deepEqual(verifyFormatting('select a,{% if x %}b{% endif %}', 'select a, {% if x %}b{% endif %}'), { ok: true }, 'a comma stands alone');
});

void test('blocks whose body is data, and models that are all Jinja, are left as written', () => {
  assert.equal(
    ok("{%- call statement('x', fetch_result=True) -%}\nselect   1\n{%- endcall -%}\nselect {{ load_result('x')['data'][0][0] }} as n\n"),
    "{%- call statement('x', fetch_result=True) -%}\nselect   1\n{%- endcall -%}\nselect\n    {{ load_result('x')['data'][0][0] }} as n\n",
  );
  assert.equal(ok("select {% set s %}a  ,b{% endset %}{{ s }} from t"), "select\n    {% set s %}a  ,b{% endset %}{{ s }}\nfrom\n    t");
  const union = "{{ dbt_utils.union_relations(relations=[ref('a'), ref('b')]) }}\n";
  assert.deepEqual(formatModel(union), { ok: true, text: union, changed: false });
});

void test('a loop that spans lines keeps its tags; one on a single line stays one piece', () => {
  assert.equal(
    ok("select\n{% for col in cols %}{{ col.name }}{% if not loop.last %},{% endif %}\n{% endfor %}\nfrom {{ ref('x') }}\n"),
    "select\n    {% for col in cols %}{{ col.name }}{% if not loop.last %},{% endif %}\n    {% endfor %}\nfrom\n    {{ ref('x') }}\n",
  );
  assert.equal(
    ok("select * from t where s in ({% for s in var('st') %}'{{ s }}'{% if not loop.last %},{% endif %}{% endfor %})"),
    "select\n    *\nfrom\n    t\nwhere\n    s in (\n        {% for s in var('st') %}'{{ s }}'{% if not loop.last %},{% endif %}{% endfor %}\n    )",
  );
});
