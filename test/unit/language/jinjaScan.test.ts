import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { callAt, findCalls, jinjaAt, scanJinja, spanAt } from '../../../src/core/language';

const slice = (text: string, a: number, b: number) => text.slice(a, b);

void test('spans: kinds, statement tags, whitespace control and inner text', () => {
  const text = "{{ config(materialized='table') }}\n{%- if x -%}a{% endif %}{# note #}{{- y -}}";
  const spans = scanJinja(text);
  assert.deepEqual(
    spans.map((s) => [s.kind, s.tag ?? null, slice(text, s.start, s.end), slice(text, s.innerStart, s.innerEnd), s.closed]),
    [
      ['expr', null, "{{ config(materialized='table') }}", " config(materialized='table') ", true],
      ['stmt', 'if', '{%- if x -%}', ' if x ', true],
      ['stmt', 'endif', '{% endif %}', ' endif ', true],
      ['comment', null, '{# note #}', ' note ', true],
      ['expr', null, '{{- y -}}', ' y ', true],
    ],
  );
});

void test('spans: closers inside strings and dict braces do not end a tag', () => {
  const text = "{{ 'a }} b' }} {{ {'k': {'n': 1}} }} {% set s = \"%}\" %}";
  assert.deepEqual(
    scanJinja(text).map((s) => slice(text, s.start, s.end)),
    ["{{ 'a }} b' }}", "{{ {'k': {'n': 1}} }}", '{% set s = "%}" %}'],
  );
});

void test('spans: raw blocks are opaque, unclosed tags run to the end and say so', () => {
  const raw = 'a {% raw %}{{ not jinja }}{% endraw %} b {{ ref(';
  const spans = scanJinja(raw);
  assert.deepEqual(
    spans.map((s) => [s.kind, slice(raw, s.start, s.end), s.closed]),
    [
      ['raw', '{% raw %}{{ not jinja }}{% endraw %}', true],
      ['expr', '{{ ref(', false],
    ],
  );
  assert.equal(slice(raw, spans[0].innerStart, spans[0].innerEnd), '{{ not jinja }}');
  assert.equal(spanAt(spans, raw.length)?.kind, 'expr');
  assert.equal(spanAt(spans, 1), undefined);
  assert.deepEqual(scanJinja('{# open comment').map((s) => [s.kind, s.closed]), [['comment', false]]);
});

void test('calls: names, positional and keyword string arguments, nesting', () => {
  const text = "{{ dbt_utils.star(from=ref('stg_orders'), except=['id']) }} {% if source('raw', 'orders') %}{% endif %}";
  const calls = findCalls(text);
  assert.deepEqual(
    calls.map((c) => [c.name, c.closed, c.args.map((a) => [a.keyword ?? null, a.string?.value ?? null])]),
    [
      ['dbt_utils.star', true, [['from', null], ['except', null]]],
      ['ref', true, [[null, 'stg_orders']]],
      ['source', true, [[null, 'raw'], [null, 'orders']]],
    ],
  );
  const ref = calls[1];
  assert.equal(slice(text, ref.nameStart, ref.nameEnd), 'ref');
  assert.equal(slice(text, ref.args[0].string!.start, ref.args[0].string!.end), 'stg_orders');
});

void test('calls: a half-typed call keeps its open string argument', () => {
  const text = "select * from {{ source('raw', 'ord";
  const [call] = findCalls(text);
  assert.equal(call.name, 'source');
  assert.equal(call.closed, false);
  assert.deepEqual(call.args.map((a) => a.string), [
    { value: 'raw', start: 25, end: 28, closed: true },
    { value: 'ord', start: 32, end: 35, closed: false },
  ]);
  assert.equal(callAt([call], text.length)?.argIndex, 1);
});

void test('calls: Jinja keywords before a parenthesis are not callees', () => {
  const text = '{% if (a and not (b)) or x in (1, 2) %}{% endif %}';
  assert.deepEqual(findCalls(text), []);
});

void test('jinjaAt: the tag and innermost call under a cursor', () => {
  const text = "{{ dbt_utils.star(from=ref('stg_orders')) }}";
  const inner = jinjaAt(text, text.indexOf('stg_'));
  assert.equal(inner?.call?.name, 'ref');
  assert.equal(inner?.argIndex, 0);
  const outer = jinjaAt(text, text.indexOf('from'));
  assert.equal(outer?.call?.name, 'dbt_utils.star');
  assert.equal(jinjaAt('select 1', 3), undefined);
});
