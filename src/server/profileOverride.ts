/**
 * The `modelStudio.databasePath` setting. The engine reads the DuckDB path from profiles.yml, and
 * every relation name is derived from it, so the override is a copy of the project's profile with
 * only the path changed, written outside the project and handed to the engine as its profiles dir.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { parse, stringify } from 'yaml';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Returns the profiles folder to use, or undefined to keep the project's own. */
export function profilesDirFor(root: string, databasePath: string): string | undefined {
  if (!databasePath) return undefined;
  const path = isAbsolute(databasePath) ? databasePath : resolve(root, databasePath);
  const profileName = readProfileName(root);
  const all = readYaml(join(root, 'profiles.yml')) ?? {};
  const profile = isObj(all[profileName]) ? all[profileName] : {};
  const targetName = typeof profile.target === 'string' ? profile.target : 'dev';
  const outputs = isObj(profile.outputs) ? profile.outputs : {};
  const output: Obj = isObj(outputs[targetName]) ? { ...outputs[targetName] } : { type: "duckdb", schema: "main" };
  output.path = path;
  // The catalog name follows the file stem; a pinned name would point the models at another file.
  delete output.database;
  const patched = { ...all, [profileName]: { ...profile, target: targetName, outputs: { ...outputs, [targetName]: output } } };
  const dir = join(tmpdir(), 'model-studio-profiles', createHash('sha1').update(root).digest('hex').slice(0, 16));
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'profiles.yml'), stringify(patched));
  return dir;
}

function readProfileName(root: string): string {
  const project = readYaml(join(root, 'dbt_project.yml'));
  if (project && typeof project.profile === 'string') return project.profile;
  return project && typeof project.name === 'string' ? project.name : 'default';
}

function readYaml(file: string): Obj | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const v: unknown = parse(readFileSync(file, 'utf8'));
    return isObj(v) ? v : undefined;
  } catch {
    // A broken file is reported by the engine's own load; here it just means "no override base".
    return undefined;
  }
}
