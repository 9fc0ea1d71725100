/** `compile`: render selected nodes to SQL under target/compiled/ and write the manifest. */
import { formatProblem, ProblemError } from '../../core/problems';
import type { CliCommand } from '../command';
import { openEngine, PROJECT_OPTIONS, SELECT_OPTIONS, selection, printProblems } from '../projectOptions';

export const compileCommand: CliCommand = {
  name: 'compile',
  summary: 'Render models to SQL in target/compiled/ (nothing runs)',
  options: [...PROJECT_OPTIONS, ...SELECT_OPTIONS, { name: 'print', type: 'boolean', description: 'Print the compiled SQL of each node' }],
  // eslint-disable-next-line @typescript-eslint/require-await
  async run(args, io) {
    const engine = openEngine(args, io);
    if (!engine) return 1;
    try {
      const { ids, warnings } = engine.select('compile', selection(args));
      printProblems(io, warnings, engine.project.root);
      let errors = 0;
      const out: Array<{ unique_id: string; compiled_code?: string; problems?: unknown }> = [];
      for (const id of ids) {
        const node = engine.manifest.nodes[id];
        try {
          const c = engine.compile(node);
          out.push({ unique_id: id, compiled_code: c.sql });
          if (!io.json && args.options.print) io.out(`-- ${node.original_file_path}\n${c.sql}\n`);
        } catch (e) {
          if (!(e instanceof ProblemError)) throw e;
          errors++;
          out.push({ unique_id: id, problems: e.problems });
          if (!io.json) for (const p of e.problems) io.err(formatProblem(p, engine.project.root));
        }
      }
      const manifestPath = engine.writeManifest();
      if (io.json) io.out(JSON.stringify({ nodes: out, manifest: manifestPath }, null, 2));
      else io.out(`Compiled ${ids.length - errors} of ${ids.length} nodes into ${engine.targetDir}/compiled; wrote ${manifestPath}.`);
      return errors ? 1 : 0;
    } finally {
      engine.close();
    }
  },
};
