/**
 * The bad-input corpus: hand-written files under test/fixtures/bad-input/<kind>/ plus cases made
 * here from valid files by inserting one certain fault at several lines. Every case is a whole
 * project (a small valid base plus the bad file), so loading, compiling and running see it as a
 * user would.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { REPO } from '../../../helpers/tempProject';

export interface BadCase {
  id: string;
  /** Project-relative path → contents; applied over BASE. */
  files: Record<string, string | Buffer>;
  /** The bad file, project-relative. */
  bad: string;
  /** `dataset`: only the generator reads it (loadDatasetSpec), not the engine. */
  kind: 'project' | 'dataset';
}

export const BASE: Record<string, string> = {
  'dbt_project.yml': "name: bad\nprofile: bad\nconfig-version: 2\nmodels:\n  bad:\n    +materialized: table\n",
  'profiles.yml': 'bad:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: ":memory:"\n',
  'models/ok.sql': "select 1 as id, 'a' as name\n",
  'models/schema.yml': 'version: 2\nmodels:\n  - name: ok\n    description: fine\n    columns:\n      - name: id\n        description: the key\n',
  'macros/ok_macro.sql': '{% macro cents(x) %}({{ x }} * 100){% endmacro %}\n',
};

/** Where each fixture folder's files go in the project. */
const FIXTURE_DEST: Record<string, (name: string) => string> = {
  models: (n) => `models/${n}`,
  schema: () => 'models/schema.yml',
  project: () => 'dbt_project.yml',
  profiles: () => 'profiles.yml',
  macros: (n) => `macros/${n}`,
  seeds: (n) => `seeds/${n}`,
  snapshots: (n) => `snapshots/${n}`,
  tests: (n) => `tests/${n}`,
  datasets: (n) => `datasets/${n}`,
};

const FIXTURES = join(REPO, 'test', 'fixtures', 'bad-input');

export function handWritten(): BadCase[] {
  const out: BadCase[] = [];
  for (const folder of Object.keys(FIXTURE_DEST)) {
    let names: string[];
    try {
      names = readdirSync(join(FIXTURES, folder)).sort();
    } catch {
      continue;
    }
    for (const name of names) {
      const bad = FIXTURE_DEST[folder](name);
      out.push({ id: `fixture:${folder}/${name}`, files: { [bad]: readFileSync(join(FIXTURES, folder, name)) }, bad, kind: folder === 'datasets' ? 'dataset' : 'project' });
    }
  }
  return out;
}

/** Deterministic bytes (xorshift), for binary files that are the same on every run. */
export function bytes(seed: number, n: number): Buffer {
  const b = Buffer.alloc(n);
  let x = seed * 2654435761 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    b[i] = x & 0xff;
  }
  return b;
}

const insertAt = (text: string, line: number, piece: string): string => {
  const lines = text.split('\n');
  lines.splice(Math.min(line, lines.length), 0, piece);
  return lines.join('\n');
};

/** Lines to insert at: the first, a middle one and the last. */
const positions = (text: string): number[] => {
  const n = text.split('\n').length;
  return [...new Set([0, Math.floor(n / 2), n - 1])];
};

const DATASET = 'name: shop\nschema: raw\nseed: 7\ntables:\n  customers:\n    rows: 10\n    primary_key: id\n    columns:\n      id: { seq: { start: 1 } }\n      name: { faker: person.firstName }\n';

const YAML_FAULTS: Array<[string, string]> = [
  ['unclosed-dquote', 'broken: "never closed'],
  ['unclosed-squote', "broken: 'never closed"],
  ['unclosed-flow-seq', 'broken: [a, b'],
  ['unclosed-flow-map', 'broken: {a: 1'],
  ['value-in-value', 'broken: value: other'],
  ['bare-colon', ': no key here'],
  ['undefined-alias', 'broken: *nowhere'],
  ['bad-directive', '%YAML 9.9'],
  ['nul-byte', 'broken: a\u0000b'],
  ['tab-indent', '\tbroken: x'],
  ['stray-bracket', ']'],
  ['deep-flow', `broken: ${'['.repeat(2000)}`],
  ['stray-document', '--- !!map\n- a'],
];

