/**
 * Offsets ↔ LSP positions. Lines end at `\n` (a `\r` before it stays part of the line, as LSP
 * counts it), and characters are UTF-16 units, so a position maps to an index with no decoding.
 */
import type { Place } from '../problems';
import type { Position, Range } from './types';

export class TextIndex {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  position(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - this.starts[lo] };
  }

  /** Positions past a line's end clamp to it, as LSP asks of servers. */
  offset(pos: Position): number {
    if (pos.line < 0) return 0;
    if (pos.line >= this.starts.length) return this.text.length;
    const start = this.starts[pos.line];
    const next = pos.line + 1 < this.starts.length ? this.starts[pos.line + 1] - 1 : this.text.length;
    return Math.min(start + Math.max(0, pos.character), next);
  }

  range(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(end) };
  }

  get lineCount(): number {
    return this.starts.length;
  }
}

/** A manifest place (1-based line and column) as a 0-based range; an empty range when it has no end. */
export function placeRange(place: Place): Range {
  const start = { line: place.line - 1, character: Math.max(0, place.column - 1) };
  if (place.endLine === undefined || place.endColumn === undefined) return { start, end: start };
  return { start, end: { line: place.endLine - 1, character: Math.max(0, place.endColumn - 1) } };
}

/** Only where a place starts: YAML entries end where the next one starts, which is too much to select. */
export function placeStart(place: Place): Range {
  const start = { line: place.line - 1, character: Math.max(0, place.column - 1) };
  return { start, end: start };
}
