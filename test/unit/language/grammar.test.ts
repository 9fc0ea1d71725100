import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { test } from 'node:test';
import { REPO } from '../../helpers/tempProject';

const SYNTAXES = join(REPO, 'syntaxes');
const readJson = (name: string): unknown => JSON.parse(readFileSync(join(SYNTAXES, name), 'utf8'));

/** Every regex source in a grammar: match, begin, end, while, at any depth. */
function regexes(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const n of node) regexes(n, out);
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if ((k === 'match' || k === 'begin' || k === 'end' || k === 'while') && typeof v === 'string') out.push(v);
      else regexes(v, out);
    }
  }
  return out;
}

void test('grammars and language configuration are valid JSON with the expected shape', () => {
  const grammar = readJson('jinja-sql.tmLanguage.json') as { scopeName: string; repository: Record<string, unknown>; patterns: unknown[] };
  assert.equal(grammar.scopeName, 'source.sql.jinja');
  for (const rule of ['jinja', 'comment', 'raw', 'expression', 'statement', 'inner', 'string-single', 'string-double', 'dict']) assert.ok(grammar.repository[rule], rule);
  const injection = readJson('jinja-sql.injection.tmLanguage.json') as { scopeName: string; injectionSelector: string };
  assert.equal(injection.scopeName, 'source.sql.jinja.injection');
  assert.match(injection.injectionSelector, /^L:source\.sql /);
  const config = readJson('jinja-sql.language-configuration.json') as {
    comments: { lineComment: string; blockComment: string[] };
    autoClosingPairs: Array<{ open: string; close: string }>;
    indentationRules: Record<string, string>;
  };
  assert.deepEqual(config.comments, { lineComment: '--', blockComment: ['{#', '#}'] });
  const pairs = config.autoClosingPairs.map((p) => `${p.open}…${p.close}`);
  for (const p of ['{…}', '{%…%', '{#…#', '{{ … ', '{% … ']) assert.ok(pairs.includes(p), p);
  for (const [name, src] of Object.entries(config.indentationRules)) assert.doesNotThrow(() => new RegExp(src), name);
});

void test('every grammar regex compiles (they use no Oniguruma-only syntax)', () => {
  const all = [...regexes(readJson('jinja-sql.tmLanguage.json')), ...regexes(readJson('jinja-sql.injection.tmLanguage.json'))];
  assert.ok(all.length >= 25, `found ${all.length}`);
  for (const src of all) assert.doesNotThrow(() => new RegExp(src), src);
});

// vscode-textmate, vscode-oniguruma and tm-grammars (for VS Code's own SQL grammar) tokenize a
// model the way VS Code does. They are optional: without them this test is skipped, not failed,
// and so their types are declared here rather than imported.
interface TmGrammar {
  tokenizeLine(line: string, state: unknown): { tokens: Array<{ startIndex: number; endIndex: number; scopes: string[] }>; ruleStack: unknown };
}
interface TextMate {
  INITIAL: unknown;
  parseRawGrammar(content: string, path: string): unknown;
  Registry: new (options: {
    onigLib: Promise<{ createOnigScanner(patterns: string[]): unknown; createOnigString(s: string): unknown }>;
    loadGrammar(scope: string): Promise<unknown>;
    getInjections(scope: string): string[] | undefined;
  }) => { loadGrammar(scope: string): Promise<TmGrammar | null> };
}
interface Oniguruma {
  loadWASM(data: ArrayBuffer): Promise<void>;
  OnigScanner: new (patterns: string[]) => unknown;
  OnigString: new (s: string) => unknown;
}
const req = createRequire(__filename);
const tm = (() => {
  try {
    return {
      textmate: req('vscode-textmate') as TextMate,
      onig: req('vscode-oniguruma') as Oniguruma,
      wasm: readFileSync(req.resolve('vscode-oniguruma/release/onig.wasm')),
      sql: readFileSync(req.resolve('tm-grammars/grammars/sql.json'), 'utf8'),
    };
  } catch {
    return undefined;
  }
})();

