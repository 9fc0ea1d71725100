/**
 * Which columns a derived column reads, and the order tables must be generated in. Shared by
 * validation (cycles are errors with places) and by the SQL builder (layers of derived columns).
 */
import type { ColumnSpec, DatasetSpec, TableSpec } from './types';

/** Hidden per-row values a `sql:` expression may use besides the table's own columns. */
export const ROW_VARS = ['_row', '_child'];

/** Column names an SQL expression mentions (outside string literals), in first-seen order. */
export function sqlIdentifiers(sql: string): string[] {
  const noStrings = sql.replace(/'(?:[^']|'')*'/g, "''");
  const out: string[] = [];
  const re = /"((?:[^"]|"")+)"|(?<![.\w])([A-Za-z_]\w*)/g;
  for (let m = re.exec(noStrings); m; m = re.exec(noStrings)) {
    const name = m[1] !== undefined ? m[1].replace(/""/g, '"') : m[2];
    if (!out.includes(name)) out.push(name);
  }
  return out;
}

/** Same-table columns a column is computed from (derived columns only). */
export function columnDeps(table: TableSpec, col: ColumnSpec): string[] {
  const names = new Map(table.columns.map((c) => [c.name.toLowerCase(), c.name]));
  const g = col.gen;
  if (g.kind === 'sql') {
    return sqlIdentifiers(g.sql).map((n) => names.get(n.toLowerCase())).filter((n): n is string => n !== undefined && n !== col.name);
  }
  if (g.kind === 'template') {
    return g.parts.flatMap((p) => (p.kind === 'column' ? [p.column] : []));
  }
  return [];
}

/** A column whose value depends on the aggregate stage (itself an aggregate, or derived from one). */
export function aggregateDependent(table: TableSpec): Set<string> {
  const out = new Set(table.columns.filter((c) => c.gen.kind === 'aggregate').map((c) => c.name));
  let grew = true;
  while (grew) {
    grew = false;
    for (const c of table.columns) {
      if (!out.has(c.name) && columnDeps(table, c).some((d) => out.has(d))) {
        out.add(c.name);
        grew = true;
      }
    }
  }
  return out;
}

/** A cycle among derived columns, as the list of names going round it, or undefined. */
export function columnCycle(table: TableSpec): string[] | undefined {
  const byName = new Map(table.columns.map((c) => [c.name, c]));
  return findCycle(table.columns.map((c) => c.name), (n) => {
    const c = byName.get(n);
    return c ? columnDeps(table, c).filter((d) => byName.has(d)) : [];
  });
}

/**
 * Tables a table needs generated before it: its parents (per / cross), and the tables its `sql:`
 * columns look up (`(SELECT list(price ORDER BY product_id) FROM raw.products)[product_id]`).
 */
export function tableDeps(table: TableSpec, spec?: DatasetSpec): string[] {
  const r = table.rows;
  const out = r.kind === 'per' ? [r.parent] : r.kind === 'cross' ? [...r.parents] : [];
  for (const c of table.columns) {
    if (c.gen.kind === 'parent') out.push(c.gen.table || (r.kind === 'per' ? r.parent : ''));
    if (c.gen.kind === 'sql' && spec) out.push(...sqlTableRefs(c.gen.sql, spec));
  }
  return [...new Set(out.filter((t) => t && t !== table.name))];
}

/** Dataset tables an SQL expression reads, written `schema.table` (as lookups must be). */
export function sqlTableRefs(sql: string, spec: DatasetSpec): string[] {
  const noStrings = sql.replace(/'(?:[^']|'')*'/g, "''");
  const re = new RegExp(`(?<![\\w.])"?${spec.schema}"?\\s*\\.\\s*"?([A-Za-z_]\\w*)"?`, 'gi');
  const names = new Map(spec.tables.map((t) => [t.name.toLowerCase(), t.name]));
  const out: string[] = [];
  for (let m = re.exec(noStrings); m; m = re.exec(noStrings)) {
    const name = names.get(m[1].toLowerCase());
    if (name && !out.includes(name)) out.push(name);
  }
  return out;
}

/** Tables an aggregate stage reads (the `from` of each aggregate column). */
export function aggregateSources(table: TableSpec): string[] {
  return [...new Set(table.columns.flatMap((c) => (c.gen.kind === 'aggregate' ? [c.gen.from] : [])))];
}

/** Generation order: parents before children; stable in spec order otherwise. */
export function tableOrder(spec: DatasetSpec): TableSpec[] {
  const byName = new Map(spec.tables.map((t) => [t.name, t]));
  const out: TableSpec[] = [];
  const seen = new Set<string>();
  const visit = (t: TableSpec, stack: Set<string>) => {
    if (seen.has(t.name) || stack.has(t.name)) return;
    stack.add(t.name);
    for (const d of tableDeps(t, spec)) {
      const dt = byName.get(d);
      if (dt) visit(dt, stack);
    }
    stack.delete(t.name);
    seen.add(t.name);
    out.push(t);
  };
  for (const t of spec.tables) visit(t, new Set());
  return out;
}

/** Order of aggregate stages: a table after the tables it aggregates from have finished theirs. */
export function aggregateOrder(spec: DatasetSpec): TableSpec[] {
  const withAgg = spec.tables.filter((t) => aggregateSources(t).length > 0);
  const names = new Set(withAgg.map((t) => t.name));
  const out: TableSpec[] = [];
  const seen = new Set<string>();
  const byName = new Map(withAgg.map((t) => [t.name, t]));
  const visit = (t: TableSpec, stack: Set<string>) => {
    if (seen.has(t.name) || stack.has(t.name)) return;
    stack.add(t.name);
    for (const s of aggregateSources(t)) if (names.has(s)) visit(byName.get(s) as TableSpec, stack);
    stack.delete(t.name);
    seen.add(t.name);
    out.push(t);
  };
  for (const t of withAgg) visit(t, new Set());
  return out;
}

export function findCycle(nodes: string[], edges: (n: string) => string[]): string[] | undefined {
  const state = new Map<string, 1 | 2>();
  const path: string[] = [];
  const dfs = (n: string): string[] | undefined => {
    state.set(n, 1);
    path.push(n);
    for (const m of edges(n)) {
      if (state.get(m) === 1) return [...path.slice(path.indexOf(m)), m];
      if (!state.has(m)) {
        const c = dfs(m);
        if (c) return c;
      }
    }
    path.pop();
    state.set(n, 2);
    return undefined;
  };
  for (const n of nodes) {
    if (!state.has(n)) {
      const c = dfs(n);
      if (c) return c;
    }
  }
  return undefined;
}
