/** Reads dbt_project.yml into a ProjectConfig, with a problem (and a place) for anything wrong. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Problem } from '../problems';
import type { NodeResourceType, ProjectConfig } from './types';
import { isPlainObject, toJs, YamlFile } from './yamlFile';
import { expandEnvVars, MissingEnvVarError } from './envVars';

const SCOPED_KEYS: Array<[string, NodeResourceType]> = [
  ['models', 'model'],
  ['seeds', 'seed'],
  ['snapshots', 'snapshot'],
  ['data_tests', 'test'],
  ['tests', 'test'],
  ['analyses', 'analysis'],
];

export function readProjectConfig(root: string, problems: Problem[]): ProjectConfig {
  const file = join(root, 'dbt_project.yml');
  const fallbackName = root.split('/').filter(Boolean).pop() ?? 'project';
  if (!existsSync(file)) {
    problems.push({
      code: 'no-project',
      severity: 'error',
      file,
      line: 1,
      column: 1,
      message: `No dbt_project.yml in ${root}.`,
      hint: 'Open the folder that holds dbt_project.yml, or create one with `model-studio init`.',
    });
    return defaults(fallbackName);
  }
  const yf = YamlFile.parse(file, readFileSync(file, 'utf8'), problems);
  let raw: unknown = toJs(yf.doc.contents);
  try {
    raw = expandEnvVars(raw);
  } catch (e) {
    if (!(e instanceof MissingEnvVarError)) throw e;
    problems.push({ code: 'env-var', severity: 'error', file, line: 1, column: 1, message: e.message, hint: `Set ${e.varName} in the environment or give env_var() a default.` });
  }
  if (!isPlainObject(raw)) {
    if (yf.ok) problems.push({ code: 'project-config', severity: 'error', file, line: 1, column: 1, message: 'dbt_project.yml must be a mapping with at least `name:`.' });
    return defaults(fallbackName);
  }
  const name = typeof raw.name === 'string' ? raw.name : undefined;
  if (!name) {
    problems.push({ code: 'project-config', severity: 'error', ...yf.placeOf(yf.doc.contents), message: 'dbt_project.yml has no `name:`.', hint: 'Add `name: my_project` (letters, digits and underscores).' });
  } else if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
    problems.push({ code: 'project-config', severity: 'error', ...yf.placeOf(yf.doc.get('name', true)), message: `Project name '${name}' must use only letters, digits and underscores.` });
  }
  const cfg = defaults(name ?? fallbackName);
  cfg.version = raw.version === undefined ? undefined : String(raw.version);
  cfg.profile = typeof raw.profile === 'string' ? raw.profile : undefined;
  cfg.configVersion = typeof raw['config-version'] === 'number' ? raw['config-version'] : undefined;
  const paths = (key: string, dflt: string[]): string[] => {
    const v = raw[key];
    if (v === undefined) return dflt;
    if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v.map(stripSlash);
    problems.push({ code: 'project-config', severity: 'error', ...yf.placeOf(yf.doc.get(key, true)), message: `\`${key}\` must be a list of folder names.` });
    return dflt;
  };
  cfg.modelPaths = paths('model-paths', paths('source-paths', ['models']));
  cfg.seedPaths = paths('seed-paths', paths('data-paths', ['seeds']));
  cfg.testPaths = paths('test-paths', ['tests']);
  cfg.macroPaths = paths('macro-paths', ['macros']);
  cfg.snapshotPaths = paths('snapshot-paths', ['snapshots']);
  cfg.analysisPaths = paths('analysis-paths', ['analyses']);
  cfg.docsPaths = paths('docs-paths', [...cfg.modelPaths, ...cfg.seedPaths, ...cfg.testPaths, ...cfg.macroPaths, ...cfg.snapshotPaths, ...cfg.analysisPaths]);
  if (typeof raw['target-path'] === 'string') cfg.targetPath = stripSlash(raw['target-path']);
  cfg.cleanTargets = paths('clean-targets', [cfg.targetPath, 'dbt_packages']);
  if (raw.vars !== undefined) {
    if (isPlainObject(raw.vars)) cfg.vars = raw.vars;
    else problems.push({ code: 'project-config', severity: 'error', ...yf.placeOf(yf.doc.get('vars', true)), message: '`vars` must be a mapping of names to values.' });
  }
  for (const [key, type] of SCOPED_KEYS) {
    const v = raw[key];
    if (v === undefined || v === null) continue;
    if (!isPlainObject(v)) {
      problems.push({ code: 'project-config', severity: 'error', ...yf.placeOf(yf.doc.get(key, true)), message: `\`${key}:\` must be a mapping (project name, then folders, then configs).` });
      continue;
    }
    cfg.scopedConfig[type] = { ...(cfg.scopedConfig[type] ?? {}), ...v };
  }
  if (isPlainObject(raw.quoting)) cfg.quoting = raw.quoting;
  cfg.onRunStart = hookList(raw['on-run-start']);
  cfg.onRunEnd = hookList(raw['on-run-end']);
  return cfg;
}

function hookList(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

function stripSlash(p: string): string {
  return p.replace(/\/+$/, '');
}

function defaults(name: string): ProjectConfig {
  return {
    name,
    modelPaths: ['models'],
    seedPaths: ['seeds'],
    testPaths: ['tests'],
    macroPaths: ['macros'],
    snapshotPaths: ['snapshots'],
    analysisPaths: ['analyses'],
    docsPaths: ['models', 'seeds', 'tests', 'macros', 'snapshots', 'analyses'],
    targetPath: 'target',
    cleanTargets: ['target', 'dbt_packages'],
    vars: {},
    scopedConfig: {},
    onRunStart: [],
    onRunEnd: [],
  };
}
