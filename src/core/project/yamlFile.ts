/**
 * YAML with source positions: every problem found in a YAML file (syntax or content) must point
 * at its line and column, so we keep the document's nodes rather than plain JS values.
 */
import { LineCounter, parseDocument, isMap, isScalar, isSeq, type Document, type Node, type YAMLMap, type Pair } from 'yaml';
import type { Place, Problem } from '../problems';

export class YamlFile {
  private constructor(
    readonly file: string,
    readonly doc: Document.Parsed,
    private readonly lines: LineCounter,
  ) {}

  static parse(file: string, text: string, problems: Problem[]): YamlFile {
    const lines = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
    const yf = new YamlFile(file, doc, lines);
    for (const e of doc.errors) {
      const [line, column] = e.linePos?.[0] ? [e.linePos[0].line, e.linePos[0].col] : yf.lineCol(e.pos[0]);
      problems.push({
        code: 'yaml-syntax',
        severity: 'error',
        file,
        line,
        column,
        message: `YAML syntax error: ${firstLine(e.message)}`,
        hint: 'Check indentation and that every key is followed by a colon and a space.',
      });
    }
    return yf;
  }

  get ok(): boolean {
    return this.doc.errors.length === 0;
  }

  lineCol(offset: number): [number, number] {
    const p = this.lines.linePos(offset);
    return [p.line, p.col];
  }

  /** Where a node starts (1-based), or the file's first line when the node is absent. */
  placeOf(node: unknown): Place {
    const range = node && typeof node === 'object' && 'range' in node ? (node as Node).range : undefined;
    if (!range) return { file: this.file, line: 1, column: 1 };
    const [line, column] = this.lineCol(range[0]);
    const [endLine, endColumn] = this.lineCol(range[1]);
    return { file: this.file, line, column, endLine, endColumn };
  }

  /** Where a map entry starts: its key, which is where a reader's eye goes. */
  placeOfPair(pair: Pair): Place {
    return this.placeOf(pair.key ?? pair.value);
  }
}

export function firstLine(s: string): string {
  return s.split('\n')[0].trim();
}

export function asMap(node: unknown): YAMLMap | undefined {
  return isMap(node) ? node : undefined;
}

export function seqItems(node: unknown): unknown[] {
  return isSeq(node) ? node.items : [];
}

export function mapGetNode(map: YAMLMap | undefined, key: string): unknown {
  if (!map) return undefined;
  for (const pair of map.items) {
    if (isScalar(pair.key) && pair.key.value === key) return pair.value;
  }
  return undefined;
}

export function mapPairs(map: YAMLMap | undefined): Array<{ key: string; pair: Pair }> {
  if (!map) return [];
  const out: Array<{ key: string; pair: Pair }> = [];
  for (const pair of map.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    out.push({ key, pair });
  }
  return out;
}

/** The plain JS value of a node (undefined for an absent node). */
export function toJs(node: unknown): unknown {
  if (node === undefined || node === null) return undefined;
  if (typeof node === 'object' && 'toJSON' in node && typeof (node).toJSON === 'function') {
    return (node as { toJSON(): unknown }).toJSON();
  }
  return node;
}

export function scalarString(node: unknown): string | undefined {
  const v = toJs(node);
  return v === undefined || v === null ? undefined : String(v);
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
