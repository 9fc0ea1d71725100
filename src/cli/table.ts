/** A plain-text table with aligned columns, as `dbt show` prints. */
export function formatTable(headers: string[], rows: unknown[][]): string {
  const cells = rows.map((r) => r.map(cellText));
  const widths = headers.map((h, i) => Math.min(40, Math.max(h.length, ...cells.map((r) => r[i]?.length ?? 0))));
  const line = (vals: string[]) => '| ' + vals.map((v, i) => clip(v, widths[i]).padEnd(widths[i])).join(' | ') + ' |';
  const sep = '| ' + widths.map((w) => '-'.repeat(w)).join(' | ') + ' |';
  return [line(headers), sep, ...cells.map(line)].join('\n');
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'object') return String(v);
  return String(v);
}

function clip(s: string, w: number): string {
  return s.length > w ? s.slice(0, w - 1) + '…' : s;
}
