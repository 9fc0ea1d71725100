/**
 * Format Document for a model: sql-formatter (DuckDB dialect) lays out the SQL, every Jinja
 * block comes back byte for byte, and the result is checked before it is offered. A model that
 * cannot be formatted safely is refused with the reason and place, never damaged.
 *
 * Leading and trailing lines that hold only Jinja (`{{ config() }}`, `{% set %}`, the
 * `{% snapshot %}` wrapper) are kept exactly as written: the formatter would only pull them
 * together and drop the blank lines the author put around them.
 */
import { format } from 'sql-formatter';
import { lexSql } from '../language';
import { freshPrefix, restore, substitute, type Placeholder } from './placeholders';
import { jinjaUnits, type JinjaUnit } from './units';
import { verifyFormatting } from './verify';

export interface FormatOptions {
  /** Spaces per indent level (the editor's tab size); 4 by default, as dbt projects are usually written. */
  tabWidth?: number;
  useTabs?: boolean;
}

/** 1-based, like every place the engine reports. */
export interface FormatPlace {
  line: number;
  column: number;
}

export type FormatResult = { ok: true; text: string; changed: boolean } | { ok: false; reason: string; place: FormatPlace };

export function formatModel(text: string, options: FormatOptions = {}): FormatResult {
  const refuse = (reason: string, offset: number): FormatResult => ({ ok: false, reason, place: placeOf(text, offset) });
  const cut = jinjaUnits(text);
  if (!cut.ok) return refuse(cut.reason, cut.offset);
  const { from, to } = sqlBody(text, cut.units);
  if (from >= to) return { ok: true, text, changed: false };
  const units = cut.units.filter((u) => u.start >= from && u.end <= to);
  if (units.length > 9999) return refuse('too many Jinja blocks to format', from);
  const literals = lexSql(text, cut.spans).filter((t) => t.type === 'string' || t.type === 'quoted' || t.type === 'comment');
  const { sql, placeholders } = substitute(text, from, to, units, literals, freshPrefix(text));
  let laidOut: string;
  try {
    laidOut = format(sql, { language: 'duckdb', tabWidth: options.tabWidth ?? 4, useTabs: options.useTabs ?? false, keywordCase: 'preserve' });
  } catch (e) {
    return formatterError(text, e, sql, placeholders, from);
  }
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  if (eol !== '\n') laidOut = laidOut.replace(/\r?\n/g, eol);
  const body = restore(laidOut, placeholders, text);
  if (body === undefined) return refuse('the formatter moved a Jinja block out of place', from);
  const result = text.slice(0, from) + body + text.slice(to);
  const verdict = verifyFormatting(text, result);
  if (!verdict.ok) return refuse(verdict.reason, verdict.offset);
  return { ok: true, text: result, changed: result !== text };
}

/** The lines between the leading and the trailing lines that hold only Jinja units and blanks. */
function sqlBody(text: string, units: JinjaUnit[]): { from: number; to: number } {
  let masked = text;
  for (const u of units) masked = masked.slice(0, u.start) + ' '.repeat(u.end - u.start) + masked.slice(u.end);
  const first = masked.search(/\S/);
  if (first < 0) return { from: 0, to: 0 };
  const from = masked.lastIndexOf('\n', first) + 1;
  const last = masked.trimEnd().length - 1;
  const nl = masked.indexOf('\n', last);
  const to = nl < 0 ? text.length : text[nl - 1] === '\r' ? nl - 1 : nl;
  // A unit may straddle the edges of the body: the body then grows to hold it whole.
  let a = from;
  let b = to;
  for (const u of units) {
    if (u.start < a && u.end > a) a = u.start;
    if (u.start < b && u.end > b) b = u.end;
  }
  return { from: a, to: b };
}

function formatterError(text: string, e: unknown, sql: string, placeholders: Placeholder[], from: number): FormatResult {
  const message = e instanceof Error ? e.message : String(e);
  const m = /line (\d+) column (\d+)/.exec(message);
  let offset = from;
  if (m) {
    const lines = sql.split('\n');
    const at = lines.slice(0, Number(m[1]) - 1).reduce((n, l) => n + l.length + 1, 0) + Number(m[2]) - 1;
    offset = toOriginal(at, placeholders, from);
  }
  // The formatter's line and column count in the substituted text; the place says where it is.
  let reason = message.split('\n')[0].replace(/\.$/, '').replace(/ at line \d+ column \d+$/, '');
  for (const p of placeholders) reason = reason.split(p.text).join(text.slice(p.unit.start, p.unit.end));
  return { ok: false, reason: `sql-formatter cannot parse this model with its Jinja left out (${reason})`, place: placeOf(text, offset) };
}

/** An offset in the substituted SQL back in the original text; inside a stand-in, the unit's start. */
function toOriginal(at: number, placeholders: Placeholder[], from: number): number {
  let shift = from;
  for (const p of placeholders) {
    if (at < p.at) break;
    if (at < p.at + p.text.length) return p.unit.start;
    shift = p.unit.end - (p.at + p.text.length);
  }
  return at + shift;
}

function placeOf(text: string, offset: number): FormatPlace {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}
