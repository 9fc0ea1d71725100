/** Options every project command shares, and opening the engine from them. */
import { parse as parseYaml } from 'yaml';
import { Engine, type EngineOptions } from '../core/engine';
import { formatProblem, type Problem } from '../core/problems';
import { UsageError } from './args';
import type { CliIO, CliOptionSpec, ParsedArgs } from './command';

export const PROJECT_OPTIONS: CliOptionSpec[] = [
  { name: 'project-dir', type: 'string', description: 'Folder holding dbt_project.yml (default: current folder)' },
  { name: 'profiles-dir', type: 'string', description: 'Folder holding profiles.yml (default: the project folder)' },
  { name: 'target', alias: 't', type: 'string', description: 'Output of the profile to use' },
  { name: 'vars', type: 'string', description: "YAML mapping of vars, e.g. '{start_date: 2024-01-01}'" },
  { name: 'threads', type: 'string', description: 'Threads for DuckDB' },
  { name: 'json', type: 'boolean', description: 'Print one JSON document instead of progress lines' },
];

export const SELECT_OPTIONS: CliOptionSpec[] = [
  { name: 'select', alias: 's', type: 'list', description: 'Nodes to include (dbt selector syntax)' },
  { name: 'exclude', type: 'list', description: 'Nodes to leave out' },
];

export function engineOptions(args: ParsedArgs): EngineOptions {
  const o = args.options;
  let vars: Record<string, unknown> | undefined;
  if (typeof o.vars === 'string') {
    let parsed: unknown;
    try {
      parsed = parseYaml(o.vars);
    } catch (e) {
      throw new UsageError(`--vars is not valid YAML: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new UsageError(`--vars must be a YAML mapping, e.g. '{key: value}'.`);
    vars = parsed as Record<string, unknown>;
  }
  const threads = typeof o.threads === 'string' ? Number(o.threads) : undefined;
  if (threads !== undefined && !(threads > 0)) throw new UsageError('--threads must be a positive number.');
  return {
    targetName: typeof o.target === 'string' ? o.target : undefined,
    profilesDir: typeof o['profiles-dir'] === 'string' ? o['profiles-dir'] : undefined,
    vars,
    threads,
    fullRefresh: o['full-refresh'] === true,
  };
}

export function projectDir(args: ParsedArgs, io: CliIO): string {
  return typeof args.options['project-dir'] === 'string' ? args.options['project-dir'] : io.cwd;
}

export function selection(args: ParsedArgs): { select?: string[]; exclude?: string[] } {
  const s = args.options.select;
  const x = args.options.exclude;
  return { select: Array.isArray(s) ? s : undefined, exclude: Array.isArray(x) ? x : undefined };
}

/** Loads the engine; prints problems found while loading. Returns undefined when errors stop the command. */
export function openEngine(args: ParsedArgs, io: CliIO): Engine | undefined {
  const engine = Engine.load(projectDir(args, io), engineOptions(args));
  printProblems(io, engine.problems, engine.project.root);
  if (engine.errors().length) {
    if (!io.json) io.err(`\n${engine.errors().length} error(s) in the project: fix them and run again.`);
    engine.close();
    return undefined;
  }
  return engine;
}

export function printProblems(io: CliIO, problems: Problem[], root: string): void {
  if (io.json) return;
  for (const p of problems) io.err(formatProblem(p, root));
}
