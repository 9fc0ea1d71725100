/** Finding and compiling the macros of a macro file: `{% macro %}` and dbt's `{% test %}` blocks at top level. */
import { compileMacroDef } from './compile-stmt';
import { LineIndex } from './lexer';
import { parseTemplate } from './parser';
import type { MacroDef } from './runtime';

export interface MacroInfo {
  /** The callable name: `my_macro`, or `test_<name>` for `{% test <name>(...) %}`. */
  name: string;
  kind: 'macro' | 'test';
  /** Parameter names in order. */
  args: string[];
  file: string;
  /** 1-based position of the opening `{%`. */
  line: number;
  column: number;
  /** End of the closing `%}` (1-based, exclusive column). */
  endLine: number;
  endColumn: number;
  /** The block's text from `{% macro` to `endmacro %}`, as dbt stores it in `macro_sql`. */
  sql: string;
}

export interface CompiledMacroFile {
  infos: MacroInfo[];
  defs: MacroDef[];
}

export function compileMacroFile(file: string, source: string): CompiledMacroFile {
  const { body, source: src } = parseTemplate(source, file);
  const lines = new LineIndex(src);
  const infos: MacroInfo[] = [];
  const defs: MacroDef[] = [];
  for (const stmt of body) {
    if (stmt.k !== 'macro' || stmt.kind === 'materialization') continue;
    const end = lines.lineCol(stmt.endPos);
    infos.push({
      name: stmt.name,
      kind: stmt.kind,
      args: stmt.params.slice(),
      file,
      line: stmt.line,
      column: stmt.col,
      endLine: end.line,
      endColumn: end.col,
      sql: src.slice(stmt.startPos, stmt.endPos),
    });
    defs.push(compileMacroDef(stmt, { file }, true));
  }
  return { infos, defs };
}
