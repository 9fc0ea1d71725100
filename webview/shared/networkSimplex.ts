/**
 * The loop of dagre's network simplex ranking (dagre-d3-es, src/dagre/rank/network-simplex.js)
 * on arrays instead of graphlib calls. The original, after building a feasible tight tree,
 * repeats until no tree edge has a negative cut value: take the first such edge in the tree's
 * edge order, find the non-tree edge to replace it (the first of least slack in the graph's edge
 * order among those crossing the same cut), swap them, and recompute every node's low/lim
 * numbering, every tree edge's cut value and every rank through graphlib's lodash-based
 * accessors. That loop was a quarter of drawing the 500-node lineage (a few hundred exchanges of
 * O(nodes + edges) graphlib calls each). The build (webview/build/mermaidPatch.mjs) has
 * networkSimplex call `fastNetworkSimplex` after the feasible tree; it returns false, leaving the
 * work to the original, when it does not apply.
 *
 * It computes what the original computes, in the same order where the order can change a result:
 * the same tree edges (kept in graphlib's insertion order, new ones last, with graphlib's
 * normalised ends), the same root (the tree's first node), cut values summed in the same order of
 * each node's edges, the first least-slack candidate in the graph's edge order, ranks from the
 * same root with the same arithmetic. Only the low/lim numbering may come from another depth-
 * first order, and the original uses it only to test whether a node lies below another, which
 * does not depend on the order. The unit test runs both on random graphs and the bench's
 * lineage and requires identical ranks.
 */

/** The graphlib calls used (dagre-d3-es Graph). */
export interface RankGraph {
  nodes(): string[];
  edges(): Array<{ v: string; w: string }>;
  node(v: string): { rank?: number; parent?: unknown } | undefined;
  edge(e: { v: string; w: string }): { weight: number; minlen: number };
  nodeEdges(v: string): Array<{ v: string; w: string }> | undefined;
}

interface TreeEdge {
  v: string;
  w: string;
  a: number;
  b: number;
}

type Bag = { msFastRank?: boolean };

/**
 * Runs network simplex's exchange loop on `g` (the simplified graph, ranked by the feasible tree
 * `t`) and writes the ranks to g's node labels; false, touching nothing, when the original should run.
 */
