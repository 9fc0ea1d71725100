/**
 * `erd [--select …] [--format mermaid|json]`: writes the ER diagram (default `target/erd.mmd`)
 * and prints it. Column types come from the warehouse when it has been built, else from YAML.
 */
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { erMermaid, readCatalog, type Catalog } from '../../core/diagrams';
import type { Engine } from '../../core/engine';
import { Warehouse } from '../../core/run';
import { UsageError } from '../args';
import type { CliCommand, CliIO } from '../command';
import { openEngine, PROJECT_OPTIONS, SELECT_OPTIONS, selection } from '../projectOptions';
import { stringOption, writeDiagram } from './lineage';

export const erdCommand: CliCommand = {
  name: 'erd',
  summary: 'Write the ER diagram as Mermaid (target/erd.mmd) and print it',
  options: [
    ...PROJECT_OPTIONS,
    ...SELECT_OPTIONS,
    { name: 'format', type: 'string', description: 'mermaid (default) or json' },
    { name: 'out', alias: 'o', type: 'string', description: 'File to write (default target/erd.mmd, or target/erd.json)' },
  ],
  async run(args, io) {
    const format = stringOption(args, 'format') ?? (io.json ? 'json' : 'mermaid');
    if (format !== 'mermaid' && format !== 'json') throw new UsageError(`--format must be mermaid or json, not '${format}'.`);
    const engine = openEngine(args, io);
    if (!engine) return 1;
    try {
      const catalog = await catalogIfBuilt(engine, io);
      const d = erMermaid({ manifest: engine.manifest, catalog, testDefinitions: engine.project.testDefinitions }, { ...selection(args), graph: engine.graph });
      const summary = `${d.entities.length} tables, ${d.relationships.length} relationships`;
      if (format === 'json') {
        const doc = { kind: 'er' as const, entities: d.entities, relationships: d.relationships, text: d.text };
        const file = writeDiagram(io, args, join(engine.targetDir, 'erd.json'), JSON.stringify(doc, null, 2) + '\n');
        io.out(JSON.stringify({ file, ...doc }, null, 2));
        io.err(`Wrote ${relative(io.cwd, file) || file}: ${summary}.`);
        return 0;
      }
      const file = writeDiagram(io, args, join(engine.targetDir, 'erd.mmd'), d.text);
      io.out(d.text.trimEnd());
      io.err(`Wrote ${relative(io.cwd, file) || file}: ${summary}${catalog ? '' : ' (columns from YAML)'}.`);
      return 0;
    } finally {
      engine.close();
    }
  },
};

/**
 * Columns as DuckDB has them, read-only so a running editor's writes are not disturbed. No
 * database yet (or one held by another writer) means YAML columns, not a failure.
 */
async function catalogIfBuilt(engine: Engine, io: CliIO): Promise<Catalog | undefined> {
  const t = engine.project.target;
  if (t.path === ':memory:' || !existsSync(t.path)) return undefined;
  let wh: Warehouse | undefined;
  try {
    wh = await Warehouse.open({ path: t.path, projectRoot: engine.project.root, targetDir: engine.targetDir, readOnly: true });
    return await readCatalog(wh);
  } catch (e) {
    io.err(`warning: could not read the database's columns (${e instanceof Error ? e.message.split('\n')[0] : String(e)}); using YAML.`);
    return undefined;
  } finally {
    wh?.close();
  }
}
