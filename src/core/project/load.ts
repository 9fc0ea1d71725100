/**
 * Loads a dbt-style project folder into a Manifest skeleton: every node with its merged config,
 * YAML documentation and tests, sources, macros and docs. No Jinja runs here: refs, sources and
 * in-file config() are filled by the compiler's parse pass.
 */
import { createHash, randomUUID } from 'node:crypto';
import { basename, join, resolve } from 'node:path';
import type { Problem } from '../problems';
import { findBlocks, keepOnly, lineColAt } from './blocks';
import { finalizeConfig, mergeConfig, scopedConfigFor } from './configMerge';
import { findFiles, readText, type FoundFile } from './files';
import { resolveTarget, type TargetOptions } from './profiles';
import { readProjectConfig } from './projectConfig';
import { placeNode, relationName } from './relation';
import { readSchemaFile, type NodePatch, type SourceTablePatch } from './schemaYaml';
import type { DocBlock, MacroDef, Manifest, ManifestNode, NodeResourceType, Project, SourceTable } from './types';
import { YamlFile } from './yamlFile';

export interface LoadOptions extends TargetOptions {
  vars?: Record<string, unknown>;
  /** Reads a file; the language server passes unsaved editor contents through this. */
  readFile?: (abs: string) => string;
}

export function loadProject(dir: string, opts: LoadOptions = {}): Project {
  const root = resolve(dir);
  const problems: Problem[] = [];
  const read = opts.readFile ?? ((p: string) => readText(p, problems));
  const config = readProjectConfig(root, problems);
  const target = resolveTarget(root, { ...opts, profileName: opts.profileName ?? config.profile }, problems);
  const manifest: Manifest = {
    metadata: {
      dbt_schema_version: 'https://schemas.getdbt.com/dbt/manifest/v12.json',
      generated_at: new Date().toISOString(),
      project_name: config.name,
      adapter_type: 'duckdb',
      invocation_id: randomUUID(),
    },
    nodes: {},
    sources: {},
    macros: {},
    docs: {},
    parent_map: {},
    child_map: {},
    disabled: {},
  };
  const project: Project = { root, config, target, cliVars: opts.vars ?? {}, manifest, macroFiles: [], testDefinitions: [], problems };

  loadDocs(project, read);
  loadMacros(project, read);

  const addNode = (node: ManifestNode) => {
    if (!node.config.enabled) {
      (manifest.disabled[node.unique_id] ??= []).push(node);
      return;
    }
    const prev = manifest.nodes[node.unique_id];
    if (prev) {
      problems.push({
        code: 'duplicate-node',
        severity: 'error',
        file: node.abs_path,
        line: 1,
        column: 1,
        message: `Two ${node.resource_type}s are named '${node.name}': ${prev.original_file_path} and ${node.original_file_path}.`,
        hint: 'Rename one of the files; names must be unique within a project.',
        related: [{ file: prev.abs_path, line: 1, column: 1, message: 'the other one' }],
      });
      return;
    }
    manifest.nodes[node.unique_id] = node;
  };

  for (const f of findFiles(root, config.modelPaths, ['.sql'])) addNode(makeNode(project, 'model', f, read(f.abs)));
  for (const f of findFiles(root, config.analysisPaths, ['.sql'])) addNode(makeNode(project, 'analysis', f, read(f.abs)));
  for (const f of findFiles(root, config.seedPaths, ['.csv'])) addNode(makeNode(project, 'seed', f, read(f.abs)));
  for (const f of findFiles(root, config.testPaths, ['.sql'])) addNode(makeNode(project, 'test', f, read(f.abs)));
  for (const f of findFiles(root, config.snapshotPaths, ['.sql'])) {
    const text = read(f.abs);
    for (const b of findBlocks(text, ['snapshot'])) {
      if (!b.closed) {
        const at = lineColAt(text, b.start);
        problems.push({ code: 'jinja-syntax', severity: 'error', file: f.abs, ...at, message: `{% snapshot ${b.name} %} has no {% endsnapshot %}.`, hint: 'Close the block with {% endsnapshot %} after the query.' });
        continue;
      }
      const node = makeNode(project, 'snapshot', f, keepOnly(text, b.bodyStart, b.bodyEnd), b.name);
      node.snapshot_name = b.name;
      addNode(node);
    }
  }

  const yamlFolders = [...config.modelPaths, ...config.seedPaths, ...config.snapshotPaths, ...config.analysisPaths];
  const patches: NodePatch[] = [];
  const sourcePatches: SourceTablePatch[] = [];
  for (const f of findFiles(root, yamlFolders, ['.yml', '.yaml'])) {
    const yf = YamlFile.parse(f.abs, read(f.abs), problems);
    if (!yf.ok) continue;
    const contents = readSchemaFile(yf, f.rel, problems);
    patches.push(...contents.patches);
    sourcePatches.push(...contents.sources);
    project.testDefinitions.push(...contents.tests);
  }
  applyPatches(project, patches);
  for (const s of sourcePatches) addSource(project, s);
  resolveDocRefs(project);
  return project;
}