export function fastNetworkSimplex(t: RankGraph, g: RankGraph): boolean {
  // A switch for comparing with the original in the browser.
  if ((globalThis as Bag).msFastRank === false) return false;
  const names = t.nodes();
  const n = names.length;
  if (n < 2 || g.nodes().length !== n) return false;
  // The original's updateRanks starts from the first node whose label has no `parent`, and
  // follows the parents its low/lim pass set from the tree's first node: the same node, or not handled here.
  if (g.node(names[0])?.parent) return false;
  const index = new Map<string, number>();
  names.forEach((v, i) => index.set(v, i));

  const gEdges = g.edges();
  const m = gEdges.length;
  const tail = new Int32Array(m);
  const head = new Int32Array(m);
  const weight = new Float64Array(m);
  const minlen = new Float64Array(m);
  /** Graph edge index by `tail * n + head` (the simplified graph has one edge per ordered pair). */
  const between = new Map<number, number>();
  for (let i = 0; i < m; i++) {
    const e = gEdges[i];
    const a = index.get(e.v);
    const b = index.get(e.w);
    if (a === undefined || b === undefined) return false;
    tail[i] = a;
    head[i] = b;
    const label = g.edge(e);
    weight[i] = label.weight;
    minlen[i] = label.minlen;
    between.set(a * n + b, i);
  }
  /** Each node's edges in graphlib's nodeEdges order (in-edges, then out-edges). */
  const incident: Int32Array[] = [];
  for (const v of names) {
    const list = g.nodeEdges(v) ?? [];
    const out = new Int32Array(list.length);
    for (let k = 0; k < list.length; k++) {
      const i = between.get(index.get(list[k].v)! * n + index.get(list[k].w)!);
      if (i === undefined) return false;
      out[k] = i;
    }
    incident.push(out);
  }
  const labels = names.map((v) => g.node(v)!);
  const rank = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const r = labels[i].rank;
    if (typeof r !== 'number') return false;
    rank[i] = r;
  }
  const tree: TreeEdge[] = [];
  for (const e of t.edges()) {
    const a = index.get(e.v);
    const b = index.get(e.w);
    if (a === undefined || b === undefined) return false;
    tree.push({ v: e.v, w: e.w, a, b });
  }
  if (tree.length !== n - 1) return false;

  const parent = new Int32Array(n);
  const low = new Int32Array(n);
  const lim = new Int32Array(n);
  const cut = new Float64Array(n);
  const pre = new Int32Array(n);
  const post = new Int32Array(n);
  const adjStart = new Int32Array(n + 1);
  const adj = new Int32Array(2 * (n - 1));
  const stack = new Int32Array(n);
  const next = new Int32Array(n);

  /** Roots the tree at node 0: parents, preorder, postorder, low/lim; false if it does not span. */
  const rootTree = (): boolean => {
    adjStart.fill(0);
    for (const e of tree) {
      adjStart[e.a + 1]++;
      adjStart[e.b + 1]++;
    }
    for (let i = 0; i < n; i++) adjStart[i + 1] += adjStart[i];
    const fill = adjStart.slice(0, n);
    for (const e of tree) {
      adj[fill[e.a]++] = e.b;
      adj[fill[e.b]++] = e.a;
    }
    parent.fill(-1);
    let pi = 0;
    let qi = 0;
    let sp = 0;
    stack[sp++] = 0;
    next[0] = adjStart[0];
    parent[0] = 0;
    pre[pi++] = 0;
    low[0] = 1;
    while (sp) {
      const v = stack[sp - 1];
      if (next[v] < adjStart[v + 1]) {
        const w = adj[next[v]++];
        if (w === parent[v] && v !== 0) continue;
        if (parent[w] !== -1) return false;
        parent[w] = v;
        next[w] = adjStart[w];
        low[w] = qi + 1;
        pre[pi++] = w;
        stack[sp++] = w;
      } else {
        sp--;
        lim[v] = ++qi;
        post[qi - 1] = v;
      }
    }
    if (qi !== n) return false;
    parent[0] = -1;
    return true;
  };

  /** The original's calcCutValue, for every tree edge, children first. */
  const cutValues = (): void => {
    for (let k = 0; k < n; k++) {
      const child = post[k];
      const p = parent[child];
      if (p < 0) continue;
      let childIsTail = true;
      let edge = between.get(child * n + p);
      if (edge === undefined) {
        childIsTail = false;
        edge = between.get(p * n + child)!;
      }
      let value = weight[edge];
      for (const e of incident[child]) {
        const isOut = tail[e] === child;
        const other = isOut ? head[e] : tail[e];
        if (other === p) continue;
        const pointsToHead = isOut === childIsTail;
        const w = weight[e];
        value += pointsToHead ? w : -w;
        // A tree edge to a node other than the parent leads to a child, whose cut value is known.
        if (parent[other] === child) value += pointsToHead ? -cut[other] : cut[other];
      }
      cut[child] = value;
    }
  };

  /** The original's updateRanks: from the root down, each node from its parent along their edge. */
  const updateRanks = (): void => {
    for (let k = 1; k < n; k++) {
      const v = pre[k];
      const p = parent[v];
      const e = between.get(v * n + p);
      if (e !== undefined) rank[v] = rank[p] - minlen[e];
      else rank[v] = rank[p] + minlen[between.get(p * n + v)!];
    }
  };

  if (!rootTree()) return false;
  cutValues();
  for (;;) {
    // leaveEdge: the first tree edge (in the tree's edge order) with a negative cut value.
    let leave = -1;
    for (let i = 0; i < tree.length; i++) {
      const e = tree[i];
      const child = parent[e.a] === e.b ? e.a : e.b;
      if (cut[child] < 0) {
        leave = i;
        break;
      }
    }
    if (leave < 0) break;
    // enterEdge: orient as the graph does, then the first candidate of least slack.
    const e = tree[leave];
    let v = e.a;
    let w = e.b;
    if (!between.has(v * n + w)) {
      v = e.b;
      w = e.a;
    }
    let tailNode = v;
    let flip = false;
    if (lim[v] > lim[w]) {
      tailNode = w;
      flip = true;
    }
    const tLow = low[tailNode];
    const tLim = lim[tailNode];
    let enter = -1;
    let least = 0;
    for (let i = 0; i < m; i++) {
      const vl = lim[tail[i]];
      const wl = lim[head[i]];
      if (flip !== (tLow <= vl && vl <= tLim) || flip === (tLow <= wl && wl <= tLim)) continue;
      const slack = rank[head[i]] - rank[tail[i]] - minlen[i];
      if (enter < 0 || slack < least) {
        enter = i;
        least = slack;
      }
    }
    if (enter < 0) throw new Error('network simplex: no edge to enter the tree');
    // exchangeEdges: graphlib removes the edge and adds the new one last, ends in string order (undirected tree).
    tree.splice(leave, 1);
    const fv = gEdges[enter].v;
    const fw = gEdges[enter].w;
    tree.push(fv > fw ? { v: fw, w: fv, a: head[enter], b: tail[enter] } : { v: fv, w: fw, a: tail[enter], b: head[enter] });
    if (!rootTree()) throw new Error('network simplex: the exchanged tree does not span the graph');
    cutValues();
    updateRanks();
  }
  for (let i = 0; i < n; i++) labels[i].rank = rank[i];
  return true;
}
