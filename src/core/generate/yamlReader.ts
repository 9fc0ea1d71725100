/**
 * Typed reads of YAML nodes that remember where each value came from. Every wrong value becomes a
 * Problem at the node's own line and column instead of an exception, so one pass reports them all.
 */
import { isMap, isScalar, isSeq, LineCounter, type Node, type Pair } from 'yaml';
import { closestNames, problem, type Place, type Problem } from '../problems';

export type YNode = Node | null | undefined;

export class YamlReader {
  readonly problems: Problem[] = [];
  constructor(
    readonly file: string,
    private readonly lines: LineCounter,
  ) {}

  place(node: YNode, fallback?: Place): Place {
    const range = node?.range;
    if (!range) return fallback ?? { file: this.file, line: 1, column: 1 };
    const a = this.lines.linePos(range[0]);
    const b = this.lines.linePos(range[1]);
    return { file: this.file, line: a.line, column: a.col, endLine: b.line, endColumn: b.col };
  }

  error(code: string, message: string, node: YNode | Place, extra: Partial<Problem> = {}): void {
    const place = isPlace(node) ? node : this.place(node);
    this.problems.push(problem(code, message, place, extra));
  }

  /** The entries of a mapping, with unknown keys reported (with "did you mean"). */
  entries(node: YNode, what: string, known?: readonly string[]): Array<{ key: string; keyNode: Node; value: YNode; pair: Pair }> {
    if (!isMap(node)) {
      this.error('spec-type', `${what} must be a mapping`, node);
      return [];
    }
    const out: Array<{ key: string; keyNode: Node; value: YNode; pair: Pair }> = [];
    for (const pair of (node).items) {
      const keyNode = pair.key as Node;
      const key = isScalar(keyNode) ? String(keyNode.value) : '';
      if (known && !known.includes(key)) {
        const suggestions = closestNames(key, known);
        this.error('spec-unknown-key', `Unknown key '${key}' in ${what}`, keyNode, {
          suggestions,
          hint: suggestions.length ? `did you mean ${suggestions.map((s) => `'${s}'`).join(' or ')}?` : `known keys: ${known.join(', ')}`,
        });
        continue;
      }
      out.push({ key, keyNode, value: pair.value as YNode, pair });
    }
    return out;
  }

  get(node: YNode, key: string): YNode {
    if (!isMap(node)) return undefined;
    for (const pair of node.items) {
      if (isScalar(pair.key) && String(pair.key.value) === key) return pair.value as YNode;
    }
    return undefined;
  }

  has(node: YNode, key: string): boolean {
    return isMap(node) && node.items.some((p) => isScalar(p.key) && String(p.key.value) === key);
  }

  scalar(node: YNode): unknown {
    return isScalar(node) ? node.value : undefined;
  }

  string(node: YNode, what: string): string | undefined {
    const v = this.scalar(node);
    if (typeof v === 'string' && v.length > 0) return v;
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    if (v instanceof Date) return v.toISOString().slice(0, 10);
    this.error('spec-type', `${what} must be a non-empty string`, node);
    return undefined;
  }

  number(node: YNode, what: string, opts: { min?: number; max?: number; integer?: boolean } = {}): number | undefined {
    const v = this.scalar(node);
    const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
    if (!Number.isFinite(n)) {
      this.error('spec-type', `${what} must be a number`, node);
      return undefined;
    }
    if (opts.integer && !Number.isInteger(n)) {
      this.error('spec-type', `${what} must be a whole number, got ${n}`, node);
      return undefined;
    }
    if (opts.min !== undefined && n < opts.min) {
      this.error('spec-range', `${what} must be at least ${opts.min}, got ${n}`, node);
      return undefined;
    }
    if (opts.max !== undefined && n > opts.max) {
      this.error('spec-range', `${what} must be at most ${opts.max}, got ${n}`, node);
      return undefined;
    }
    return n;
  }

  /** A date as `YYYY-MM-DD` (YAML may have turned it into a Date already). */
  date(node: YNode, what: string): string | undefined {
    const v = this.scalar(node);
    const s = v instanceof Date ? v.toISOString().slice(0, 19).replace('T', ' ') : typeof v === 'string' ? v : undefined;
    if (s && /^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2})?)?$/.test(s) && !Number.isNaN(Date.parse(s.replace(' ', 'T') + (s.length === 10 ? 'T00:00:00Z' : 'Z')))) {
      return s.endsWith(' 00:00:00') ? s.slice(0, 10) : s;
    }
    this.error('spec-type', `${what} must be a date like 2024-01-31 (or a timestamp like 2024-01-31 08:00:00)`, node);
    return undefined;
  }

  list(node: YNode, what: string): Node[] {
    if (isSeq(node)) return node.items as Node[];
    this.error('spec-type', `${what} must be a list`, node);
    return [];
  }

  /** A list of names, or one name on its own. */
  names(node: YNode, what: string): string[] {
    if (isSeq(node)) return node.items.map((n) => this.string(n as Node, what)).filter((s): s is string => s !== undefined);
    const one = this.string(node, what);
    return one === undefined ? [] : [one];
  }

  numbers(node: YNode, what: string, length?: number): number[] | undefined {
    const items = this.list(node, what);
    const out = items.map((n) => this.number(n, `each of ${what}`, { min: 0 }));
    if (out.some((n) => n === undefined)) return undefined;
    if (length !== undefined && out.length !== length) {
      this.error('spec-type', `${what} must list ${length} numbers, got ${out.length}`, node);
      return undefined;
    }
    return out as number[];
  }
}

function isPlace(x: unknown): x is Place {
  return typeof x === 'object' && x !== null && 'file' in x && 'line' in x && !('range' in x);
}
