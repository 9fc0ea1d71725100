/**
 * Parses dbt's `--select` / `--exclude` strings into criteria, keeping the column of every piece
 * so that a typo is reported at the exact character on the command line.
 * Grammar (dbt's RAW_SELECTOR_PATTERN): `[@][N+][method[.arg…]:]value[+N]`, space = union,
 * comma = intersection.
 */
import { ProblemError, closestNames, problem, type Problem } from '../problems';

export const COMMAND_LINE = '<command line>';

/** Methods evaluated here. The last group names dbt resources this project never has. */
export const METHODS = [
  'fqn', 'tag', 'source', 'path', 'file', 'package', 'config', 'test_name', 'test_type', 'resource_type',
  'group', 'access', 'version',
  'exposure', 'metric', 'semantic_model', 'saved_query', 'unit_test',
] as const;
export type MethodName = (typeof METHODS)[number];

/** dbt methods that need artifacts from a previous run, which model-studio does not keep. */
const STATEFUL_METHODS = ['state', 'result', 'source_status', 'selector'];

const RESOURCE_TYPES = [
  'model', 'analysis', 'test', 'snapshot', 'operation', 'seed', 'rpc', 'sql_operation', 'doc', 'source',
  'macro', 'exposure', 'metric', 'group', 'saved_query', 'semantic_model', 'unit_test', 'fixture', 'function',
];
const TEST_TYPES = ['generic', 'singular', 'data', 'unit'];
const VERSION_VALUES = ['latest', 'prerelease', 'old', 'none'];

export interface Criterion {
  /** The criterion as written, e.g. `2+tag:nightly`. */
  raw: string;
  /** 1-based column of `raw` within its `--select` argument. */
  column: number;
  childrensParents: boolean;
  parents: boolean;
  parentsDepth?: number;
  children: boolean;
  childrenDepth?: number;
  method: MethodName;
  /** `config.meta.owner` -> ['meta', 'owner']. */
  args: string[];
  value: string;
}

/** One space-separated item: its comma-separated criteria intersect. */
export interface SelectorTerm {
  raw: string;
  column: number;
  criteria: Criterion[];
}

/** Parses every argument; throws one ProblemError listing all malformed pieces. */
export function parseSelectors(args: readonly string[]): SelectorTerm[] {
  const { terms, problems } = parseSelectorList(args);
  if (problems.length > 0) throw new ProblemError(problems);
  return terms;
}

