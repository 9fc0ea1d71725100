/**
 * Turns cycles into problems a user can click: every member is named with its file, and each
 * member's place points at the ref() that closes the loop when the caller knows where it is.
 */
import { problem, type Place, type Problem, type RelatedPlace } from '../problems';
import type { Manifest } from '../project/types';

/**
 * Where `from`'s code refers to `to` (the `ref()`/`source()` call that makes `from` depend on
 * `to`), or undefined to fall back to the top of `from`'s file.
 */
export type RefPlace = (from: string, to: string) => Place | undefined;

/**
 * One `cycle` problem per cycle. A cycle [a, b] means a -> b -> a with edges parent -> child, so
 * each member's loop-closing ref points at the member before it.
 */
export function cycleProblems(m: Manifest, cycles: string[][], refPlace?: RefPlace): Problem[] {
  return cycles
    .filter((cycle) => cycle.length > 0)
    .map((cycle) => {
      const upstreamOf = (i: number): string => cycle[(i - 1 + cycle.length) % cycle.length];
      const placeOf = (i: number): Place => refPlace?.(cycle[i], upstreamOf(i)) ?? topOfFile(m, cycle[i]);
      const chain = cycle.map((id) => `${id} (${relativeFile(m, id)})`).join(' → ');
      const related: RelatedPlace[] = cycle.map((id, i) => ({
        ...placeOf(i),
        message:
          upstreamOf(i) === id
            ? `${id} (${relativeFile(m, id)}) refers to itself`
            : `${id} (${relativeFile(m, id)}) depends on ${upstreamOf(i)}`,
      }));
      const hint =
        cycle.length === 1
          ? 'A model cannot select from itself; for incremental models use {{ this }} instead of ref() to its own name.'
          : 'Remove one of these ref() calls, or move the shared logic into a new upstream model that both can ref().';
      return problem('cycle', `Found a cycle: ${chain} → ${cycle[0]}`, placeOf(0), { related, hint });
    });
}

function topOfFile(m: Manifest, id: string): Place {
  const node = m.nodes[id] ?? m.sources[id];
  return { file: node?.abs_path ?? id, line: 1, column: 1 };
}

function relativeFile(m: Manifest, id: string): string {
  const node = m.nodes[id] ?? m.sources[id];
  return node?.original_file_path ?? 'unknown file';
}
