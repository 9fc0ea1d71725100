/**
 * What selection needs to know about each graph vertex, resolved once per Graph: the manifest
 * entry behind it, whether it is enabled, and an index of the names a plain `--select name` can
 * mean. Repeated selections (every save in the editor, every CLI command) then skip the
 * string-keyed manifest lookups and answer the commonest selector without a scan.
 */
import type { Manifest, ManifestNode, SourceTable } from '../project/types';
import type { Graph } from './graph';

/** Resource types as small codes, so per-vertex type checks are array reads, not object reads. */
export const KINDS = ['model', 'seed', 'snapshot', 'test', 'analysis', 'source'] as const;
export const TEST_KIND = KINDS.indexOf('test');
const NO_KIND = 255;

export class Universe {
  readonly nodes: readonly (ManifestNode | undefined)[];
  readonly sources: readonly (SourceTable | undefined)[];
  /** 1 for vertices whose entry exists and is enabled. */
  readonly live: Uint8Array;
  /** Index into KINDS per vertex. */
  readonly kind: Uint8Array;
  private names: Map<string, number[]> | undefined;

  private constructor(
    readonly g: Graph,
    readonly m: Manifest,
  ) {
    this.nodes = g.ids.map((id) => m.nodes[id]);
    this.sources = g.ids.map((id) => m.sources[id]);
    this.live = new Uint8Array(g.size);
    this.kind = new Uint8Array(g.size).fill(NO_KIND);
    for (let v = 0; v < g.size; v++) {
      const entry = this.nodes[v] ?? this.sources[v];
      if (!entry) continue;
      if (entry.config.enabled !== false) this.live[v] = 1;
      const kind = (KINDS as readonly string[]).indexOf(entry.resource_type);
      if (kind >= 0) this.kind[v] = kind;
    }
  }

  /** A per-kind lookup table: 1 for each resource type in `types`. */
  static kindMask(types: Iterable<string>): Uint8Array {
    const mask = new Uint8Array(256);
    for (const t of types) {
      const kind = (KINDS as readonly string[]).indexOf(t);
      if (kind >= 0) mask[kind] = 1;
    }
    return mask;
  }

  /**
   * A Graph is a snapshot of the manifest it was built from, so its universe is too; a different
   * manifest object (a reload) gets a fresh one.
   */
  static of(m: Manifest, g: Graph): Universe {
    let u = cache.get(g);
    if (!u || u.m !== m) {
      u = new Universe(g, m);
      cache.set(g, u);
    }
    return u;
  }

  /**
   * Vertices a dotless, wildcard-free fqn selector matches: by dbt's is_selected_node that is the
   * leaf name, or the first dotted piece of the package segment, or of the first folder segment.
   */
  plainNameMatches(name: string): readonly number[] {
    this.names ??= this.indexNames();
    return this.names.get(name) ?? [];
  }

  /** The fqn selection uses: dbt's, or package + name when a loader left it empty. */
  static fqnOf(n: ManifestNode): readonly string[] {
    return n.fqn.length > 0 ? n.fqn : [n.package_name, n.name];
  }

  private indexNames(): Map<string, number[]> {
    const names = new Map<string, number[]>();
    const add = (key: string, v: number): void => {
      const list = names.get(key);
      if (!list) names.set(key, [v]);
      else if (list[list.length - 1] !== v) list.push(v);
    };
    this.nodes.forEach((n, v) => {
      if (!n) return;
      const fqn = Universe.fqnOf(n);
      add(firstPiece(fqn[0]), v);
      if (fqn.length > 1) add(firstPiece(fqn[1]), v);
      add(fqn[fqn.length - 1], v);
    });
    return names;
  }
}

const cache = new WeakMap<Graph, Universe>();

function firstPiece(segment: string): string {
  const dot = segment.indexOf('.');
  return dot < 0 ? segment : segment.slice(0, dot);
}
