/**
 * Renders the differential corpus with our engine, using JS equivalents of the dbt-like functions
 * that test/fixtures/jinja/render_corpus.py gives Python Jinja2.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { JinjaEnvironment, splitArgs } from '../../../src/core/jinja/index';

export const CORPUS_DIR = join(__dirname, '../../fixtures/jinja/corpus');
export const ORACLE_SCRIPT = join(__dirname, '../../fixtures/jinja/render_corpus.py');

export interface CaseSpec {
  context?: Record<string, unknown>;
  vars?: Record<string, unknown>;
  incremental?: boolean;
}

export type CaseResult = { output: string } | { error: string };

class Relation {
  readonly name: string;
  constructor(
    readonly database: string,
    readonly schema: string,
    readonly identifier: string,
  ) {
    this.name = identifier;
  }
  toString(): string {
    return `"${this.database}"."${this.schema}"."${this.identifier}"`;
  }
}

function baseContext(env: JinjaEnvironment, spec: CaseSpec, model: string): Record<string, unknown> {
  const vars = spec.vars ?? {};
  const envVars: Record<string, string> = { DBT_ENV: 'ci' };
  const ctx: Record<string, unknown> = {
    ref: (...raw: unknown[]) => {
      const { args, kwargs } = splitArgs(raw);
      const v = kwargs.v ?? kwargs.version;
      return `"main"."${String(args[args.length - 1])}${v !== undefined && v !== null ? `_v${String(v)}` : ''}"`;
    },
    source: (s: string, t: string) => `"raw_${s}"."${t}"`,
    var: (...raw: unknown[]) => {
      const { args } = splitArgs(raw);
      const name = String(args[0]);
      if (Object.prototype.hasOwnProperty.call(vars, name)) return vars[name];
      if (args.length < 2) throw new Error(`Required var '${name}' not found`);
      return args[1];
    },
    config: () => '',
    env_var: (...raw: unknown[]) => {
      const { args } = splitArgs(raw);
      const name = String(args[0]);
      if (name in envVars) return envVars[name];
      if (args.length < 2) throw new Error(`Env var required but not provided: '${name}'`);
      return args[1];
    },
    log: () => '',
    is_incremental: () => spec.incremental === true,
    this: new Relation('db', 'main', model),
    target: { name: 'dev', schema: 'main', type: 'duckdb', threads: 4 },
    exceptions: {
      raise_compiler_error: (msg: unknown) => {
        throw new Error(String(msg));
      },
    },
  };
  Object.assign(ctx, spec.context ?? {});
  ctx.adapter = {
    quote: (s: unknown) => `"${String(s)}"`,
    // How the engine's dbt context is expected to build dispatch on the public API.
    dispatch: (name: string) => {
      const found = ['duckdb__', 'default__'].map((p) => p + name).find((n) => env.hasMacro(n));
      if (!found) throw new Error(`No macro named '${name}' for dispatch`);
      return (...raw: unknown[]) => {
        const { args, kwargs } = splitArgs(raw);
        return env.callMacro(found, ctx, args, kwargs);
      };
    },
  };
  return ctx;
}

export function listCases(): string[] {
  return readdirSync(CORPUS_DIR)
    .filter((f) => f.endsWith('.sql'))
    .map((f) => f.slice(0, -4))
    .sort();
}

export function macroFiles(): Array<{ file: string; source: string }> {
  const dir = join(CORPUS_DIR, '_macros');
  return readdirSync(dir)
    .sort()
    .map((f) => ({ file: join(dir, f), source: readFileSync(join(dir, f), 'utf8') }));
}

export function loadCase(name: string): { source: string; spec: CaseSpec; file: string } {
  const file = join(CORPUS_DIR, `${name}.sql`);
  const specFile = join(CORPUS_DIR, `${name}.json`);
  const spec = existsSync(specFile) ? (JSON.parse(readFileSync(specFile, 'utf8')) as CaseSpec) : {};
  return { source: readFileSync(file, 'utf8'), spec, file };
}

export function contextFor(env: JinjaEnvironment, name: string, spec: CaseSpec): Record<string, unknown> {
  return baseContext(env, spec, name);
}

export function renderCase(env: JinjaEnvironment, name: string): CaseResult {
  const { source, spec, file } = loadCase(name);
  try {
    return { output: env.render(source, contextFor(env, name, spec), { file }) };
  } catch (e) {
    return { error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
  }
}
