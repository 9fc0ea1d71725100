/** Maps a DuckDB error position in an executed statement back to the model's source line. */
import type { DuckDBSqlError } from '../run';
import type { Place } from '../problems';

export interface StatementLayout {
  /** The statement as executed. */
  statement: string;
  /** Offset in `statement` where the compiled model SQL begins. */
  bodyOffset: number;
  lineMap: number[];
  file: string;
}

export function placeOfSqlError(err: DuckDBSqlError, layout: StatementLayout): Place {
  const fallback: Place = { file: layout.file, line: firstMappedLine(layout.lineMap), column: 1 };
  if (err.position === undefined) return fallback;
  const rel = err.position - layout.bodyOffset;
  if (rel < 0) return fallback;
  const body = layout.statement.slice(layout.bodyOffset);
  const before = body.slice(0, rel);
  const compiledLine = before.split('\n').length;
  const column = rel - before.lastIndexOf('\n');
  const sourceLine = layout.lineMap[compiledLine - 1];
  if (!sourceLine) return fallback;
  return { file: layout.file, line: sourceLine, column: Math.max(1, column) };
}

function firstMappedLine(map: number[]): number {
  return map.find((l) => l > 0) ?? 1;
}
