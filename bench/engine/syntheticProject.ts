/**
 * A synthetic dbt project of N models for benchmarks: sources → staging → intermediate (fan-in)
 * → marts (chains), with macros, vars, Jinja loops and schema YAML with tests.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export function writeSyntheticProject(models: number, dir = mkdtempSync(join(tmpdir(), 'ms-bench-'))): string {
  const files: Record<string, string> = {};
  files['dbt_project.yml'] = ['name: bench', 'profile: bench', 'vars:', '  currency: usd', '  start_date: "2024-01-01"', 'models:', '  bench:', '    staging: {+materialized: view}', '    intermediate: {+materialized: ephemeral}', '    marts: {+materialized: table, +schema: marts}', ''].join('\n');
  const nStg = Math.round(models * 0.3);
  const nInt = Math.round(models * 0.3);
  const nMart = models - nStg - nInt;
  const sources = Math.max(1, Math.round(nStg / 2));
  files['models/staging/sources.yml'] = ['version: 2', 'sources:', '  - name: raw', '    tables:', ...Array.from({ length: sources }, (_, i) => `      - name: t${i}`), ''].join('\n');
  for (let m = 0; m < 10; m++) {
    files[`macros/m${m}.sql`] = `{% macro money_${m}(col, scale=2) -%}\n  round({{ col }} / 100.0, {{ scale }})\n{%- endmacro %}\n\n{% macro clean_${m}(col) -%}\n  lower(trim({{ col }}))\n{%- endmacro %}\n`;
  }
  const yaml = (names: string[]) =>
    ['version: 2', 'models:', ...names.flatMap((n) => [`  - name: ${n}`, `    description: Model ${n}.`, '    columns:', '      - name: id', '        data_tests: [unique, not_null]', '      - name: amount', `        description: Amount in {{ var('currency') }}.`])].join('\n') + '\n';
  const stg: string[] = [];
  for (let i = 0; i < nStg; i++) {
    const name = `stg_${i}`;
    stg.push(name);
    files[`models/staging/${name}.sql`] = [
      `{% set cols = ['a', 'b', 'c', 'd'] %}`,
      'select',
      '  id,',
      `  {{ money_${i % 10}('amount_cents') }} as amount,`,
      '  {% for c in cols %}',
      `  {{ clean_${i % 10}(c) }} as {{ c }}_clean{% if not loop.last %},{% endif %}`,
      '  {% endfor %}',
      `from {{ source('raw', 't${i % sources}') }}`,
      `where created_at >= '{{ var("start_date") }}'`,
      '',
    ].join('\n');
  }
  const int: string[] = [];
  for (let i = 0; i < nInt; i++) {
    const name = `int_${i}`;
    int.push(name);
    const a = stg[i % nStg];
    const b = stg[(i * 7 + 3) % nStg];
    files[`models/intermediate/${name}.sql`] = `select a.id, a.amount + coalesce(b.amount, 0) as amount\nfrom {{ ref('${a}') }} as a\nleft join {{ ref('${b}') }} as b using (id)\n`;
  }
  const mart: string[] = [];
  for (let i = 0; i < nMart; i++) {
    const name = `mart_${i}`;
    mart.push(name);
    const parent = i % 5 === 0 || mart.length < 2 ? int[i % nInt] : mart[i - 1];
    files[`models/marts/${name}.sql`] = `{{ config(tags=['mart']) }}\nselect id, sum(amount) as amount\nfrom {{ ref('${parent}') }}\n{% if is_incremental() %}where id > 0{% endif %}\ngroup by id\n`;
  }
  for (let i = 0; i < stg.length; i += 50) files[`models/staging/schema_${i}.yml`] = yaml(stg.slice(i, i + 50));
  for (let i = 0; i < mart.length; i += 50) files[`models/marts/schema_${i}.yml`] = yaml(mart.slice(i, i + 50));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  return dir;
}
