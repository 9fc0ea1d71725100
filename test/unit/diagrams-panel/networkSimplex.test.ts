/**
 * The panel's network simplex loop (webview/shared/networkSimplex.ts) ranks exactly as dagre's
 * own (dagre-d3-es, pinned by Mermaid): random graphs shaped as dagre hands them to the ranker
 * (a nesting root above every node, scaled minimum lengths, parallel edges, fractional weights,
 * integer-like node names) and the bench's 500-node lineage.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { writeSyntheticProject } from '../../../bench/engine/syntheticProject';
import { Engine } from '../../../src/core/engine';
import { lineageView } from '../../../src/server/handlers/diagrams';
import { fastNetworkSimplex, type RankGraph } from '../../../webview/shared/networkSimplex';

type Edge = [from: string, to: string, weight: number, minlen: number];

/** dagre-d3-es is ESM only: loaded once, as the tests start. */
async function loadDagre() {
  const [{ Graph }, { feasibleTree }, { networkSimplex }, { longestPath }, { simplify }] = await Promise.all([
    import('dagre-d3-es/src/graphlib/index.js'),
    import('dagre-d3-es/src/dagre/rank/feasible-tree.js'),
    import('dagre-d3-es/src/dagre/rank/network-simplex.js'),
    import('dagre-d3-es/src/dagre/rank/util.js'),
    import('dagre-d3-es/src/dagre/util.js'),
  ]);
  return { Graph, feasibleTree, networkSimplex, longestPath, simplify };
}
const dagre = loadDagre();
type Dagre = Awaited<typeof dagre>;
type Graph = InstanceType<Dagre['Graph']>;

/** A graph as dagre's nesting graph leaves a flat one: a root above every node, every minlen scaled. */
function graph({ Graph }: Dagre, nodes: string[], edges: Edge[]): Graph {
  const g = new Graph({ multigraph: true });
  g.setGraph({});
  const sep = 7;
  g.setNode('_root', {});
  for (const v of nodes) {
    g.setNode(v, {});
    g.setEdge('_root', v, { weight: 0, minlen: sep }, `root ${v}`);
  }
  edges.forEach(([v, w, weight, minlen], i) => g.setEdge(v, w, { weight, minlen: minlen * sep }, `e${i}`));
  return g;
}

function ranks(g: Graph): Array<[string, unknown]> {
  return g.nodes().map((v) => [v, (g.node(v) as { rank?: number }).rank]);
}

/** dagre's networkSimplex up to the feasible tree, then ours. */
function ours({ simplify, longestPath, feasibleTree }: Dagre, g: Graph): void {
  const s = simplify(g);
  longestPath(s);
  const t = feasibleTree(s);
  assert.ok(fastNetworkSimplex(t, s), 'the fast loop applies');
}

function same(d: Dagre, nodes: string[], edges: Edge[], name: string): void {
  const a = graph(d, nodes, edges);
  const b = graph(d, nodes, edges);
  d.networkSimplex(a);
  ours(d, b);
  assert.deepEqual(ranks(b), ranks(a), name);
}

function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}

void test('random graphs: the same ranks as dagre', async () => {
  const d = await dagre;
  for (let seed = 1; seed <= 200; seed++) {
    const r = random(seed);
    const n = 2 + Math.floor(r() * 80);
    const nodes = Array.from({ length: n }, (_, i) => (r() < 0.2 ? String(i) : `n${i}`));
    const edges: Edge[] = [];
    for (let k = Math.floor(r() * n * 2.5); k > 0; k--) {
      const a = Math.floor(r() * n);
      const b = Math.floor(r() * n);
      if (a === b) continue;
      edges.push([nodes[Math.min(a, b)], nodes[Math.max(a, b)], r() < 0.3 ? 2 : r() < 0.1 ? 0.5 : 1, r() < 0.2 ? 2 : 1]);
    }
    for (let i = 1; i < n; i++) edges.push([nodes[Math.floor(r() * i)], nodes[i], 1, 1]);
    same(d, nodes, edges, `seed ${seed}`);
  }
});

void test("the bench's 500-node lineage: the same ranks as dagre", async () => {
  const view = lineageView(Engine.load(writeSyntheticProject(435)), { projectRoot: '', options: { scope: 'project', collapsed: [] } });
  const edges: Edge[] = view.edges.map(([from, to]) => [from, to, 1, 1]);
  same(await dagre, [...new Set(view.edges.flat())], edges, 'lineage');
});

void test('declines, touching nothing, when it is switched off', async () => {
  const d = await dagre;
  const { simplify, longestPath, feasibleTree } = d;
  const g = simplify(graph(d, ['a', 'b'], [['a', 'b', 1, 1]]));
  longestPath(g);
  const t = feasibleTree(g);
  const before = ranks(g);
  (globalThis as { msFastRank?: boolean }).msFastRank = false;
  try {
    assert.equal(fastNetworkSimplex(t as unknown as RankGraph, g as unknown as RankGraph), false);
  } finally {
    delete (globalThis as { msFastRank?: boolean }).msFastRank;
  }
  assert.deepEqual(ranks(g), before);
});
