/**
 * `lineage [--select …] [--focus m --upstream 2 --downstream 1] [--tests] [--format mermaid|json]`:
 * writes the lineage diagram (default `target/lineage.mmd`) and prints it, so it can be piped
 * into a Markdown file or a Mermaid renderer. The summary goes to stderr to keep stdout clean.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { lineageJson, lineageMermaid, UnknownNodeError, type GroupBy } from '../../core/diagrams';
import { UsageError } from '../args';
import type { CliCommand, CliIO, ParsedArgs } from '../command';
import { openEngine, PROJECT_OPTIONS, SELECT_OPTIONS, selection } from '../projectOptions';

export const lineageCommand: CliCommand = {
  name: 'lineage',
  summary: 'Write the lineage diagram as Mermaid (target/lineage.mmd) and print it',
  options: [
    ...PROJECT_OPTIONS,
    ...SELECT_OPTIONS,
    { name: 'focus', alias: 'f', type: 'string', description: 'Centre on one model, seed, snapshot or source (name, source.table or unique_id)' },
    { name: 'upstream', type: 'string', description: 'Parent levels shown around --focus (default: all)' },
    { name: 'downstream', type: 'string', description: 'Child levels shown around --focus (default: all)' },
    { name: 'tests', type: 'boolean', description: 'Show data tests, hung off the nodes they test' },
    { name: 'group-by', type: 'string', description: 'Subgraphs by layer (default), folder, or none' },
    { name: 'format', type: 'string', description: 'mermaid (default) or json' },
    { name: 'out', alias: 'o', type: 'string', description: 'File to write (default target/lineage.mmd, or target/lineage.json)' },
  ],
  // eslint-disable-next-line @typescript-eslint/require-await
  async run(args, io) {
    const format = stringOption(args, 'format') ?? (io.json ? 'json' : 'mermaid');
    if (format !== 'mermaid' && format !== 'json') throw new UsageError(`--format must be mermaid or json, not '${format}'.`);
    const groupBy = stringOption(args, 'group-by') ?? 'layer';
    if (!isGroupBy(groupBy)) throw new UsageError(`--group-by must be layer, folder or none, not '${groupBy}'.`);
    const baseOpts = {
      ...selection(args),
      focus: stringOption(args, 'focus') ?? args.positionals[0],
      upstream: depthOption(args, 'upstream'),
      downstream: depthOption(args, 'downstream'),
      showTests: args.options.tests === true,
      groupBy,
    };

    const engine = openEngine(args, io);
    if (!engine) return 1;
    const opts = { ...baseOpts, graph: engine.graph };
    try {
      const defaultFile = join(engine.targetDir, format === 'json' ? 'lineage.json' : 'lineage.mmd');
      if (format === 'json') {
        const doc = lineageJson(engine.manifest, opts);
        const file = writeDiagram(io, args, defaultFile, JSON.stringify(doc, null, 2) + '\n');
        io.out(JSON.stringify({ file, ...doc }, null, 2));
        io.err(`Wrote ${relative(io.cwd, file) || file}: ${doc.nodes.length} nodes, ${doc.edges.length} edges.`);
        return 0;
      }
      const d = lineageMermaid(engine.manifest, opts);
      for (const w of d.warnings) io.err(`warning: ${w.message}`);
      const file = writeDiagram(io, args, defaultFile, d.text);
      io.out(d.text.trimEnd());
      io.err(`Wrote ${relative(io.cwd, file) || file}: ${d.nodes.length} nodes, ${d.edges.length} edges.`);
      return 0;
    } catch (e) {
      if (e instanceof UnknownNodeError) {
        io.err(e.message);
        return 2;
      }
      throw e;
    } finally {
      engine.close();
    }
  },
};

function isGroupBy(s: string): s is GroupBy {
  return s === 'layer' || s === 'folder' || s === 'none';
}

export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const v = args.options[name];
  return typeof v === 'string' ? v : undefined;
}

function depthOption(args: ParsedArgs, name: string): number | undefined {
  const v = stringOption(args, name);
  if (v === undefined || v === 'all') return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--${name} must be a whole number of levels (or 'all'), not '${v}'.`);
  return n;
}

/** Writes to `--out` (relative to where the command was started) or the default file; returns the path. */
export function writeDiagram(io: CliIO, args: ParsedArgs, defaultFile: string, text: string): string {
  const out = stringOption(args, 'out');
  const file = out === undefined ? defaultFile : isAbsolute(out) ? out : resolve(io.cwd, out);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}
