import assert from 'node:assert/strict';
import { Graph, findCycles, selectNodes, type SelectionOptions } from '../../../src/core/graph';
import { bigProject } from './big-project';
import { describe, it } from './harness';

// Timings live in bench/graph/select.bench.ts; this checks the same operations give right answers at 10,000 nodes.
const m = bigProject(10_000);

describe('10,000-node project', () => {
  const g = Graph.fromManifest(m);

  it('has the expected size and no cycles', () => {
    assert.equal(g.size, 10_000);
    assert.deepEqual(findCycles(g), []);
    assert.equal(g.topoOrder().length, 10_000);
    assert.equal(g.layers().flat().length, 10_000);
  });

  const selections: Record<string, SelectionOptions> = {
    'one model with ancestors and descendants': { select: ['+mart_42+'] },
    'union, intersection, @ and exclude': { select: ['+mart_42', 'tag:nightly,config.materialized:table', 'staging.g3.*+1', '@int_100'], exclude: ['path:models/marts/g7'] },
    'everything but a folder, cautiously': { exclude: ['intermediate'], indirectSelection: 'cautious' },
    'wide graph walk': { select: ['staging+'], resourceTypes: ['model'] },
  };
  for (const [name, opts] of Object.entries(selections)) {
    it(`selects (${name})`, () => {
      const { selected } = selectNodes(m, g, opts);
      assert.ok(selected.size > 0);
      // Everything selected is in the topological order of the selection.
      assert.equal(g.topoOrder(selected).length, selected.size);
    });
  }
});
