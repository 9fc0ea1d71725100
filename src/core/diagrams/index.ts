/**
 * Lineage and ER diagrams as Mermaid text (and the same content as data), for the CLI's
 * `lineage`/`erd` commands and the VS Code panels.
 */
import type { Manifest } from '../project/types';
import { buildEr } from './er';
import type { ErInput, ErOptions } from './er';
import type { ErModel } from './erModel';
import { renderErMermaid } from './erRender';
import { buildLineage, type Lineage, type LineageOptions } from './lineage';
import { renderLineageJson, renderLineageMermaid, type LineageJson } from './lineageRender';

export type { Catalog, CatalogColumn } from './catalog';
export { readCatalog, catalogKey } from './catalog';
export type { ErInput, ErOptions } from './er';
export type {
  DatasetForeignKey,
  DatasetRelation,
  ErCardinality,
  ErColumn,
  ErEntity,
  ErEntityKind,
  ErKey,
  ErModel,
  ErRelationship,
} from './erModel';
export type { GroupBy } from './groups';
export type { Lineage, LineageGroup, LineageNode, LineageNodeType, LineageOptions, NodeStatus } from './lineage';
export type { LineageJson } from './lineageRender';
export { UnknownNodeError, resolveNodeRef } from './resolve';
export { buildLineage, buildEr, renderLineageMermaid, renderLineageJson, renderErMermaid };

export interface LineageDiagram extends Lineage {
  text: string;
}

/** `flowchart LR` of the project, a selection, or a focus node with depth. */
export function lineageMermaid(manifest: Manifest, opts: LineageOptions = {}): LineageDiagram {
  const lineage = buildLineage(manifest, opts);
  return { ...lineage, text: renderLineageMermaid(lineage) };
}

/** The same picture as `lineageMermaid`, as data (edges by unique_id). */
export function lineageJson(manifest: Manifest, opts: LineageOptions = {}): LineageJson {
  return renderLineageJson(buildLineage(manifest, opts));
}

export interface ErDiagram extends ErModel {
  text: string;
}

/** `erDiagram` of models, seeds, snapshots, sources and generated raw tables, with keys. */
export function erMermaid(input: ErInput, opts: ErOptions = {}): ErDiagram {
  const model = buildEr(input, opts);
  return { ...model, text: renderErMermaid(model) };
}
