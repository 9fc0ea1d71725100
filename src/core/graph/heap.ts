/**
 * A binary min-heap of vertex indices ordered by a precomputed rank, so that a stable
 * topological order costs O((V + E) log V) instead of re-sorting the ready set at every step.
 */
export class RankHeap {
  private readonly items: number[] = [];

  constructor(private readonly rank: ArrayLike<number>) {}

  get size(): number {
    return this.items.length;
  }

  push(v: number): void {
    const items = this.items;
    const rank = this.rank;
    let i = items.length;
    items.push(v);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (rank[items[parent]] <= rank[v]) break;
      items[i] = items[parent];
      i = parent;
    }
    items[i] = v;
  }

  pop(): number | undefined {
    const items = this.items;
    if (items.length === 0) return undefined;
    const top = items[0];
    const last = items.pop() as number;
    if (items.length === 0) return top;
    const rank = this.rank;
    const n = items.length;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const child = r < n && rank[items[r]] < rank[items[l]] ? r : l;
      if (rank[items[child]] >= rank[last]) break;
      items[i] = items[child];
      i = child;
    }
    items[i] = last;
    return top;
  }
}
