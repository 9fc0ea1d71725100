/**
 * The project DAG. Vertices are manifest nodes and sources, edges run parent -> child.
 * Internally every vertex is a small integer so that selection over tens of thousands of nodes
 * is a handful of linear passes over arrays rather than string-keyed set juggling.
 */
import type { Manifest } from '../project/types';
import { RankHeap } from './heap';

/** A snapshot of one manifest: after the manifest changes (a reload), build a new Graph. */
export class Graph {
  /** Vertex index -> unique_id. */
  readonly ids: readonly string[];
  /** Vertex index -> parent indices (deduplicated, in depends_on order). */
  readonly parentIdx: readonly (readonly number[])[];
  /** Vertex index -> child indices. */
  readonly childIdx: readonly (readonly number[])[];
  private readonly index: ReadonlyMap<string, number>;
  private rankCache: Int32Array | undefined;

  private constructor(ids: string[], index: Map<string, number>, parents: number[][], children: number[][]) {
    this.ids = ids;
    this.index = index;
    this.parentIdx = parents;
    this.childIdx = children;
  }

  static fromManifest(m: Manifest): Graph {
    const ids: string[] = [];
    const index = new Map<string, number>();
    const add = (id: string): void => {
      if (!index.has(id)) {
        index.set(id, ids.length);
        ids.push(id);
      }
    };
    for (const id of Object.keys(m.sources)) add(id);
    for (const id of Object.keys(m.nodes)) add(id);

    const parents: number[][] = ids.map(() => []);
    const children: number[][] = ids.map(() => []);
    // A per-child stamp dedupes repeated refs to the same parent without a Set per node.
    const seenFor = new Int32Array(ids.length).fill(-1);
    for (const [id, node] of Object.entries(m.nodes)) {
      const child = index.get(id) as number;
      for (const dep of node.depends_on.nodes) {
        const parent = index.get(dep);
        // Unknown or disabled parents are reported by the loader; here they simply have no vertex.
        if (parent === undefined || seenFor[parent] === child) continue;
        seenFor[parent] = child;
        parents[child].push(parent);
        children[parent].push(child);
      }
    }
    return new Graph(ids, index, parents, children);
  }

  get size(): number {
    return this.ids.length;
  }

  has(id: string): boolean {
    return this.index.has(id);
  }

  indexOf(id: string): number | undefined {
    return this.index.get(id);
  }

  parents(id: string): string[] {
    return this.namesSorted(this.parentIdx[this.index.get(id) ?? -1] ?? []);
  }

  children(id: string): string[] {
    return this.namesSorted(this.childIdx[this.index.get(id) ?? -1] ?? []);
  }

  ancestors(id: string, depth?: number): Set<string> {
    return this.walkFrom(id, this.parentIdx, depth);
  }

  descendants(id: string, depth?: number): Set<string> {
    return this.walkFrom(id, this.childIdx, depth);
  }

  /**
   * Multi-source breadth-first walk: marks every vertex within `depth` steps of any start
   * (starts themselves are marked only when reachable from another start). One pass for a whole
   * selection, which is what `+tag:x` over thousands of nodes needs.
   */
  reach(starts: Iterable<number>, direction: 'up' | 'down', depth = Infinity): Uint8Array {
    const adj = direction === 'up' ? this.parentIdx : this.childIdx;
    const reached = new Uint8Array(this.size);
    const dist = new Int32Array(this.size).fill(-1);
    let frontier: number[] = [];
    for (const s of starts) {
      if (dist[s] === -1) {
        dist[s] = 0;
        frontier.push(s);
      }
    }
    for (let level = 1; level <= depth && frontier.length > 0; level++) {
      const next: number[] = [];
      for (const v of frontier) {
        for (const w of adj[v]) {
          reached[w] = 1;
          if (dist[w] === -1) {
            dist[w] = level;
            next.push(w);
          }
        }
      }
      frontier = next;
    }
    return reached;
  }

  /**
   * Topological order of `ids` (default all), ties broken by unique_id. Edges through vertices
   * outside the subset still count, as dbt's subset graph keeps transitive edges: with a -> x -> b
   * and only {a, b} asked for, a still comes first. Vertices stuck behind a cycle come last, sorted.
   */
  topoOrder(ids?: Iterable<string>): string[] {
    const order: string[] = [];
    const selected = this.selectionMask(ids);
    const stuck = this.kahn(selected, (v) => {
      if (selected[v]) order.push(this.ids[v]);
    });
    return order.concat(stuck.map((v) => this.ids[v]));
  }

