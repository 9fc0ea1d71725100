/** Seeds: a CSV file loaded into a table with DuckDB's CSV reader, column_types honoured. */
import { ProblemError, type Problem } from '../problems';
import type { ManifestNode } from '../project';
import { qualified, replaceWithTable, type MaterializeOutcome } from './materialize';
import { sqlString, type Warehouse } from './warehouse';

export function seedSelect(node: ManifestNode): string {
  const opts = [`header = true`, `auto_detect = true`, `sample_size = -1`];
  const types = node.config.column_types;
  if (types && Object.keys(types).length) {
    opts.push(`types = {${Object.entries(types).map(([c, t]) => `${sqlString(c)}: ${sqlString(String(t))}`).join(', ')}}`);
  }
  if (typeof node.config.delimiter === 'string') opts.push(`delim = ${sqlString(node.config.delimiter)}`);
  return `select * from read_csv(${sqlString(node.abs_path)}, ${opts.join(', ')})`;
}

export async function loadSeed(wh: Warehouse, node: ManifestNode): Promise<MaterializeOutcome> {
  const bad = csvShapeProblem(node.raw_code, typeof node.config.delimiter === 'string' ? node.config.delimiter : ',', node.abs_path);
  if (bad) throw new ProblemError({ ...bad, message: `Seed ${node.name}: ${bad.message}` });
  return replaceWithTable(wh, node, `create or replace table ${qualified(node)} as `, seedSelect(node), 'INSERT');
}

/**
 * The shape faults DuckDB's CSV sniffer hides: with every row read for type detection it falls
 * back to a one-column dialect on a ragged row or an unclosed quote and loads garbage without a
 * word, and an empty file becomes a table with a made-up column. Found here with the line to fix.
 */
export function csvShapeProblem(text: string, delimiter: string, file: string): Problem | undefined {
  const at = (line: number, message: string, hint: string): Problem => ({ code: 'seed-csv', severity: 'error', file, line, column: 1, message, hint });
  if (!text.replace(/^\uFEFF/, '').trim()) return at(1, 'the file is empty; a seed needs a header row.', 'Add a header line naming the columns, then the rows.');
  if (delimiter.length !== 1) return undefined;
  const delim = delimiter.charCodeAt(0);
  let line = 1;
  let recordLine = 1;
  let fields = 1;
  let blank = true;
  let header = -1;
  let quoteOpenedAt = 0;
  const endRecord = (): Problem | undefined => {
    if (!blank) {
      if (header < 0) header = fields;
      else if (fields !== header) return at(recordLine, `the row at line ${recordLine} has ${fields} field${fields === 1 ? '' : 's'}; the header has ${header}.`, `Every row needs ${header} values separated by '${delimiter}'; quote values that contain '${delimiter}'.`);
    }
    fields = 1;
    blank = true;
    recordLine = line;
    return undefined;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (quoteOpenedAt) {
      if (ch === 34) {
        if (text.charCodeAt(i + 1) === 34) i++;
        else quoteOpenedAt = 0;
      } else if (ch === 10) line++;
      continue;
    }
    if (ch === 34) {
      quoteOpenedAt = line;
      blank = false;
    } else if (ch === delim) {
      fields++;
      blank = false;
    } else if (ch === 10) {
      line++;
      const p = endRecord();
      if (p) return p;
    } else if (ch !== 13 && ch !== 32 && ch !== 9 && ch !== 0xfeff) {
      blank = false;
    }
  }
  if (quoteOpenedAt) return at(quoteOpenedAt, `a quoted value opened at line ${quoteOpenedAt} is never closed.`, 'Close the quote, or double a quote inside a quoted value ("").');
  return endRecord();
}