/** YAML files with one syntax fault each; only the ones the yaml parser itself rejects are kept. */
function yamlCases(): BadCase[] {
  const targets: Array<[string, string, BadCase['kind']]> = [
    ['models/schema.yml', BASE['models/schema.yml'], 'project'],
    ['dbt_project.yml', BASE['dbt_project.yml'], 'project'],
    ['profiles.yml', BASE['profiles.yml'], 'project'],
    ['datasets/shop.yml', DATASET, 'dataset'],
  ];
  const out: BadCase[] = [];
  for (const [path, valid, kind] of targets) {
    for (const [fault, piece] of YAML_FAULTS) {
      for (const line of [...positions(valid), 2]) {
        const text = insertAt(valid, line, piece);
        if (parseDocument(text).errors.length === 0) continue;
        out.push({ id: `yaml:${path}:${fault}@${line + 1}`, files: { [path]: text }, bad: path, kind });
      }
    }
  }
  return out;
}

const MODEL = "{{ config(materialized='table') }}\nwith src as (\n  select 1 as id, 'a' as name\n),\nfinal as (\n  select id, name from src\n)\nselect * from final\n";

export const JINJA_FAULTS: Array<[string, string]> = [
  ['unclosed-if', '{% if true %}'],
  ['stray-endif', '{% endif %}'],
  ['stray-else', '{% else %}'],
  ['unclosed-for', '{% for x in [1, 2] %}'],
  ['unclosed-expr', '{{ 1 +'],
  ['unclosed-tag', '{% if'],
  ['unclosed-comment', '{# never closed'],
  ['dangling-op', '{{ 1 + }}'],
  ['unclosed-paren', '{{ (1 }}'],
  ['unclosed-call', '{{ cents( }}'],
  ['unknown-tag', '{% frobnicate %}'],
  ['unknown-filter', "{{ 'a' | no_such_filter }}"],
  ['unknown-function', '{{ no_such_function() }}'],
  ['ref-no-args', '{{ ref() }}'],
  ['ref-unknown', "{{ ref('no_such_model') }}"],
  ['source-unknown', "{{ source('nope', 'nope') }}"],
  ['var-missing', "{{ var('no_such_var') }}"],
  ['raise', "{{ exceptions.raise_compiler_error('boom') }}"],
  ['zero-division', '{{ 1 / 0 }}'],
  ['none-attribute', '{{ none.x.y }}'],
  ['empty-set', '{% set %}'],
  ['unclosed-macro', '{% macro m() %}'],
  ['config-no-value', '{{ config(materialized=) }}'],
  ['dangling-tilde', "{{ 'a' ~ }}"],
  ['include', "{% include 'other.sql' %}"],
  ['huge-range', '{{ range(10 ** 9) | list }}'],
  ['huge-string', "{{ 'x' * 10 ** 10 }}"],
  ['run-query', "{{ run_query('select 1') }}"],
  ['if-no-else-expr', '{{ 1 if }}'],
  ['bad-string-escape', "{{ 'a\\' }}"],
  ['nested-loops', '{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}'],
  ['recursion', '{% macro r() %}{{ r() }}{% endmacro %}{{ r() }}'],
  ['deep-parens', `{{ ${'('.repeat(3000)}1${')'.repeat(3000)} }}`],
  ['deep-blocks', `${'{% if true %}'.repeat(3000)}{{ no_such_function() }}${'{% endif %}'.repeat(3000)}`],
  ['long-chain', `{{ 1${' + 1'.repeat(50000)} }}`],
  ['deep-not', `{{ ${'not '.repeat(20000)}1 }}`],
];

function jinjaCases(): BadCase[] {
  const out: BadCase[] = [];
  for (const [fault, piece] of JINJA_FAULTS) {
    for (const line of positions(MODEL)) out.push({ id: `jinja:model:${fault}@${line + 1}`, files: { 'models/bad.sql': insertAt(MODEL, line, piece) }, bad: 'models/bad.sql', kind: 'project' });
  }
  // The same faults inside a macro file, called from a model.
  for (const [fault, piece] of JINJA_FAULTS.slice(0, 24)) {
    const macro = `{% macro helper(x) %}\n  {{ x }} +\n${piece}\n  1\n{% endmacro %}\n`;
    out.push({ id: `jinja:macro:${fault}`, files: { 'macros/helper.sql': macro, 'models/uses_helper.sql': 'select {{ helper(1) }} as v\n' }, bad: 'macros/helper.sql', kind: 'project' });
  }
  return out;
}

const SQL_FAULTS: Array<[string, string]> = [
  ['typo-keyword', 'selec 1 as id'],
  ['double-from', 'select 1 as id from from x'],
  ['unclosed-paren', 'select (1 as id'],
  ['unclosed-string', "select 'unclosed as id"],
  ['bad-type', 'select 1::notatype as id'],
  ['unknown-column', 'select nope_col from (select 1 as id)'],
  ['unknown-function', 'select nope_fn(1) as id'],
  ['runtime-error', "select error('boom') as id"],
  ['bad-date', "select date '2020-13-45' as d"],
  ['bad-cast', "select 1 + 'abc' as x"],
  ['missing-table', 'select * from missing_table'],
  ['union-arity', 'select 1 as id union all select 1, 2'],
];