  /**
   * Groups that can run in parallel: a vertex's layer is one more than the deepest selected
   * vertex upstream of it (through unselected ones too). Each group is sorted by unique_id.
   * Vertices stuck behind a cycle form one last group.
   */
  layers(ids?: Iterable<string>): string[][] {
    const selected = this.selectionMask(ids);
    const level = new Int32Array(this.size);
    const groups: number[][] = [];
    const stuck = this.kahn(selected, (v) => {
      let own = 0;
      for (const p of this.parentIdx[v]) own = Math.max(own, selected[p] ? level[p] + 1 : level[p]);
      level[v] = own;
      if (selected[v]) (groups[own] ??= []).push(v);
    });
    const rank = this.rank();
    const out = groups.filter((g) => g !== undefined).map((g) => g.sort((a, b) => rank[a] - rank[b]));
    if (stuck.length > 0) out.push(stuck);
    return out.map((g) => g.map((v) => this.ids[v]));
  }

  /** dbt's `parent_map`: every vertex, parents sorted. */
  parentMap(): Record<string, string[]> {
    return this.adjacencyMap(this.parentIdx);
  }

  /** dbt's `child_map`: every vertex, children sorted. */
  childMap(): Record<string, string[]> {
    return this.adjacencyMap(this.childIdx);
  }

  /** Vertex index -> position of its unique_id in sorted order; computed once, on first need. */
  rank(): Int32Array {
    if (!this.rankCache) {
      const byId = this.ids.map((_, i) => i).sort((a, b) => compareIds(this.ids[a], this.ids[b]));
      const rank = new Int32Array(this.size);
      byId.forEach((v, pos) => (rank[v] = pos));
      this.rankCache = rank;
    }
    return this.rankCache;
  }

  /**
   * Kahn's algorithm over the whole graph. Unselected vertices are released as soon as they are
   * ready so they never hold back the choice among selected ones; selected ones leave a heap in
   * unique_id order. Returns the selected vertices that never became ready (cycles), sorted.
   */
  private kahn(selected: Uint8Array, visit: (v: number) => void): number[] {
    const rank = this.rank();
    const waiting = new Int32Array(this.size);
    const ready = new RankHeap(rank);
    const free: number[] = [];
    const release = (v: number): void => {
      if (selected[v]) ready.push(v);
      else free.push(v);
    };
    for (let v = 0; v < this.size; v++) {
      waiting[v] = this.parentIdx[v].length;
      if (waiting[v] === 0) release(v);
    }
    for (;;) {
      const v = free.length > 0 ? free.pop() : ready.pop();
      if (v === undefined) break;
      visit(v);
      for (const c of this.childIdx[v]) if (--waiting[c] === 0) release(c);
    }
    const stuck: number[] = [];
    for (let v = 0; v < this.size; v++) if (selected[v] && waiting[v] > 0) stuck.push(v);
    return stuck.sort((a, b) => rank[a] - rank[b]);
  }

  private selectionMask(ids: Iterable<string> | undefined): Uint8Array {
    const mask = new Uint8Array(this.size);
    if (ids === undefined) return mask.fill(1);
    for (const id of ids) {
      const v = this.index.get(id);
      if (v !== undefined) mask[v] = 1;
    }
    return mask;
  }

  private walkFrom(id: string, adj: readonly (readonly number[])[], depth?: number): Set<string> {
    const start = this.index.get(id);
    const out = new Set<string>();
    if (start === undefined) return out;
    const reached = this.reach([start], adj === this.parentIdx ? 'up' : 'down', depth);
    // A vertex is never its own ancestor, even on a cycle, matching networkx as dbt uses it.
    reached[start] = 0;
    for (let v = 0; v < reached.length; v++) if (reached[v]) out.add(this.ids[v]);
    return out;
  }

  private namesSorted(list: readonly number[]): string[] {
    return list.map((v) => this.ids[v]).sort(compareIds);
  }

  private adjacencyMap(adj: readonly (readonly number[])[]): Record<string, string[]> {
    const rank = this.rank();
    const out: Record<string, string[]> = {};
    for (const v of [...this.ids.keys()].sort((a, b) => rank[a] - rank[b])) {
      out[this.ids[v]] = this.namesSorted(adj[v]);
    }
    return out;
  }
}

/** Code-unit order, not locale order: the same on every machine and every Node version. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
