import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { lexSql, sqlTokenAt } from '../../../src/core/language';

const kinds = (sql: string) => lexSql(sql).map((t) => `${t.type}:${t.text}`);

void test('Jinja spans are atoms, also inside strings, quoted names and comments', () => {
  assert.deepEqual(kinds("where d >= '{{ var('start') }}' -- since {{ var(\"x\") }}\nand \"{{ c }}\" = {{ c }}_usd"), [
    'word:where',
    'word:d',
    'op:>=',
    "string:'{{ var('start') }}'",
    'comment:-- since {{ var("x") }}',
    'word:and',
    'quoted:"{{ c }}"',
    'op:=',
    'jinja:{{ c }}',
    'word:_usd',
  ]);
});

void test('DuckDB operators, numbers, escapes and dollar quoting', () => {
  assert.deepEqual(kinds("x::int, j->>'$.a', l -> l + 1.5e3, 'it''s', E'\\'', $$a'b$$, a <> b /* c */"), [
    'word:x', 'op:::', 'word:int', 'punct:,', 'word:j', "op:->>", "string:'$.a'", 'punct:,',
    'word:l', 'op:->', 'word:l', 'op:+', 'number:1.5e3', 'punct:,', "string:'it''s'", 'punct:,',
    "string:E'\\''", 'punct:,', "string:$$a'b$$", 'punct:,', 'word:a', 'op:<>', 'word:b', 'comment:/* c */',
  ]);
});

void test('sqlTokenAt tells strings and comments from plain SQL', () => {
  const sql = "select 'abc', x -- note\nfrom t";
  const toks = lexSql(sql);
  assert.equal(sqlTokenAt(toks, sql.indexOf('bc'))?.type, 'string');
  assert.equal(sqlTokenAt(toks, sql.indexOf('\n'))?.type, 'comment');
  assert.equal(sqlTokenAt(toks, sql.indexOf('from')), undefined);
});
