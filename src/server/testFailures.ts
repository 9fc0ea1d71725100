/**
 * Failing data tests by the YAML line that declares them, so hovering that line shows which rows
 * failed. Only the latest result of each test is kept.
 */
import type { NodeResult } from '../core/run';
import type { Cell, FilePlace } from '../protocol';
import { toCell } from './cells';

export interface TestFailureDetail {
  testId: string;
  title: string;
  status: string;
  failures: number;
  columns: string[];
  rows: Cell[][];
  place: FilePlace;
}

export class TestFailureIndex {
  private readonly byTest = new Map<string, TestFailureDetail>();

  set(detail: TestFailureDetail): void {
    this.byTest.set(detail.testId, detail);
  }

  delete(testId: string): void {
    this.byTest.delete(testId);
  }

  retain(keep: (testId: string) => boolean): void {
    for (const id of [...this.byTest.keys()]) if (!keep(id)) this.byTest.delete(id);
  }

  /** `line` is 1-based. */
  at(file: string, line: number): TestFailureDetail[] {
    return [...this.byTest.values()].filter((d) => d.place.file === file && d.place.line === line);
  }
}

/**
 * The sample of failing rows a test result carries. The tests module attaches it as extra fields
 * on the result; both a `{columns, rows}` table and a list of row objects are understood.
 */
export function sampleOf(r: NodeResult): { columns: string[]; rows: Cell[][] } {
  for (const key of ['sample', 'sample_rows', 'failing_rows', 'rows']) {
    const v = r[key];
    if (Array.isArray(v)) return fromObjects(v);
    if (v && typeof v === 'object') {
      const t = v as { columns?: unknown; rows?: unknown };
      if (Array.isArray(t.rows) && Array.isArray(t.columns)) {
        const columns = t.columns.map((c) => (c && typeof c === 'object' && 'name' in c ? String((c as { name: unknown }).name) : String(c)));
        const rows = t.rows.map((row) => (Array.isArray(row) ? row.map(toCell) : columns.map((c) => toCell((row as Record<string, unknown>)[c]))));
        return { columns, rows };
      }
    }
  }
  return { columns: [], rows: [] };
}

function fromObjects(list: unknown[]): { columns: string[]; rows: Cell[][] } {
  const objs = list.filter((x): x is Record<string, unknown> => !!x && typeof x === 'object' && !Array.isArray(x));
  const columns = [...new Set(objs.flatMap((o) => Object.keys(o)))];
  return { columns, rows: objs.map((o) => columns.map((c) => toCell(o[c]))) };
}

const MAX_HOVER_ROWS = 10;

export function failureHoverMarkdown(details: TestFailureDetail[]): string {
  return details
    .map((d) => {
      const head = `**${d.title}**`;
      if (!d.columns.length) return head;
      const esc = (v: Cell) => String(v ?? 'NULL').replace(/\|/g, '\\|').replace(/\n/g, ' ');
      const rows = d.rows.slice(0, MAX_HOVER_ROWS).map((r) => `| ${r.map(esc).join(' | ')} |`);
      const more = d.rows.length > MAX_HOVER_ROWS ? `\n\n…and ${d.rows.length - MAX_HOVER_ROWS} more sample rows` : '';
      return [head, '', `Sample of what the test query returned (${Math.min(d.rows.length, MAX_HOVER_ROWS)} row${d.rows.length === 1 ? '' : 's'}):`, '', `| ${d.columns.map((c) => esc(c)).join(' | ')} |`, `|${d.columns.map(() => ' --- ').join('|')}|`, ...rows].join('\n') + more;
    })
    .join('\n\n---\n\n');
}
