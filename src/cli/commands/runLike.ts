/** `run`, `seed`, `build`, `test`, `snapshot`: select nodes, execute them, print progress and a summary. */
import type { CommandKind } from '../../core/engine';
import type { CliCommand } from '../command';
import { openEngine, PROJECT_OPTIONS, SELECT_OPTIONS, selection, printProblems } from '../projectOptions';
import { printSummary, resultLine, tally } from '../progress';

const SUMMARIES: Partial<Record<CommandKind, string>> = {
  run: 'Build the selected models into the DuckDB file',
  seed: 'Load the CSV seeds into tables',
  build: 'Seeds, models, snapshots and tests, in DAG order',
  test: 'Run the data tests',
  snapshot: 'Run the snapshots',
};

export function runLikeCommand(kind: CommandKind): CliCommand {
  return {
    name: kind,
    summary: SUMMARIES[kind] ?? kind,
    options: [...PROJECT_OPTIONS, ...SELECT_OPTIONS, { name: 'full-refresh', type: 'boolean', description: 'Rebuild incremental models and seeds from scratch' }],
    async run(args, io) {
      const engine = openEngine(args, io);
      if (!engine) return 1;
      // Ctrl-C interrupts the running statement (its transaction rolls back, the old table stays) and skips the rest.
      const cancel = new AbortController();
      const onSigint = () => {
        // A second Ctrl-C quits at once: DuckDB's write-ahead log keeps the file consistent anyway.
        if (cancel.signal.aborted) process.exit(130);
        cancel.abort();
        io.err('Cancelling: interrupting the running query (Ctrl-C again to quit at once)…');
      };
      process.on('SIGINT', onSigint);
      try {
        const { ids, warnings } = engine.select(kind, selection(args));
        printProblems(io, warnings, engine.project.root);
        if (!io.json) {
          io.out(`Running with model-studio on ${engine.project.target.path} (target ${engine.project.target.name})`);
          io.out(`Found ${countsLine(engine.manifest.nodes, engine.manifest.sources)}`);
          io.out('');
        }
        if (ids.length === 0) {
          if (!io.json) io.out('Nothing to do: the selection matched no nodes.');
          else io.out(JSON.stringify({ results: [] }));
          return 0;
        }
        const rr = await engine.execute(ids, { signal: cancel.signal, onResult: (node, r, i, n) => !io.json && io.out(resultLine(node, r, i, n)) }, { which: kind, select: args.options.select, exclude: args.options.exclude });
        engine.writeManifest();
        const cancelled = cancel.signal.aborted ? 130 : undefined;
        if (io.json) {
          io.out(JSON.stringify(rr, null, 2));
          const t = tally(rr.results);
          return cancelled ?? (t.error ? 1 : 0);
        }
        const t = printSummary(io, rr, engine.project.root);
        if (cancelled) io.err('Cancelled: the interrupted node kept its previous table or view; nodes after it did not run.');
        return cancelled ?? (t.error ? 1 : 0);
      } finally {
        process.removeListener('SIGINT', onSigint);
        engine.close();
      }
    },
  };
}

export function countsLine(nodes: Record<string, { resource_type: string }>, sources: Record<string, unknown>): string {
  const counts: Record<string, number> = {};
  for (const n of Object.values(nodes)) counts[n.resource_type] = (counts[n.resource_type] ?? 0) + 1;
  const parts = [
    [counts.model, 'model'],
    [counts.seed, 'seed'],
    [counts.snapshot, 'snapshot'],
    [counts.test, 'data test'],
    [counts.analysis, 'analysis'],
    [Object.keys(sources).length, 'source'],
  ]
    .filter(([n]) => n)
    .map(([n, w]) => `${n} ${w}${n === 1 ? '' : w === 'analysis' ? '' : 's'}`.replace('analysiss', 'analyses'));
  return parts.join(', ') || 'nothing';
}