void test('tokenized like VS Code: Jinja scopes in SQL, in SQL strings, and injected into plain SQL', { skip: tm ? false : 'vscode-textmate, vscode-oniguruma or tm-grammars not installed' }, async () => {
  const { textmate, onig, wasm, sql } = tm!;
  await onig.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const files: Record<string, string> = {
    'source.sql': sql,
    'source.sql.jinja': readFileSync(join(SYNTAXES, 'jinja-sql.tmLanguage.json'), 'utf8'),
    'source.sql.jinja.injection': readFileSync(join(SYNTAXES, 'jinja-sql.injection.tmLanguage.json'), 'utf8'),
  };
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({ createOnigScanner: (p: string[]) => new onig.OnigScanner(p), createOnigString: (s: string) => new onig.OnigString(s) }),
    loadGrammar: (scope: string) => Promise.resolve(files[scope] ? textmate.parseRawGrammar(files[scope], `${scope}.json`) : null),
    getInjections: (scope: string) => (scope === 'source.sql' ? ['source.sql.jinja.injection'] : undefined),
  });
  const scopesOf = async (scope: string, lines: string[]) => {
    const grammar = (await registry.loadGrammar(scope))!;
    let state = textmate.INITIAL;
    const out: Array<[string, string]> = [];
    for (const line of lines) {
      const r = grammar.tokenizeLine(line, state);
      for (const t of r.tokens) out.push([line.slice(t.startIndex, t.endIndex), t.scopes[t.scopes.length - 1]]);
      state = r.ruleStack;
    }
    return out;
  };
  const scopeOf = (toks: Array<[string, string]>, text: string) => toks.find(([t]) => t === text)?.[1];

  const model = await scopesOf('source.sql.jinja', [
    "{{ config(materialized='table') }}",
    '{# why #}',
    '{% for c in cols -%}',
    "select {{ c }}_usd, '{{ var(\"d\") }}' as d, 'it''s', \"{{ q }}\", x -- note {{ y }}",
    "from {{ ref('stg_orders') }} join {{ source('raw', 'events') }} where n = 1 and {{ this }} is not null",
    '{%- endfor %}',
  ]);
  assert.equal(scopeOf(model, '{{'), 'punctuation.section.embedded.begin.jinja');
  assert.equal(scopeOf(model, 'config'), 'support.function.dbt.jinja');
  assert.equal(scopeOf(model, "'"), 'string.quoted.single.jinja');
  assert.equal(scopeOf(model, 'table'), 'string.quoted.single.jinja');
  assert.equal(scopeOf(model, ' why '), 'comment.block.jinja');
  assert.equal(scopeOf(model, 'for'), 'keyword.control.jinja');
  assert.equal(scopeOf(model, 'in'), 'keyword.control.jinja');
  assert.equal(scopeOf(model, '-%}'), 'punctuation.section.embedded.end.jinja');
  assert.equal(scopeOf(model, 'select'), 'keyword.other.DML.sql');
  assert.equal(scopeOf(model, 'var'), 'support.function.dbt.jinja', 'Jinja inside a SQL string');
  assert.equal(scopeOf(model, 'q'), 'variable.other.jinja', 'Jinja inside a quoted name');
  assert.equal(scopeOf(model, "''"), 'constant.character.escape.sql');
  assert.equal(scopeOf(model, 'y'), 'variable.other.jinja', 'Jinja inside a SQL comment');
  assert.equal(scopeOf(model, 'ref'), 'support.function.dbt.jinja');
  assert.equal(scopeOf(model, 'source'), 'support.function.dbt.jinja');
  assert.equal(scopeOf(model, 'this'), 'variable.language.dbt.jinja');
  assert.equal(scopeOf(model, ' note '), 'comment.line.double-dash.sql');
  assert.equal(scopeOf(model, 'endfor'), 'keyword.control.jinja');

  const plain = await scopesOf('source.sql', ["select * from {{ ref('a') }} where d > '{{ var(\"d\") }}' {# c #}"]);
  assert.equal(scopeOf(plain, 'ref'), 'support.function.dbt.jinja');
  assert.equal(scopeOf(plain, 'var'), 'support.function.dbt.jinja');
  assert.equal(scopeOf(plain, ' c '), 'comment.block.jinja');
});
