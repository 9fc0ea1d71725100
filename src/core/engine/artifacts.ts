/** target/ artifacts in dbt's shapes: manifest.json, run_results.json, compiled/ and run/ SQL. */
import { join } from 'node:path';
import { writeFileAtomic } from '../fsAtomic';
import type { Manifest, ManifestNode, Project } from '../project';
import type { RunResults } from '../run';

export function targetDir(project: Project): string {
  return join(project.root, project.config.targetPath);
}

export function writeManifest(project: Project, manifest: Manifest): string {
  const path = join(targetDir(project), 'manifest.json');
  const nodes: Record<string, unknown> = {};
  for (const [id, n] of Object.entries(manifest.nodes)) {
    const { abs_path: _abs, patch_place: _pp, ...rest } = n;
    nodes[id] = rest;
  }
  const sources: Record<string, unknown> = {};
  for (const [id, s] of Object.entries(manifest.sources)) {
    const { abs_path: _abs, place: _p, ...rest } = s;
    sources[id] = rest;
  }
  const macros: Record<string, unknown> = {};
  for (const [id, m] of Object.entries(manifest.macros)) {
    const { abs_path: _abs, place: _p, ...rest } = m;
    macros[id] = rest;
  }
  const docs: Record<string, unknown> = {};
  for (const [id, d] of Object.entries(manifest.docs)) {
    const { abs_path: _abs, place: _p, ...rest } = d;
    docs[id] = rest;
  }
  writeFileAtomic(path, JSON.stringify({ ...manifest, nodes, sources, macros, docs }, null, 2));
  return path;
}

export function writeRunResults(project: Project, results: RunResults): string {
  const path = join(targetDir(project), 'run_results.json');
  writeFileAtomic(path, JSON.stringify(results, null, 2));
  return path;
}

/** dbt's write path: generic tests share their YAML file, so each is written as `<yaml path>/<test>.sql`. */
export function targetWritePath(node: Pick<ManifestNode, 'original_file_path' | 'path' | 'test'>): string {
  return node.test?.kind === 'generic' ? join(node.original_file_path, node.path) : node.original_file_path;
}

export function writeCompiledSql(project: Project, originalFilePath: string, sql: string, kind: 'compiled' | 'run'): string {
  const path = join(targetDir(project), kind, project.config.name, originalFilePath);
  writeFileAtomic(path, sql);
  return path;
}
