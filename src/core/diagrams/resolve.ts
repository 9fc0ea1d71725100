/**
 * Finding the node a user means: the panel passes unique_ids or the active editor's file, the
 * CLI passes whatever the user typed. A miss says what was close.
 */
import { closestNames } from '../problems';
import type { Manifest } from '../project/types';

export class UnknownNodeError extends Error {
  constructor(readonly ref: string, readonly suggestions: string[]) {
    super(`No model, seed, snapshot or source named '${ref}'${suggestions.length ? `. Did you mean ${suggestions.map((s) => `'${s}'`).join(', ')}?` : '.'}`);
    this.name = 'UnknownNodeError';
  }
}

// When a seed and a model share a name (a project error dbt also rejects), the model wins.
const NAME_PRIORITY: Record<string, number> = { model: 0, snapshot: 1, seed: 2, analysis: 3, test: 4 };

/** unique_id, node name, `source_name.table_name`, or project-relative / absolute file path → unique_id. */
export function resolveNodeRef(manifest: Manifest, ref: string): string {
  const want = ref.trim();
  if (manifest.nodes[want] || manifest.sources[want]) return want;

  const byName = Object.values(manifest.nodes)
    .filter((n) => n.name === want && n.resource_type !== 'test')
    .sort((a, b) => (NAME_PRIORITY[a.resource_type] ?? 9) - (NAME_PRIORITY[b.resource_type] ?? 9));
  if (byName.length) return byName[0].unique_id;

  const source = Object.values(manifest.sources).find((s) => `${s.source_name}.${s.name}` === want);
  if (source) return source.unique_id;

  const byFile = Object.values(manifest.nodes).find(
    (n) => n.resource_type !== 'test' && (n.original_file_path === want || n.abs_path === want),
  );
  if (byFile) return byFile.unique_id;

  const names = [
    ...Object.values(manifest.nodes).filter((n) => n.resource_type !== 'test').map((n) => n.name),
    ...Object.values(manifest.sources).map((s) => `${s.source_name}.${s.name}`),
  ];
  throw new UnknownNodeError(want, closestNames(want, names));
}