function makeNode(project: Project, type: NodeResourceType, f: FoundFile, text: string, nameOverride?: string): ManifestNode {
  const { config: pc, target } = project;
  const name = nameOverride ?? basename(f.inFolder).replace(/\.(sql|csv)$/, '');
  const folders = f.inFolder.split('/').slice(0, -1);
  const fqn = [pc.name, ...folders, name];
  const config = finalizeConfig(type, scopedConfigFor(pc.scopedConfig[type], fqn));
  const node: ManifestNode = {
    unique_id: `${type}.${pc.name}.${name}`,
    resource_type: type,
    name,
    package_name: pc.name,
    path: f.inFolder,
    original_file_path: f.rel,
    abs_path: f.abs,
    fqn,
    raw_code: text,
    language: type === 'seed' ? 'csv' : 'sql',
    checksum: { name: 'sha256', checksum: createHash('sha256').update(text).digest('hex') },
    config,
    tags: config.tags,
    description: '',
    columns: {},
    meta: config.meta,
    refs: [],
    sources: [],
    depends_on: { nodes: [], macros: [] },
    database: target.database,
    schema: target.schema,
    alias: name,
    relation_name: null,
  };
  if (type === 'test') node.test = { kind: 'singular', short_name: name };
  placeNode(node, target);
  return node;
}

function applyPatches(project: Project, patches: NodePatch[]): void {
  const { manifest, problems, config } = project;
  for (const p of patches) {
    const id = `${p.kind}.${config.name}.${p.name}`;
    if (p.kind === 'snapshot' && p.relation && !manifest.nodes[id] && !manifest.disabled[id]) addYamlSnapshot(project, p);
    const node = manifest.nodes[id];
    if (!node) {
      if (manifest.disabled[id]) continue;
      problems.push({
        code: 'patch-without-node',
        severity: 'warning',
        ...p.place,
        message: `${p.yamlPath} documents ${p.kind} '${p.name}', but there is no such ${p.kind} file.`,
        hint: `Check the name, or create ${p.kind === 'seed' ? 'seeds/' + p.name + '.csv' : 'models/' + p.name + '.sql'}.`,
      });
      continue;
    }
    if (node.patch_path) {
      problems.push({ code: 'duplicate-patch', severity: 'error', ...p.place, message: `${p.kind} '${p.name}' is documented twice: in ${node.patch_path} and ${p.yamlPath}.`, hint: 'Keep one entry and delete the other.' });
      continue;
    }
    node.patch_path = `${config.name}://${p.yamlPath}`;
    node.patch_place = p.place;
    node.description = p.description;
    node.columns = p.columns;
    const yamlConfig = { ...p.config, ...(p.docs ? { docs: p.docs } : {}) };
    node.config = mergeConfig(node.config, yamlConfig);
    node.config.enabled = node.config.enabled !== false;
    node.meta = { ...node.meta, ...p.meta };
    node.config.meta = node.meta;
    node.tags = node.config.tags;
    placeNode(node, project.target);
    if (!node.config.enabled) {
      delete manifest.nodes[id];
      (manifest.disabled[id] ??= []).push(node);
    }
  }
}

/**
 * A dbt 1.9 YAML snapshot (`relation: ref('x')` or `source('a', 'b')`) becomes a snapshot node
 * selecting everything from that relation; its SQL sits on the entry's line so errors point there.
 */
function addYamlSnapshot(project: Project, p: NodePatch): void {
  const { root, config, manifest } = project;
  const rel = p.yamlPath;
  const folder = [...config.snapshotPaths, ...config.modelPaths].find((f) => rel.startsWith(f.replace(/\/$/, '') + '/')) ?? '';
  const inFolder = folder ? rel.slice(folder.replace(/\/$/, '').length + 1) : rel;
  const relation = (p.relation ?? '').trim().replace(/^\{\{\s*([\s\S]*?)\s*\}\}$/, '$1');
  const text = '\n'.repeat(Math.max(0, p.place.line - 1)) + `select * from {{ ${relation} }}\n`;
  const node = makeNode(project, 'snapshot', { abs: join(root, rel), rel, inFolder: inFolder.replace(/[^/]*$/, p.name), folder }, text, p.name);
  node.snapshot_name = p.name;
  if (node.config.enabled) manifest.nodes[node.unique_id] = node;
  else (manifest.disabled[node.unique_id] ??= []).push(node);
}

