/** Requests that look at a project without building it: compiled SQL, previews, diagrams. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Engine } from '../../core/engine';
import { erMermaid, lineageMermaid, readCatalog, type NodeStatus } from '../../core/diagrams';
import { quoteIdent } from '../../core/run';
import type { CompiledOutcome, DiagramOutcome, DiagramParams, Outcome, PreviewOutcome, PreviewParams } from '../../protocol';
import { browse } from '../browse';
import { toCell } from '../cells';
import { targetSqlPath } from '../results';
import type { ProjectSession } from '../session';
import { failure, SessionError } from '../sessionError';
import type { Workspace } from '../workspace';
import { nodeOfFile } from './run';

function sessionOrThrow(ws: Workspace, file: string): ProjectSession {
  const s = ws.sessionFor(file);
  if (!s) throw new SessionError('not-found', 'This file is not inside a dbt project (no dbt_project.yml above it).');
  return s;
}

export async function handleCompiled(ws: Workspace, file: string): Promise<CompiledOutcome> {
  try {
    const session = sessionOrThrow(ws, file);
    return await session.exclusive(() => {
      const engine = session.current();
      const node = nodeOfFile(engine, file);
      if (!node) throw new SessionError('not-found', 'This file defines no model, analysis, snapshot or test to compile.');
      const compiledPath = targetSqlPath(engine.project, node, 'compiled');
      // Restricted Mode renders but writes nothing to target/.
      const sql = session.trusted ? engine.compile(node).sql : engine.compiler.compile(node).sql;
      return Promise.resolve({ ok: true as const, sql, nodeName: node.name, compiledPath: session.trusted ? compiledPath : undefined });
    });
  } catch (e) {
    return failure(e);
  }
}

export async function handlePreview(ws: Workspace, p: PreviewParams): Promise<PreviewOutcome> {
  const session = p.source === 'file' ? ws.sessionFor(p.file) : ws.session(p.projectRoot);
  if (!session) return { ok: false, kind: 'not-found', message: 'This file is not inside a dbt project (no dbt_project.yml above it).' };
  const limit = Math.max(1, Math.floor(p.limit ?? session.settings.previewRowLimit));
  return session.exclusive(async () => {
    try {
      const engine = session.current();
      const { sql, title } = previewSql(engine, p);
      // While another process holds the file, a preview reads a copy as of its last checkpoint and says so in the title.
      return await browse(session, engine, async (wh, note) => {
        const t0 = performance.now();
        const { columns, rows } = await wh.queryWithColumns(`select * from (\n${sql}\n) as preview limit ${limit}`);
        const elapsedMs = Math.round(performance.now() - t0);
        let rowCount = rows.length;
        if (rows.length >= limit) {
          const counted = await wh.query(`select count(*) as n from (\n${sql}\n) as preview`);
          rowCount = Number(counted[0]?.n ?? rows.length);
        }
        return { ok: true as const, data: { title: note ? `${title} (${note})` : title, columns, rows: rows.map((r) => r.map(toCell)), rowCount, elapsedMs, limit } };
      });
    } catch (e) {
      return failure(e, session.root);
    }
  });
}

function previewSql(engine: Engine, p: PreviewParams): { sql: string; title: string } {
  if (p.source === 'sql') return { sql: engine.compileInline(p.sql).sql, title: 'Query' };
  const node = nodeOfFile(engine, p.file);
  if (!node || node.resource_type === 'test') throw new SessionError('not-found', 'Preview needs a model, seed, snapshot or analysis file.');
  if (node.resource_type === 'seed' || node.resource_type === 'snapshot') {
    return { sql: `select * from ${quoteIdent(node.database)}.${quoteIdent(node.schema)}.${quoteIdent(node.alias)}`, title: node.name };
  }
  return { sql: engine.compile(node).sql, title: node.name };
}

export async function handleDiagram(ws: Workspace, p: DiagramParams): Promise<DiagramOutcome> {
  const session = ws.session(p.projectRoot) ?? (p.focusFile ? ws.sessionFor(p.focusFile) : undefined);
  if (!session) return { ok: false, kind: 'not-found', message: 'No dbt project is open.' };
  return session.exclusive(async () => {
    try {
      const engine = session.current();
      const focus = p.focusFile ? nodeOfFile(engine, p.focusFile) : undefined;
      if (p.kind === 'lineage') {
        const status: Record<string, NodeStatus> = {};
        for (const n of session.info().nodes) if (n.last) status[n.uniqueId] = n.last.status === 'warn' ? 'warn' : n.last.status === 'error' || n.last.status === 'fail' ? 'fail' : 'ok';
        const d = lineageMermaid(engine.manifest, { focus: focus?.unique_id, status });
        return { ok: true, title: `Lineage of ${focus?.name ?? engine.project.config.name}`, mermaid: d.text };
      }
      // The catalog has the real column types once the models are built; YAML is the fallback.
      const catalog = session.trusted ? await browse(session, engine, (wh) => readCatalog(wh)).catch(() => undefined) : undefined;
      const d = erMermaid({ manifest: engine.manifest, catalog, testDefinitions: engine.project.testDefinitions });
      return { ok: true, title: `ER diagram of ${engine.project.config.name}`, mermaid: d.text };
    } catch (e) {
      return failure(e, session.root);
    }
  });
}

export function qualityReport(ws: Workspace, projectRoot: string): Outcome<{ path: string }> {
  const session = ws.session(projectRoot);
  const engine = session?.loadedEngine;
  if (!engine) return { ok: false, kind: 'not-found', message: 'No dbt project is loaded.' };
  const path = join(engine.targetDir, 'quality_report.md');
  if (!existsSync(path)) return { ok: false, kind: 'not-found', message: 'No quality report yet: it is written by a run that includes data tests (Model Studio: Build Project).' };
  return { ok: true, path };
}
