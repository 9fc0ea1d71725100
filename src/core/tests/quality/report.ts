/**
 * The quality report of one run: which tables the run touched, their profiles, the test results
 * as facts, the scores, written to target/quality_report.json and .md, and a summary for the
 * `quality` block of run_results.json.
 */
import { join } from 'node:path';
import { writeFileAtomic } from '../../fsAtomic';
import type { Manifest, ManifestNode, Project } from '../../project';
import type { NodeResult, Warehouse } from '../../run';
import { dimensionOf, isTableLevel, type Dimension } from './dimensions';
import { qualityMarkdown } from './markdown';
import { profileRelation, type RelationAddress, type TableProfile } from './profile';
import { scoreTables, type TableInput, type TableQuality, type TestFact } from './score';

export interface QualityReport {
  project: string;
  generated_at: string;
  invocation_id: string;
  score: number | null;
  dimensions: Record<Dimension, number | null>;
  tables: TableQuality[];
}

export interface QualitySummary {
  score: number | null;
  dimensions: Record<Dimension, number | null>;
  tables: Array<{ unique_id: string; name: string; score: number | null; dimensions: Record<Dimension, number | null> }>;
  report: { json: string; markdown: string };
}

/** Builds the report for a run that executed tests; undefined when it ran none. */
export async function buildQualityReport(project: Project, wh: Warehouse, results: NodeResult[]): Promise<QualityReport | undefined> {
  const { manifest } = project;
  const testResults = results.filter((r) => manifest.nodes[r.unique_id]?.resource_type === 'test');
  if (testResults.length === 0) return undefined;
  const tableIds: string[] = [];
  const addTable = (id: string | undefined) => id && !tableIds.includes(id) && address(manifest, id) && tableIds.push(id);
  for (const r of results) {
    const n = manifest.nodes[r.unique_id];
    if (!n) continue;
    if (n.resource_type === 'test') addTable(testedTable(n));
    else if (r.status === 'success' && n.relation_name) addTable(n.unique_id);
  }
  const tables: TableInput[] = [];
  for (const id of tableIds) {
    const addr = address(manifest, id);
    if (!addr) continue;
    let profile: TableProfile | undefined;
    try {
      profile = await profileRelation(wh, addr);
    } catch {
      profile = undefined; // a table that cannot be read is reported without a profile
    }
    tables.push({ uniqueId: id, name: displayName(manifest, id), relation: `${addr.database}.${addr.schema}.${addr.identifier}`, profile });
  }
  const facts = testResults.flatMap((r) => {
    const n = manifest.nodes[r.unique_id];
    const tableId = testedTable(n);
    return tableId ? [testFact(n, r, tableId)] : [];
  });
  const scores = scoreTables(tables, facts);
  return { project: project.config.name, generated_at: new Date().toISOString(), invocation_id: manifest.metadata.invocation_id, ...scores };
}

export function writeQualityReport(project: Project, report: QualityReport): { json: string; markdown: string } {
  const dir = join(project.root, project.config.targetPath);
  const json = join(dir, 'quality_report.json');
  const markdown = join(dir, 'quality_report.md');
  writeFileAtomic(json, JSON.stringify(report, null, 2));
  writeFileAtomic(markdown, qualityMarkdown(report));
  return { json, markdown };
}

export function qualitySummary(report: QualityReport, paths: { json: string; markdown: string }, root: string): QualitySummary {
  const rel = (p: string) => (p.startsWith(root + '/') ? p.slice(root.length + 1) : p);
  return {
    score: report.score,
    dimensions: report.dimensions,
    tables: report.tables.map((t) => ({ unique_id: t.unique_id, name: t.name, score: t.score, dimensions: t.dimensions })),
    report: { json: rel(paths.json), markdown: rel(paths.markdown) },
  };
}

/** The table a test speaks about: what it is attached to, else (singular tests) the first thing it refs. */
export function testedTable(n: ManifestNode): string | undefined {
  return n.test?.attached_node ?? n.depends_on.nodes[0];
}

function testFact(n: ManifestNode, r: NodeResult, tableId: string): TestFact {
  const failingRows = typeof r.failing_rows === 'number' ? r.failing_rows : (r.failures ?? 0);
  const loc = r.location as TestFact['location'];
  return {
    uniqueId: n.unique_id,
    name: n.name,
    tableId,
    dimension: dimensionOf(n),
    column: n.test?.column_name,
    status: r.status,
    failures: r.failures,
    failingRows,
    tableLevel: isTableLevel(n),
    severity: String(n.config.severity ?? 'ERROR').toLowerCase(),
    message: r.message,
    location: loc,
  };
}

function address(manifest: Manifest, id: string): RelationAddress | undefined {
  const s = manifest.sources[id];
  if (s) return { database: s.database, schema: s.schema, identifier: s.identifier };
  const n = manifest.nodes[id];
  if (!n || !n.relation_name || n.resource_type === 'test') return undefined;
  return { database: n.database, schema: n.schema, identifier: n.alias };
}

function displayName(manifest: Manifest, id: string): string {
  const s = manifest.sources[id];
  return s ? `${s.source_name}.${s.name}` : (manifest.nodes[id]?.name ?? id);
}