/** SQL faults at line 1, 4 and 9 of a model (comment lines above them), and in a singular test. */
function sqlCases(): BadCase[] {
  const out: BadCase[] = [];
  for (const [fault, sql] of SQL_FAULTS) {
    for (const pad of [0, 3, 8]) {
      const text = `${Array.from({ length: pad }, (_, i) => `-- line ${i + 1}\n`).join('')}${sql}\n`;
      out.push({ id: `sql:model:${fault}@${pad + 1}`, files: { 'models/bad.sql': text }, bad: 'models/bad.sql', kind: 'project' });
    }
    out.push({ id: `sql:test:${fault}`, files: { 'tests/bad_test.sql': `-- a singular test\n${sql}\n` }, bad: 'tests/bad_test.sql', kind: 'project' });
  }
  return out;
}

function csvCases(): BadCase[] {
  const out: BadCase[] = [];
  const rows = (n: number, at: number, bad: string) => ['a,b,c', ...Array.from({ length: n }, (_, i) => (i + 1 === at ? bad : `${i},x${i},${i * 2}`))].join('\n') + '\n';
  const add = (id: string, content: string | Buffer) => out.push({ id: `csv:${id}`, files: { 'seeds/bad_seed.csv': content }, bad: 'seeds/bad_seed.csv', kind: 'project' });
  for (const at of [1, 40, 700]) {
    add(`too-many-fields@${at}`, rows(800, at, '1,2,3,4,5'));
    add(`unbalanced-quote@${at}`, rows(800, at, '1,"never closed,3'));
    add(`invalid-utf8@${at}`, Buffer.concat([Buffer.from(rows(800, at, '1,@@,3').split('@@')[0]), Buffer.from([0xff, 0xfe, 0xc3, 0x28]), Buffer.from(rows(800, at, '1,@@,3').split('@@')[1])]));
  }
  for (let seed = 1; seed <= 6; seed++) add(`binary-${seed}`, bytes(seed, 4096 * seed));
  add('empty', '');
  add('newline-only', '\n');
  add('huge-field', `a,b\n1,${'x'.repeat(3 * 1024 * 1024)}\n`);
  add('utf16', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a,b\n1,é\n', 'utf16le')]));
  add('latin1', Buffer.from('name,city\nJos\xe9,M\xe1laga\n', 'latin1'));
  return out;
}

/** Files a user would never mean to be models: binary, huge, empty, other encodings. */
function oddFileCases(): BadCase[] {
  const out: BadCase[] = [];
  const add = (id: string, path: string, content: string | Buffer) => out.push({ id: `file:${id}`, files: { [path]: content }, bad: path, kind: 'project' });
  for (let seed = 11; seed <= 16; seed++) add(`binary-model-${seed}`, 'models/blob.sql', bytes(seed, 2000 * (seed - 10)));
  for (let seed = 21; seed <= 24; seed++) add(`binary-schema-${seed}`, 'models/blob.yml', bytes(seed, 3000));
  add('binary-macro', 'macros/blob.sql', bytes(31, 5000));
  add('binary-project', 'dbt_project.yml', bytes(41, 2000));
  add('binary-profiles', 'profiles.yml', bytes(42, 2000));
  add('huge-union', 'models/huge.sql', `${'select 1 as x union all\n'.repeat(120_000)}`);
  add('huge-line', 'models/huge_line.sql', `select ${'x'.repeat(2_000_000)} from`);
  add('huge-template', 'models/huge_jinja.sql', `${'{{ 1 }}\n'.repeat(80_000)}{{`);
  add('many-ifs', 'models/many_ifs.sql', '{% if true %}\n'.repeat(50_000));
  add('empty-model', 'models/empty.sql', '');
  add('comment-model', 'models/comment.sql', '-- nothing but a comment\n');
  add('utf16-model', 'models/utf16.sql', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('select 1 as id\n', 'utf16le')]));
  add('huge-schema', 'models/schema.yml', `version: 2\nmodels:\n${Array.from({ length: 8_000 }, (_, i) => `  - name: m${i}\n    description: d${i}\n`).join('')}  - name: [broken\n`);
  return out;
}

export function generated(): BadCase[] {
  return [...yamlCases(), ...jinjaCases(), ...sqlCases(), ...csvCases(), ...oddFileCases()];
}

export function allCases(): BadCase[] {
  return [...generated(), ...handWritten()];
}
