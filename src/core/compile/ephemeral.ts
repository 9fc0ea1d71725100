/**
 * Ephemeral models become CTEs named `__dbt__cte__<model>` in the models that use them, as dbt
 * does: prepended to the model's own WITH clause when it has one, else as a new WITH.
 */
export interface CteDef {
  name: string;
  sql: string;
}

export interface Injected {
  sql: string;
  /** Compiled line index → source line, shifted for the inserted CTE lines (which map to 0). */
  lineMap: number[];
}

export function injectCtes(sql: string, lineMap: number[], ctes: CteDef[]): Injected {
  if (ctes.length === 0) return { sql, lineMap };
  const cteText = ctes.map((c) => `${c.name} as (\n${c.sql.trim()}\n)`).join(', ');
  const leading = leadingCommentsAndSpace(sql);
  const rest = sql.slice(leading.length);
  const withMatch = /^with\s/i.exec(rest);
  const headLines = leading.split('\n').length - 1;
  const cteLines = cteText.split('\n').length;
  if (withMatch) {
    // `with` + our CTEs + `,` then the model's own CTEs on the line where its `with` was.
    const body = rest.slice(withMatch[0].length);
    const out = `${leading}with ${cteText},\n${body}`;
    const map = [...lineMap.slice(0, headLines), ...new Array<number>(cteLines).fill(0), ...lineMap.slice(headLines)];
    return { sql: out, lineMap: map };
  }
  const out = `${leading}with ${cteText}\n${rest}`;
  const map = [...lineMap.slice(0, headLines), ...new Array<number>(cteLines).fill(0), ...lineMap.slice(headLines)];
  return { sql: out, lineMap: map };
}

/** Leading whitespace and SQL comments: a WITH after them is still the statement's first word. */
function leadingCommentsAndSpace(sql: string): string {
  const m = /^(?:\s+|--[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/)*/.exec(sql);
  return m ? m[0] : '';
}
