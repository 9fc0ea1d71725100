/** Graph build, selection, ordering and cycle check on a generated 10,000-node project (CPU ms, best of N). */
import { Graph, findCycles, selectNodes, type SelectionOptions } from '../../src/core/graph';
import { bigProject } from '../../test/unit/graph/big-project';

const m = bigProject(10_000);

function fastest(run: () => void, times = 7): number {
  run();
  let best = Infinity;
  for (let i = 0; i < times; i++) {
    const start = process.cpuUsage();
    run();
    const used = process.cpuUsage(start);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return best;
}

const g = Graph.fromManifest(m);
const rows: Array<[string, number]> = [['Graph.fromManifest', fastest(() => Graph.fromManifest(m))]];
const selections: Record<string, SelectionOptions> = {
  '+mart_42+': { select: ['+mart_42+'] },
  'union, intersection, @ and exclude': { select: ['+mart_42', 'tag:nightly,config.materialized:table', 'staging.g3.*+1', '@int_100'], exclude: ['path:models/marts/g7'] },
  'everything but a folder, cautious': { exclude: ['intermediate'], indirectSelection: 'cautious' },
  'staging+': { select: ['staging+'], resourceTypes: ['model'] },
};
for (const [name, opts] of Object.entries(selections)) rows.push([`select ${name}`, fastest(() => selectNodes(m, g, opts))]);
rows.push(['topoOrder', fastest(() => g.topoOrder(), 3)]);
rows.push(['layers', fastest(() => g.layers(), 3)]);
rows.push(['findCycles', fastest(() => findCycles(g), 3)]);
for (const [name, ms] of rows) console.log(`graph (10,000 nodes): ${name}: ${ms.toFixed(2)} ms`);
console.log(JSON.stringify({ bench: 'graph.select', nodes: 10_000, ms: Object.fromEntries(rows) }));