/** Parses every argument, collecting a problem per malformed piece instead of stopping at the first. */
export function parseSelectorList(args: readonly string[]): { terms: SelectorTerm[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const terms: SelectorTerm[] = [];
  for (const arg of args) {
    for (const token of arg.matchAll(/\S+/g)) {
      const start = token.index;
      const criteria: Criterion[] = [];
      let offset = start;
      for (const part of token[0].split(',')) {
        const parsed = parseCriterion(arg, part, offset, problems);
        if (parsed) criteria.push(parsed);
        offset += part.length + 1;
      }
      terms.push({ raw: token[0], column: start + 1, criteria });
    }
  }
  return { terms, problems };
}

function parseCriterion(arg: string, text: string, offset: number, problems: Problem[]): Criterion | undefined {
  const fail = (at: number, length: number, detail: string, extra: Partial<Problem> = {}): undefined => {
    const column = offset + at + 1;
    const shown = text === '' ? arg : text;
    problems.push(
      problem('bad-selector', `Malformed selector '${shown}': ${detail}`, {
        file: COMMAND_LINE, line: 1, column, endColumn: column + Math.max(1, length),
      }, extra),
    );
    return undefined;
  };
  if (text === '') return fail(0, 1, 'empty criterion next to a comma (write `a,b` with no spaces, no trailing comma)');

  let i = 0;
  const childrensParents = text.startsWith('@');
  if (childrensParents) i = 1;

  const parentsMatch = /^(\d*)\+/.exec(text.slice(i));
  if (parentsMatch) i += parentsMatch[0].length;

  const methodStart = i;
  const methodMatch = /^([\w.]+):/.exec(text.slice(i));
  if (methodMatch) i += methodMatch[0].length;

  const valueStart = i;
  let value = text.slice(i);
  const childrenMatch = /\+(\d*)$/.exec(value);
  if (childrenMatch) value = value.slice(0, childrenMatch.index);

  if (value === '') {
    const expected = methodMatch ? `a value after '${methodMatch[0]}'` : 'a node name or method:value';
    return fail(valueStart, 1, `expected ${expected}`, {
      hint: 'Examples: my_model, +my_model, my_model+2, tag:nightly, path:models/staging, source:raw+',
    });
  }
  const stray = value.indexOf('+');
  if (stray >= 0) {
    return fail(valueStart + stray, 1, "'+' may only open (ancestors) or close (descendants) a selector", {
      hint: "Write ancestors as '+name' or 'N+name' and descendants as 'name+' or 'name+N'; separate selectors with spaces.",
    });
  }
  if (childrensParents && childrenMatch) {
    return fail(valueStart + value.length, childrenMatch[0].length, "'@' and a trailing '+' cannot be combined", {
      hint: "'@name' already includes every descendant of name (and all their ancestors).",
    });
  }

  let method: MethodName;
  let args: string[] = [];
  if (methodMatch) {
    const [name, ...rest] = methodMatch[1].split('.');
    args = rest;
    const methodLength = methodMatch[1].length;
    if (STATEFUL_METHODS.includes(name)) {
      return fail(methodStart, methodLength, `the '${name}' method needs artifacts from a previous dbt run, which model-studio does not support`);
    }
    if (!isMethod(name)) {
      const suggestions = closestNames(name, METHODS);
      return fail(methodStart, name.length, `'${name}' is not a valid method name`, {
        suggestions,
        hint: suggestions.length > 0 ? `Did you mean ${suggestions.map((s) => `'${s}'`).join(' or ')}?` : `Valid methods: ${METHODS.join(', ')}`,
      });
    }
    if (name === 'config' && (args.length === 0 || args.includes(''))) {
      return fail(methodStart, methodLength, "the config method needs a key, e.g. 'config.materialized:table'");
    }
    if (name !== 'config' && args.length > 0) {
      return fail(methodStart + name.length, methodLength - name.length, `the '${name}' method takes no '.key' (only config does)`);
    }
    method = name;
  } else {
    method = defaultMethod(value);
  }

  const invalid = validateValue(method, value);
  if (invalid) return fail(valueStart, value.length, invalid.detail, { suggestions: invalid.suggestions });

  return {
    raw: text,
    column: offset + 1,
    childrensParents,
    parents: parentsMatch !== null,
    parentsDepth: depthOf(parentsMatch?.[1]),
    children: childrenMatch !== null,
    childrenDepth: depthOf(childrenMatch?.[1]),
    method,
    args,
    value,
  };
}

function isMethod(name: string): name is MethodName {
  return (METHODS as readonly string[]).includes(name);
}

/** dbt picks `path` for anything with a slash, `file` for a file name, and `fqn` otherwise. */
function defaultMethod(value: string): MethodName {
  if (value.includes('/') || value.includes('\\')) return 'path';
  if (/\.(sql|py|csv)$/i.test(value)) return 'file';
  return 'fqn';
}

function depthOf(digits: string | undefined): number | undefined {
  return digits ? Number.parseInt(digits, 10) : undefined;
}

function validateValue(method: MethodName, value: string): { detail: string; suggestions?: string[] } | undefined {
  const oneOf = (allowed: string[], what: string): { detail: string; suggestions?: string[] } | undefined =>
    allowed.includes(value)
      ? undefined
      : { detail: `'${value}' is not a valid ${what}; expected one of ${allowed.join(', ')}`, suggestions: closestNames(value, allowed) };
  switch (method) {
    case 'source':
      return value.split('.').length > 3
        ? { detail: 'sources are selected as source_name, source_name.table_name or package.source_name.table_name' }
        : undefined;
    case 'resource_type':
      return oneOf(RESOURCE_TYPES, 'resource type');
    case 'test_type':
      return oneOf(TEST_TYPES, 'test type');
    case 'version':
      return oneOf(VERSION_VALUES, 'version selector');
    default:
      return undefined;
  }
}