function addSource(project: Project, s: SourceTablePatch): void {
  const { config, target, manifest, problems } = project;
  const id = `source.${config.name}.${s.sourceName}.${s.tableName}`;
  if (manifest.sources[id]) {
    problems.push({ code: 'duplicate-source', severity: 'error', ...s.place, message: `Source table '${s.sourceName}.${s.tableName}' is declared twice.`, hint: 'Remove one of the declarations.' });
    return;
  }
  const database = s.database ?? target.database;
  const schema = s.schema ?? s.sourceName;
  const source: SourceTable = {
    unique_id: id,
    resource_type: 'source',
    package_name: config.name,
    source_name: s.sourceName,
    name: s.tableName,
    identifier: s.identifier,
    database,
    schema,
    loader: s.loader,
    description: s.description,
    source_description: s.sourceDescription,
    columns: s.columns,
    meta: s.meta,
    tags: s.tags,
    config: { ...s.config, enabled: s.config.enabled !== false },
    fqn: [config.name, s.sourceName, s.tableName],
    original_file_path: s.yamlPath,
    abs_path: join(project.root, s.yamlPath),
    relation_name: relationName(database, schema, s.identifier),
    place: s.place,
    loaded_at_field: s.loadedAtField,
    freshness: s.freshness,
  };
  if (source.config.enabled) manifest.sources[id] = source;
}

function loadDocs(project: Project, read: (p: string) => string): void {
  for (const f of findFiles(project.root, project.config.docsPaths, ['.md'])) {
    const text = read(f.abs);
    for (const b of findBlocks(text, ['docs'])) {
      const id = `doc.${project.config.name}.${b.name}`;
      const block: DocBlock = {
        unique_id: id,
        resource_type: 'doc',
        name: b.name,
        package_name: project.config.name,
        original_file_path: f.rel,
        abs_path: f.abs,
        block_contents: text.slice(b.bodyStart, b.bodyEnd).trim(),
        place: { file: f.abs, ...lineColAt(text, b.start) },
      };
      project.manifest.docs[id] = block;
    }
  }
}

function loadMacros(project: Project, read: (p: string) => string): void {
  for (const f of findFiles(project.root, project.config.macroPaths, ['.sql'])) {
    const text = read(f.abs);
    project.macroFiles.push({ file: f.abs, source: text });
    for (const b of findBlocks(text, ['macro', 'test', 'materialization'])) {
      const name = b.kind === 'test' ? `test_${b.name}` : b.kind === 'materialization' ? `materialization_${b.name}` : b.name;
      const id = `macro.${project.config.name}.${name}`;
      const macro: MacroDef = {
        unique_id: id,
        resource_type: 'macro',
        name,
        package_name: project.config.name,
        original_file_path: f.rel,
        abs_path: f.abs,
        macro_sql: text.slice(b.start, b.end),
        arguments: b.args,
        kind: b.kind as MacroDef['kind'],
        place: { file: f.abs, ...lineColAt(text, b.start) },
      };
      const prev = project.manifest.macros[id];
      if (prev) {
        project.problems.push({ code: 'duplicate-macro', severity: 'error', ...macro.place, message: `Macro '${name}' is defined twice: ${prev.original_file_path} and ${f.rel}.`, hint: 'Rename or delete one of them.', related: [{ ...prev.place, message: 'first definition' }] });
        continue;
      }
      project.manifest.macros[id] = macro;
    }
  }
}

const DOC_CALL = /\{\{\s*doc\(\s*(['"])([^'"]+)\1\s*\)\s*\}\}/g;

/** Descriptions may be `{{ doc('name') }}`: resolved from `{% docs %}` blocks. */
function resolveDocRefs(project: Project): void {
  const { manifest, problems } = project;
  const resolveText = (text: string, place: { file: string; line: number; column: number }): string =>
    text.includes('doc(')
      ? text.replace(DOC_CALL, (_m, _q, name: string) => {
          const d = manifest.docs[`doc.${project.config.name}.${name}`];
          if (d) return d.block_contents;
          problems.push({ code: 'unknown-doc', severity: 'error', ...place, message: `doc('${name}') refers to a docs block that does not exist.`, hint: `Define {% docs ${name} %}…{% enddocs %} in a .md file under models/.` });
          return '';
        })
      : text;
  for (const n of Object.values(manifest.nodes)) {
    const place = n.patch_place ?? { file: n.abs_path, line: 1, column: 1 };
    n.description = resolveText(n.description, place);
    for (const c of Object.values(n.columns)) c.description = resolveText(c.description, c.place ?? place);
  }
  for (const s of Object.values(manifest.sources)) {
    s.description = resolveText(s.description, s.place);
    s.source_description = resolveText(s.source_description, s.place);
    for (const c of Object.values(s.columns)) c.description = resolveText(c.description, c.place ?? s.place);
  }
}
