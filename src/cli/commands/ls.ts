/** `ls`: list selected resources (name, unique id, or JSON), like `dbt ls`. */
import type { CliCommand } from '../command';
import { openEngine, PROJECT_OPTIONS, SELECT_OPTIONS, selection } from '../projectOptions';

export const lsCommand: CliCommand = {
  name: 'ls',
  summary: 'List the selected resources',
  options: [
    ...PROJECT_OPTIONS,
    ...SELECT_OPTIONS,
    { name: 'resource-type', type: 'list', description: 'model, seed, snapshot, test, analysis, source' },
    { name: 'output', alias: 'o', type: 'string', description: 'selector (default), name, path or json' },
  ],
  // eslint-disable-next-line @typescript-eslint/require-await
  async run(args, io) {
    const engine = openEngine(args, io);
    if (!engine) return 1;
    try {
      const { ids } = engine.select('ls', selection(args));
      const types = args.options['resource-type'] as string[] | undefined;
      const rows = ids
        .map((id) => engine.manifest.nodes[id] ?? engine.manifest.sources[id])
        .filter((n) => n && (!types || types.includes(n.resource_type)));
      const output = (args.options.output as string | undefined) ?? (io.json ? 'json' : 'selector');
      for (const n of rows) {
        if (output === 'json') io.out(JSON.stringify({ name: n.name, resource_type: n.resource_type, unique_id: n.unique_id, original_file_path: n.original_file_path, tags: n.tags, config: n.config }));
        else if (output === 'name') io.out(n.name);
        else if (output === 'path') io.out(n.original_file_path);
        else io.out(n.fqn.join('.'));
      }
      return 0;
    } finally {
      engine.close();
    }
  },
};
