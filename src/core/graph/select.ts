/**
 * dbt's node selection: methods pick vertices, graph operators widen them, set operators combine
 * them, tests join through indirect selection, then the command's resource types filter the result.
 * Mirrors dbt-core's NodeSelector (select_nodes_recursively / expand_selection /
 * incorporate_indirect_nodes) so `--select` means exactly what a dbt user expects.
 * All sets are byte masks over graph vertices: every step is a linear pass.
 */
import { ProblemError, problem, type Problem } from '../problems';
import type { Manifest, NodeResourceType } from '../project/types';
import type { Graph } from './graph';
import { matchMethod } from './selector-methods';
import { TEST_KIND, Universe } from './universe';
import { COMMAND_LINE, parseSelectorList, type Criterion, type SelectorTerm } from './selector-parse';

export type IndirectSelection = 'eager' | 'cautious' | 'buildable' | 'empty';

export interface SelectionOptions {
  select?: string[];
  exclude?: string[];
  /** Resource types to return (default every node type; sources only when listed). */
  resourceTypes?: string[];
  indirectSelection?: IndirectSelection;
}

export interface SelectionResult {
  selected: Set<string>;
  warnings: Problem[];
}

const NODE_TYPES: readonly NodeResourceType[] = ['model', 'seed', 'snapshot', 'test', 'analysis'];

/** dbt's pair of sets: nodes in the selection, and tests still waiting for their other parents. */
interface Bundle {
  direct: Uint8Array;
  indirect: Uint8Array;
}

export function selectNodes(m: Manifest, g: Graph, opts: SelectionOptions): SelectionResult {
  const mode = opts.indirectSelection ?? 'eager';
  // An empty selector box in the editor means "everything", not "nothing".
  const selectArgs = opts.select?.filter((s) => s.trim() !== '') ?? [];
  // Parse both lists first so every typo is reported in one go, before any work.
  const include = parseSelectorList(selectArgs);
  const exclude = parseSelectorList(opts.exclude ?? []);
  const malformed = [...include.problems, ...exclude.problems];
  if (malformed.length > 0) throw new ProblemError(malformed);

  const s = new Selector(Universe.of(m, g), mode);
  const warnings: Problem[] = [];
  const included = selectArgs.length > 0 ? s.union(include.terms, warnings) : s.everything();
  const excluded = s.union(exclude.terms);
  const finalSet = s.combine([included, excluded], (a, b) => a & ~b);

  const wanted = Universe.kindMask(opts.resourceTypes ?? NODE_TYPES);
  const { kind } = s.u;
  const selected = new Set<string>();
  const chosen = finalSet.direct;
  for (let v = 0; v < g.size; v++) if (chosen[v] && wanted[kind[v]]) selected.add(g.ids[v]);
  return { selected, warnings };
}

class Selector {
  private readonly size: number;

  constructor(
    readonly u: Universe,
    private readonly mode: IndirectSelection,
  ) {
    this.size = u.g.size;
  }

  /** dbt's default include (`fqn:* source:*`): every enabled node and source. */
  everything(): Bundle {
    return { direct: this.u.live.slice(), indirect: new Uint8Array(this.size) };
  }

  /** Space-separated terms across all arguments; with `warnings`, empty terms are reported. */
  union(terms: SelectorTerm[], warnings?: Problem[]): Bundle {
    const bundles = terms.map((t) => {
      const b = this.intersection(t);
      if (warnings && !b.direct.includes(1)) {
        warnings.push(
          problem(
            'selector-no-match',
            `The selection criterion '${t.raw}' does not match any enabled nodes`,
            { file: COMMAND_LINE, line: 1, column: t.column, endColumn: t.column + t.raw.length },
            { severity: 'warning' },
          ),
        );
      }
      return b;
    });
    return this.combine(bundles, (a, b) => a | b);
  }

  private intersection(term: SelectorTerm): Bundle {
    return this.combine(
      term.criteria.map((c) => this.criterion(c)),
      (a, b) => a & b,
    );
  }

