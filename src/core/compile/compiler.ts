/**
 * Compiles nodes to SQL: renders in compile mode, injects ephemeral CTEs (recursively, each
 * once, dependencies first), and keeps a line map so DuckDB errors point at the model source.
 */
import type { JinjaEnvironment } from '../jinja';
import type { ManifestNode } from '../project';
import { buildContext, newCapture, type ContextHost } from './context';
import { injectCtes, type CteDef } from './ephemeral';

export interface CompiledNode {
  uniqueId: string;
  sql: string;
  /** lineMap[i] = 1-based line in the node's source file for compiled line i+1 (0: generated). */
  lineMap: number[];
  /** In-file config() seen while compiling (is_incremental branches can differ from parse). */
  config: Record<string, unknown>;
  ephemerals: string[];
  logs: string[];
}

export class Compiler {
  private readonly cache = new Map<string, CompiledNode>();

  constructor(
    private readonly host: ContextHost,
    private readonly env: JinjaEnvironment,
  ) {}

  /** Forget compiled SQL (after an edit, or before a run where is_incremental may have changed). */
  invalidate(ids?: Iterable<string>): void {
    if (!ids) return this.cache.clear();
    for (const id of ids) this.cache.delete(id);
  }

  compile(node: ManifestNode): CompiledNode {
    const hit = this.cache.get(node.unique_id);
    if (hit) return hit;
    const capture = newCapture();
    const ctx = buildContext(this.host, node, 'compile', capture);
    const rendered = this.env.renderWithLineMap(node.raw_code, ctx, { file: node.abs_path });
    const ctes = this.cteDefs(capture.ephemerals, new Set([node.unique_id]));
    const injected = injectCtes(rendered.output, rendered.lineMap, ctes);
    const out: CompiledNode = {
      uniqueId: node.unique_id,
      sql: injected.sql,
      lineMap: injected.lineMap,
      config: capture.config,
      ephemerals: ctes.map((c) => c.name),
      logs: capture.logs,
    };
    this.cache.set(node.unique_id, out);
    return out;
  }

  /** A pre- or post-hook rendered in its node's context when it runs, as dbt renders hooks. */
  renderHook(node: ManifestNode, sql: string): string {
    return this.env.render(sql, buildContext(this.host, node, 'compile', newCapture()), { file: node.abs_path });
  }

  /** CTEs for the ephemeral models a node uses, with the ephemerals' own ephemerals before them. */
  private cteDefs(ids: string[], visiting: Set<string>): CteDef[] {
    const out: CteDef[] = [];
    const seen = new Set<string>();
    const visit = (id: string) => {
      if (seen.has(id) || visiting.has(id)) return;
      seen.add(id);
      const eph = this.host.project.manifest.nodes[id];
      if (!eph) return;
      const capture = newCapture();
      const ctx = buildContext(this.host, eph, 'compile', capture);
      const sql = this.env.render(eph.raw_code, ctx, { file: eph.abs_path });
      for (const inner of capture.ephemerals) visit(inner);
      out.push({ name: `__dbt__cte__${eph.name}`, sql });
    };
    for (const id of ids) visit(id);
    return out;
  }
}
