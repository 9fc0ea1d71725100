/** `show --select m --limit 10`: preview a model's rows as a table (or an inline query with --inline). */
import { ProblemError, formatProblem } from '../../core/problems';
import type { CliCommand } from '../command';
import { openEngine, PROJECT_OPTIONS, SELECT_OPTIONS } from '../projectOptions';
import { formatTable } from '../table';

export const showCommand: CliCommand = {
  name: 'show',
  summary: 'Preview the rows of a model (compiled and run as a query, nothing is built)',
  options: [
    ...PROJECT_OPTIONS,
    ...SELECT_OPTIONS,
    { name: 'inline', type: 'string', description: 'A SQL query (Jinja allowed) to preview instead of a model' },
    { name: 'limit', type: 'string', description: 'Rows to show (default 5)' },
  ],
  async run(args, io) {
    const engine = openEngine(args, io);
    if (!engine) return 1;
    try {
      const limit = Number(args.options.limit ?? 5);
      const sel = args.options.select as string[] | undefined;
      let sql: string;
      let label: string;
      if (typeof args.options.inline === 'string') {
        sql = engine.compileInline(args.options.inline).sql;
        label = 'inline query';
      } else {
        const name = sel?.[0];
        const node = name ? engine.nodeByName(name) : undefined;
        if (!node) {
          io.err(name ? `No model, seed or snapshot named '${name}'.` : 'Give a model with --select NAME, or a query with --inline.');
          return 2;
        }
        sql = node.resource_type === 'seed' ? `select * from ${node.relation_name}` : engine.compile(node).sql;
        label = node.name;
      }
      const wh = await engine.warehouse();
      const { columns, rows } = await wh.queryWithColumns(`select * from (\n${sql}\n) as preview limit ${Number.isFinite(limit) ? Math.max(0, Math.floor(limit)) : 5}`);
      if (io.json) io.out(JSON.stringify({ node: label, columns, rows: rows.map((r) => r.map((v) => (typeof v === 'bigint' ? Number(v) : v === null ? null : typeof v === 'object' ? String(v) : v))) }, null, 2));
      else {
        io.out(`Previewing ${label}:`);
        io.out(formatTable(columns.map((c) => c.name), rows));
      }
      return 0;
    } catch (e) {
      if (e instanceof ProblemError) {
        for (const p of e.problems) io.err(formatProblem(p, engine.project.root));
        return 1;
      }
      io.err(e instanceof Error ? e.message : String(e));
      return 1;
    } finally {
      engine.close();
    }
  },
};