  /** Method, then graph operators, then indirect test selection (dbt's get_nodes_from_criteria). */
  private criterion(c: Criterion): Bundle {
    const g = this.u.g;
    const collected = matchMethod(this.u, c);
    const starts = indicesOf(collected);
    const selected = collected.slice();
    if (c.childrensParents) {
      const down = g.reach(starts, 'down');
      for (const v of starts) down[v] = 1;
      orInto(selected, down);
      orInto(selected, g.reach(indicesOf(down), 'up'));
    }
    if (c.parents) orInto(selected, g.reach(starts, 'up', c.parentsDepth));
    if (c.children) orInto(selected, g.reach(starts, 'down', c.childrenDepth));
    if (this.mode === 'empty') return { direct: selected, indirect: new Uint8Array(this.size) };
    return this.expand(selected);
  }

  /**
   * Tests whose parent is selected: eager takes them all; cautious and buildable take them only
   * when every parent is in (or upstream of) the selection, else keep them as candidates that a
   * later union may complete.
   */
  private expand(selected: Uint8Array): Bundle {
    const { g, kind } = this.u;
    const direct = selected.slice();
    const indirect = new Uint8Array(this.size);
    const buildable = this.mode === 'buildable' ? this.withUpstreamAndSources(selected) : undefined;
    for (let v = 0; v < this.size; v++) {
      if (!selected[v]) continue;
      for (const t of g.childIdx[v]) {
        if (kind[t] !== TEST_KIND) continue;
        if (this.mode === 'eager' || this.parentsWithin(t, selected)) direct[t] = 1;
        else if (buildable && this.parentsWithin(t, buildable)) direct[t] = 1;
        else indirect[t] = 1;
      }
    }
    return { direct, indirect };
  }

  /**
   * dbt's set combination: directs combine, candidates combine with their directs, and then
   * candidates whose parents are now all present are promoted.
   */
  combine(bundles: Bundle[], op: (a: number, b: number) => number): Bundle {
    if (bundles.length === 0) return { direct: new Uint8Array(this.size), indirect: new Uint8Array(this.size) };
    const direct = bundles[0].direct.slice();
    const all = bundles[0].direct.slice();
    orInto(all, bundles[0].indirect);
    for (let i = 1; i < bundles.length; i++) {
      const b = bundles[i];
      for (let v = 0; v < this.size; v++) {
        direct[v] = op(direct[v], b.direct[v]) & 1;
        all[v] = op(all[v], b.direct[v] | b.indirect[v]) & 1;
      }
    }
    return { direct: this.incorporate(direct, all), indirect: all };
  }

  private incorporate(direct: Uint8Array, candidates: Uint8Array): Uint8Array {
    if (this.mode !== 'cautious' && this.mode !== 'buildable') return direct;
    const within = this.mode === 'buildable' ? this.withUpstream(direct) : direct;
    const out = direct.slice();
    for (let v = 0; v < this.size; v++) {
      if (candidates[v] && !direct[v] && this.u.nodes[v] && this.parentsWithin(v, within)) out[v] = 1;
    }
    return out;
  }

  /**
   * dbt's `set(depends_on.nodes) <= selected`, read from the graph's edges. A dependency with no
   * vertex (an unresolved ref) is already a load error, so it is not re-checked here.
   */
  private parentsWithin(v: number, set: Uint8Array): boolean {
    if (!this.u.nodes[v]) return false;
    for (const p of this.u.g.parentIdx[v]) if (!set[p]) return false;
    return true;
  }

  private withUpstream(set: Uint8Array): Uint8Array {
    const out = set.slice();
    orInto(out, this.u.g.reach(indicesOf(set), 'up'));
    return out;
  }

  private withUpstreamAndSources(set: Uint8Array): Uint8Array {
    const out = this.withUpstream(set);
    for (let v = 0; v < this.size; v++) if (this.u.sources[v]) out[v] = 1;
    return out;
  }
}

function indicesOf(mask: Uint8Array): number[] {
  const out: number[] = [];
  for (let v = 0; v < mask.length; v++) if (mask[v]) out.push(v);
  return out;
}

function orInto(target: Uint8Array, other: Uint8Array): void {
  for (let v = 0; v < target.length; v++) target[v] |= other[v];
}
