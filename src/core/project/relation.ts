/** Where a node lands in DuckDB: dbt's default generate_schema_name / alias / database rules. */
import type { ManifestNode, Target } from './types';

export function quoteIdent(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}

export function relationName(database: string, schema: string, identifier: string): string {
  return `${quoteIdent(database)}.${quoteIdent(schema)}.${quoteIdent(identifier)}`;
}

/** dbt's built-in `generate_schema_name`: a custom schema is appended to the target schema. */
export function defaultSchemaName(customSchema: string | undefined, target: Target): string {
  const c = customSchema?.trim();
  return c ? `${target.schema}_${c}` : target.schema;
}

/** Applies schema/alias/database from config (unless a project macro decides the schema). */
export function placeNode(node: ManifestNode, target: Target, schemaOverride?: string): void {
  const cfg = node.config;
  node.database = typeof cfg.database === 'string' && cfg.database ? cfg.database : target.database;
  node.schema = schemaOverride ?? defaultSchemaName(typeof cfg.schema === 'string' ? cfg.schema : undefined, target);
  node.alias = typeof cfg.alias === 'string' && cfg.alias ? cfg.alias : node.name;
  node.relation_name =
    node.resource_type === 'analysis' || cfg.materialized === 'ephemeral' || node.resource_type === 'test'
      ? null
      : relationName(node.database, node.schema, node.alias);
}
