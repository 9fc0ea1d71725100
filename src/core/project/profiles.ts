/**
 * Resolves the DuckDB target from profiles.yml in the project folder (or $DBT_PROFILES_DIR).
 * Without one, the project still builds: `<project>/warehouse.duckdb`, schema `main`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, isAbsolute, join, resolve } from 'node:path';
import type { Problem } from '../problems';
import type { Target } from './types';
import { isPlainObject, mapGetNode, toJs, YamlFile } from './yamlFile';
import { expandEnvVars, MissingEnvVarError } from './envVars';

export interface TargetOptions {
  profileName?: string;
  targetName?: string;
  profilesDir?: string;
  threads?: number;
}

export function resolveTarget(root: string, opts: TargetOptions, problems: Problem[]): Target {
  const dirs = [opts.profilesDir, root, process.env.DBT_PROFILES_DIR].filter((d): d is string => !!d);
  const file = dirs.map((d) => join(resolve(root, d), 'profiles.yml')).find((f) => existsSync(f));
  const fallback = defaultTarget(root, opts);
  if (!file) return fallback;

  const yf = YamlFile.parse(file, readFileSync(file, 'utf8'), problems);
  if (!yf.ok) return fallback;
  const all = toJs(yf.doc.contents);
  if (!isPlainObject(all)) {
    // Empty is "no profiles"; anything else (a list, a bare string, a binary file read as text) is a mistake worth saying.
    if (all !== undefined && all !== null) {
      problems.push({ code: 'profile', severity: 'error', ...yf.placeOf(yf.doc.contents), message: `${file} is not a profiles file: its top level must be a mapping of profile names.`, hint: 'Write `<profile>:` with `target:` and `outputs:` under it (type: duckdb, path: …).' });
    }
    return fallback;
  }
  const profileName = opts.profileName ?? Object.keys(all).find((k) => k !== 'config');
  if (!profileName || !isPlainObject(all[profileName])) {
    problems.push({
      code: 'profile',
      severity: 'error',
      file,
      line: 1,
      column: 1,
      message: `Profile '${profileName ?? ''}' is not in ${file}.`,
      hint: `Add a '${profileName}:' entry with type: duckdb, or set \`profile:\` in dbt_project.yml to one of: ${Object.keys(all).join(', ')}.`,
    });
    return fallback;
  }
  const profile = all[profileName];
  const profileNode = mapGetNode(yf.doc.contents as never, profileName);
  const targetName = opts.targetName ?? (typeof profile.target === 'string' ? profile.target : 'dev');
  const outputs = isPlainObject(profile.outputs) ? profile.outputs : {};
  const rawOut = outputs[targetName];
  const place = yf.placeOf(profileNode);
  if (!isPlainObject(rawOut)) {
    problems.push({ code: 'profile', severity: 'error', ...place, message: `Target '${targetName}' is not among the outputs of profile '${profileName}' (${Object.keys(outputs).join(', ') || 'none'}).`, hint: 'Pass --target with one of those names, or add the output.' });
    return fallback;
  }
  let out: Record<string, unknown>;
  try {
    out = expandEnvVars(rawOut) as Record<string, unknown>;
  } catch (e) {
    if (!(e instanceof MissingEnvVarError)) throw e;
    problems.push({ code: 'env-var', severity: 'error', ...place, message: e.message, hint: `Set ${e.varName} or give env_var() a default.` });
    return fallback;
  }
  if (out.type !== 'duckdb') {
    problems.push({ code: 'profile', severity: 'error', ...place, message: `Target '${targetName}' has type '${String(out.type)}'; DuckDB Model Studio builds on DuckDB only.`, hint: 'Add a duckdb output (type: duckdb, path: dev.duckdb) and select it with --target; keep the other output for dbt-core.' });
    return fallback;
  }
  const rawPath = typeof out.path === 'string' ? out.path : fallback.path;
  if (/^(md:|motherduck:|s3:|https?:)/.test(rawPath)) {
    problems.push({ code: 'profile', severity: 'error', ...place, message: `Database path '${rawPath}' is remote; only local DuckDB files work offline.` });
    return fallback;
  }
  const path = rawPath === ':memory:' ? ':memory:' : isAbsolute(rawPath) ? rawPath : resolve(root, rawPath);
  const threadsRaw = opts.threads ?? Number(out.threads ?? 1);
  return {
    name: targetName,
    type: 'duckdb',
    path,
    database: databaseName(path, out.database),
    schema: typeof out.schema === 'string' ? out.schema : 'main',
    threads: Number.isFinite(threadsRaw) && threadsRaw > 0 ? Math.floor(threadsRaw) : 1,
    extensions: Array.isArray(out.extensions) ? out.extensions.map(String) : undefined,
    settings: isPlainObject(out.settings) ? out.settings : undefined,
  };
}

function defaultTarget(root: string, opts: TargetOptions): Target {
  const path = join(root, 'warehouse.duckdb');
  return { name: opts.targetName ?? 'dev', type: 'duckdb', path, database: databaseName(path), schema: 'main', threads: opts.threads ?? 1 };
}

/** DuckDB names an attached file's catalog after the file stem; `:memory:` is `memory`. */
function databaseName(path: string, explicit?: unknown): string {
  if (typeof explicit === 'string' && explicit) return explicit;
  if (path === ':memory:') return 'memory';
  return basename(path).replace(/\.[^.]*$/, '');
}
