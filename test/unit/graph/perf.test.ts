import assert from 'node:assert/strict';
import { Graph, findCycles, selectNodes, type SelectionOptions } from '../../../src/core/graph';
import { bigProject } from './big-project';
import { describe, it } from './harness';

/**
 * Budgets are far above the measured times (a few ms) so a loaded CI machine does not flake;
 * an accidental O(n²) step over 10,000 nodes would still blow through them by orders of magnitude.
 */
const BUDGET_MS = 250;

const m = bigProject(10_000);

/** Best CPU time of several runs after a warm-up: the least disturbed by other processes. */
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

describe('10,000-node project', () => {
  const g = Graph.fromManifest(m);

  it('has the expected size', () => {
    assert.equal(g.size, 10_000);
  });

  it('builds the graph quickly', (t) => {
    const ms = fastest(() => Graph.fromManifest(m));
    t.diagnostic(`Graph.fromManifest: ${ms.toFixed(2)} ms`);
    assert.ok(ms < BUDGET_MS, `${ms} ms`);
  });

  const selections: Record<string, SelectionOptions> = {
    'one model with ancestors and descendants': { select: ['+mart_42+'] },
    'union, intersection, @ and exclude': {
      select: ['+mart_42', 'tag:nightly,config.materialized:table', 'staging.g3.*+1', '@int_100'],
      exclude: ['path:models/marts/g7'],
    },
    'everything but a folder, cautiously': { exclude: ['intermediate'], indirectSelection: 'cautious' },
    'wide graph walk': { select: ['staging+'], resourceTypes: ['model'] },
  };
  for (const [name, opts] of Object.entries(selections)) {
    it(`selects (${name}) in a few ms`, (t) => {
      let size = 0;
      const ms = fastest(() => (size = selectNodes(m, g, opts).selected.size));
      t.diagnostic(`${name}: ${ms.toFixed(2)} ms, ${size} selected`);
      assert.ok(size > 0);
      assert.ok(ms < BUDGET_MS, `${ms} ms`);
    });
  }

  it('orders, layers and checks for cycles quickly', (t) => {
    const topo = fastest(() => g.topoOrder(), 3);
    const layers = fastest(() => g.layers(), 3);
    const cycles = fastest(() => findCycles(g), 3);
    t.diagnostic(`topoOrder ${topo.toFixed(2)} ms, layers ${layers.toFixed(2)} ms, findCycles ${cycles.toFixed(2)} ms`);
    assert.deepEqual(findCycles(g), []);
    assert.ok(Math.max(topo, layers, cycles) < BUDGET_MS);
  });
});
