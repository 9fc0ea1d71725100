/**
 * Cycle finding: Tarjan's strongly connected components to locate every tangle, then Johnson's
 * elementary-circuit search inside each one so the user sees concrete ref() loops to break.
 */
import type { Graph } from './graph';

/**
 * A dense component can hold exponentially many elementary cycles; a user fixes a handful of refs,
 * not thousands, so each component reports at most this many (always at least one).
 */
export const MAX_CYCLES_PER_COMPONENT = 20;

/**
 * Elementary cycles, at least one per strongly connected component, components listed upstream
 * first. Each cycle follows the edges parent -> child, starting at its smallest unique_id;
 * a self-reference is a one-element cycle.
 */
export function findCycles(g: Graph): string[][] {
  // Nearly every project is acyclic: prove that in one cheap pass before any sorting.
  if (isAcyclic(g)) return [];
  const rank = g.rank();
  const byRank = (a: number, b: number): number => rank[a] - rank[b];
  // Sorted adjacency makes the cycles found, and their order, independent of manifest key order.
  const adj = g.childIdx.map((c) => [...c].sort(byRank));
  const tarjan = new Tarjan(adj);
  const roots = [...adj.keys()].sort(byRank);
  const components = tarjan.run(roots, new Uint8Array(adj.length).fill(1)).reverse();

  const cycles: number[][] = [];
  for (const component of components) {
    component.sort(byRank);
    const found: number[][] = [];
    for (const v of component) if (adj[v].includes(v)) found.push([v]);
    if (component.length > 1) johnson(adj, component, tarjan, byRank, found);
    cycles.push(...found.slice(0, MAX_CYCLES_PER_COMPONENT));
  }
  return cycles.map((c) => c.map((v) => g.ids[v]));
}

/** Kahn's algorithm without ordering: every vertex gets released exactly when there is no cycle. */
function isAcyclic(g: Graph): boolean {
  const waiting = new Int32Array(g.size);
  const ready: number[] = [];
  for (let v = 0; v < g.size; v++) {
    waiting[v] = g.parentIdx[v].length;
    if (waiting[v] === 0) ready.push(v);
  }
  let released = 0;
  while (ready.length > 0) {
    const v = ready.pop() as number;
    released++;
    for (const c of g.childIdx[v]) if (--waiting[c] === 0) ready.push(c);
  }
  return released === g.size;
}

/** Iterative (deep chains must not overflow the stack), restricted to an `allowed` vertex mask. */
class Tarjan {
  private readonly index: Int32Array;
  private readonly low: Int32Array;
  private readonly onStack: Uint8Array;

  constructor(private readonly adj: readonly (readonly number[])[]) {
    this.index = new Int32Array(adj.length).fill(-1);
    this.low = new Int32Array(adj.length);
    this.onStack = new Uint8Array(adj.length);
  }

  /** Components in reverse topological order (downstream first), as Tarjan emits them. */
  run(roots: readonly number[], allowed: Uint8Array): number[][] {
    const { adj, index, low, onStack } = this;
    let counter = 0;
    const stack: number[] = [];
    const components: number[][] = [];
    const enter = (v: number, work: Array<[number, number]>): void => {
      index[v] = low[v] = counter++;
      stack.push(v);
      onStack[v] = 1;
      work.push([v, 0]);
    };
    for (const root of roots) {
      if (!allowed[root] || index[root] !== -1) continue;
      const work: Array<[number, number]> = [];
      enter(root, work);
      while (work.length > 0) {
        const frame = work[work.length - 1];
        const v = frame[0];
        if (frame[1] < adj[v].length) {
          const w = adj[v][frame[1]++];
          if (!allowed[w]) continue;
          if (index[w] === -1) enter(w, work);
          else if (onStack[w]) low[v] = Math.min(low[v], index[w]);
          continue;
        }
        work.pop();
        if (work.length > 0) {
          const u = work[work.length - 1][0];
          low[u] = Math.min(low[u], low[v]);
        }
        if (low[v] === index[v]) {
          const component: number[] = [];
          let w: number;
          do {
            w = stack.pop() as number;
            onStack[w] = 0;
            component.push(w);
          } while (w !== v);
          components.push(component);
        }
      }
    }
    // Leave the scratch arrays clean for the next (sub-component) run without an O(V) refill.
    for (const c of components) for (const v of c) index[v] = -1;
    return components;
  }
}

/**
 * Johnson's algorithm on one component: circuits through its smallest vertex, then that vertex is
 * removed and the remaining sub-components are searched, until the per-component cap is reached.
 */
function johnson(
  adj: readonly (readonly number[])[],
  component: number[],
  tarjan: Tarjan,
  byRank: (a: number, b: number) => number,
  found: number[][],
): void {
  const allowed = new Uint8Array(adj.length);
  const queue: number[][] = [component];
  while (queue.length > 0 && found.length < MAX_CYCLES_PER_COMPONENT) {
    const comp = queue.shift() as number[];
    for (const v of comp) allowed[v] = 1;
    const start = comp[0];
    circuitsThrough(start, adj, allowed, found);
    for (const v of comp) allowed[v] = 0;
    const rest = comp.slice(1);
    for (const v of rest) allowed[v] = 1;
    const subs = tarjan.run(rest, allowed).filter((c) => c.length > 1);
    for (const v of rest) allowed[v] = 0;
    for (const s of subs) queue.push(s.sort(byRank));
  }
}

function circuitsThrough(start: number, adj: readonly (readonly number[])[], allowed: Uint8Array, found: number[][]): void {
  // Self-loops are reported separately; inside the search they would only repeat [start].
  const next = (v: number): number[] => adj[v].filter((w) => allowed[w] && w !== v);
  const blocked = new Set<number>([start]);
  const closed = new Set<number>();
  const blockers = new Map<number, Set<number>>();
  const path = [start];
  const stack: Array<{ v: number; nbrs: number[]; i: number }> = [{ v: start, nbrs: next(start), i: 0 }];

  const unblock = (v: number): void => {
    const todo = [v];
    while (todo.length > 0) {
      const u = todo.pop() as number;
      if (!blocked.delete(u)) continue;
      const waiting = blockers.get(u);
      if (waiting) {
        todo.push(...waiting);
        waiting.clear();
      }
    }
  };

  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    if (top.i < top.nbrs.length) {
      const w = top.nbrs[top.i++];
      if (w === start) {
        found.push([...path]);
        if (found.length >= MAX_CYCLES_PER_COMPONENT) return;
        for (const p of path) closed.add(p);
      } else if (!blocked.has(w)) {
        path.push(w);
        stack.push({ v: w, nbrs: next(w), i: 0 });
        closed.delete(w);
        blocked.add(w);
      }
      continue;
    }
    if (closed.has(top.v)) {
      unblock(top.v);
    } else {
      for (const w of top.nbrs) {
        let set = blockers.get(w);
        if (!set) blockers.set(w, (set = new Set()));
        set.add(top.v);
      }
    }
    stack.pop();
    path.pop();
  }
}
