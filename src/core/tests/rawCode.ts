/**
 * The Jinja a generic test compiles from. dbt writes `{{ test_x(**_dbt_generic_test_kwargs) }}`
 * and renders each kwarg natively at compile time; here the kwargs are written out as Jinja
 * expressions instead, which renders the same way through the ordinary compiler: strings that
 * look like `ref(...)`/`source(...)`/`var(...)` become calls, strings holding Jinja are rendered,
 * everything else is a literal.
 */
import type { TestDefinition } from '../project';
import { splitTestName } from './naming';

/** dbt's `add_rendered_test_kwargs` rule for kwargs that are really function calls. */
export const LOOKS_LIKE_CALL = /^\s*(env_var|ref|var|source|doc)\s*\(.+\)\s*$/s;

/** The generic tests shipped in sql/macros (dbt's four and the dbt_utils ones). */
export const BUILTIN_TESTS = [
  'unique', 'not_null', 'accepted_values', 'relationships', 'accepted_range', 'expression_is_true', 'unique_combination_of_columns',
  'not_null_proportion', 'recency', 'at_least_one', 'not_empty_string', 'equal_rowcount',
];

export function testMacroName(def: TestDefinition): string {
  return `test_${splitTestName(def.testName).name}`;
}

export function buildRawCode(def: TestDefinition, quotedColumn: string | undefined): string {
  const blocks: string[] = [];
  const expr = (v: unknown): string => {
    if (typeof v === 'string') {
      if (LOOKS_LIKE_CALL.test(v)) return v.trim();
      // dbt renders kwargs natively: a lone `{{ var('methods') }}` passes the list itself, not its text.
      const lone = /^\s*\{\{-?(.*?)-?\}\}\s*$/s.exec(v);
      if (lone && !/\{\{|\}\}|\{%/.test(lone[1])) return `(${lone[1].trim()})`;
      if (v.includes('{{') || v.includes('{%')) {
        const name = `__dbt_test_arg_${blocks.length}`;
        blocks.push(`{%- set ${name} -%}${v}{%- endset -%}`);
        return name;
      }
      return jinjaString(v);
    }
    if (v === null || v === undefined) return 'none';
    if (typeof v === 'boolean') return v ? 'true' : 'false';
    if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'none';
    if (Array.isArray(v)) return `[${v.map(expr).join(', ')}]`;
    if (typeof v === 'object') return `{${Object.entries(v as Record<string, unknown>).map(([k, x]) => `${jinjaString(k)}: ${expr(x)}`).join(', ')}}`;
    return jinjaString(String(v));
  };
  const target = def.attachedKind === 'source' ? `source(${jinjaString(def.sourceName ?? '')}, ${jinjaString(def.tableName ?? '')})` : `ref(${jinjaString(def.attachedName)})`;
  const kwargs = Object.entries(def.args).map(([k, v]) => `${k}=${expr(v)}`);
  if (def.columnName !== undefined) kwargs.push(`column_name=${jinjaString(quotedColumn ?? def.columnName)}`);
  kwargs.push(`model=get_where_subquery(${target})`);
  return `${blocks.join('')}{{ ${testMacroName(def)}(${kwargs.join(', ')}) }}`;
}

/**
 * dbt renders a test's `where` config (it may use var() or macros); get_where_subquery reads it
 * with config.get, which prefers what config() set while compiling, so it is rendered and set here.
 */
export function whereJinja(where: unknown): string {
  if (typeof where !== 'string' || !(where.includes('{{') || where.includes('{%'))) return '';
  return `{%- set __dbt_test_where -%}${where}{%- endset -%}{{- config(where=__dbt_test_where) -}}`;
}

export function jinjaString(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r')}'`;
}

/** Arg names must be Jinja identifiers to be passed as keyword arguments. */
export function badArgNames(def: TestDefinition): string[] {
  return Object.keys(def.args).filter((k) => !/^[A-Za-z_][A-Za-z0-9_]*$/.test(k));
}

/** ref('x') / ref('pkg', 'x') / source('a', 'b') found anywhere in the args (relationships' `to`, equal_rowcount's `compare_model`). */
export function callsInArgs(args: unknown): { refs: string[]; sources: Array<[string, string]> } {
  const refs: string[] = [];
  const sources: Array<[string, string]> = [];
  const visit = (v: unknown) => {
    if (typeof v === 'string') {
      for (const m of v.matchAll(/\bref\(\s*['"]([^'"]+)['"]\s*(?:,\s*['"]([^'"]+)['"]\s*)?(?:,[^)]*)?\)/g)) refs.push(m[2] ?? m[1]);
      for (const m of v.matchAll(/\bsource\(\s*['"]([^'"]+)['"]\s*,\s*['"]([^'"]+)['"]\s*\)/g)) sources.push([m[1], m[2]]);
    } else if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') Object.values(v).forEach(visit);
  };
  visit(args);
  return { refs, sources };
}
