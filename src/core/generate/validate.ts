/**
 * Checks that need the whole spec (names that must exist, cycles, what a defect may hit), so that a
 * bad spec fails with its file:line before any DuckDB file is touched.
 */
import { closestNames, problem, type Place, type Problem } from '../problems';
import { aggregateDependent, aggregateSources, columnCycle, findCycle, tableDeps } from './deps';
import { fakerMethodExists, fakerMethodNames, localeExists } from './pools';
import type { ColumnSpec, DatasetSpec, Generator, TableSpec } from './types';

export const KEY_KINDS: ReadonlyArray<Generator['kind']> = ['seq', 'dateSeq', 'id', 'uuid'];

export function validateSpec(spec: DatasetSpec): Problem[] {
  const out: Problem[] = [];
  const err = (code: string, message: string, place: Place, extra: Partial<Problem> = {}) => out.push(problem(code, message, place, extra));
  const tables = new Map(spec.tables.map((t) => [t.name, t]));
  const tableNames = [...tables.keys()];
  const needTable = (name: string, place: Place, what: string): TableSpec | undefined => {
    const t = tables.get(name);
    if (!t) {
      const suggestions = closestNames(name, tableNames);
      err('unknown-table', `${what} names table '${name}', which the spec does not define`, place, { suggestions, ...(suggestions.length ? { hint: `did you mean '${suggestions[0]}'?` } : {}) });
    }
    return t;
  };
  const needColumn = (t: TableSpec, name: string, place: Place, what: string): ColumnSpec | undefined => {
    const c = t.columns.find((x) => x.name === name);
    if (!c) {
      const suggestions = closestNames(name, t.columns.map((x) => x.name));
      err('unknown-column', `${what} names column '${name}', which table '${t.name}' does not have`, place, { suggestions, ...(suggestions.length ? { hint: `did you mean '${suggestions[0]}'?` } : {}) });
    }
    return c;
  };
  if (!spec.tables.length) err('spec-tables', 'The dataset spec defines no tables', spec.place);
  if (!localeExists(spec.locale)) err('unknown-locale', `Unknown Faker locale '${spec.locale}'`, spec.place, { suggestions: [] });

  // Columns that other tables point at: a defect there would break more than it reports.
  const referenced = new Set<string>();
  for (const t of spec.tables) {
    const r = t.rows;
    if (r.kind === 'per') needTable(r.parent, r.place, `rows.per of '${t.name}'`);
    if (r.kind === 'cross') for (const p of r.parents) needTable(p, r.place, `rows.cross of '${t.name}'`);
    if (r.kind === 'count' && r.count < 0) err('spec-range', `rows of '${t.name}' cannot be negative`, r.place);
    for (const k of t.primaryKey) needColumn(t, k, t.place, `primary_key of '${t.name}'`);
    const seen = new Set<string>();
    for (const c of t.columns) {
      if (seen.has(c.name.toLowerCase())) err('duplicate-column', `Column '${c.name}' appears twice in '${t.name}'`, c.place);
      seen.add(c.name.toLowerCase());
      checkGenerator(t, c);
    }
    const cycle = columnCycle(t);
    if (cycle) {
      const at = t.columns.find((c) => c.name === cycle[0]) as ColumnSpec;
      err('cycle', `Derived columns of '${t.name}' depend on each other in a cycle: ${cycle.join(' → ')}`, at.genPlace);
    }
    checkChanges(t);
  }
  const structural = findCycle(tableNames, (n) => tableDeps(tables.get(n) as TableSpec, spec).filter((d) => tables.has(d)));
  if (structural) err('cycle', `Tables are each other's parents in a cycle: ${structural.join(' → ')}`, (tables.get(structural[0]) as TableSpec).rows.place);
  const aggCycle = findCycle(tableNames, (n) => aggregateSources(tables.get(n) as TableSpec).filter((d) => tables.has(d) && d !== n));
  if (aggCycle) err('cycle', `Aggregates read each other in a cycle: ${aggCycle.join(' → ')}`, (tables.get(aggCycle[0]) as TableSpec).place);
  for (const t of spec.tables) for (const d of t.defects) checkDefect(t, d);
  return out;

  function checkGenerator(t: TableSpec, c: ColumnSpec): void {
    const g = c.gen;
    const where = `'${t.name}.${c.name}'`;
    switch (g.kind) {
      case 'faker':
        if (!fakerMethodExists(g.method)) {
          const suggestions = closestNames(g.method, fakerMethodNames());
          err('unknown-faker-method', `Unknown Faker method '${g.method}' in ${where}`, c.genPlace, {
            suggestions,
            hint: suggestions.length ? `did you mean '${suggestions[0]}'?` : 'methods are written module.method, e.g. person.firstName',
          });
        }
        if (g.locale && !localeExists(g.locale)) err('unknown-locale', `Unknown Faker locale '${g.locale}' in ${where}`, c.genPlace);
        break;
      case 'ref': {
        const target = needTable(g.table, c.genPlace, `ref of ${where}`);
        const tc = target && needColumn(target, g.column, c.genPlace, `ref of ${where}`);
        if (tc && !KEY_KINDS.includes(tc.gen.kind)) {
          err('ref-not-key', `ref of ${where} points at '${g.table}.${g.column}', which is not a generated key (seq, id or uuid)`, c.genPlace, { hint: 'point refs at a key column generated with seq:, id: or uuid:' });
        }
        if (tc) referenced.add(`${g.table}.${g.column}`);
        break;
      }
      case 'parent': {
        const r = t.rows;
        const parents = r.kind === 'per' ? [r.parent] : r.kind === 'cross' ? r.parents : [];
        if (!parents.length) {
          err('parent-without-rows', `${where} copies a parent column, but '${t.name}' has no parent (rows: {per: …} or {cross: …})`, c.genPlace);
          break;
        }
        const table = g.table || (parents.length === 1 ? parents[0] : '');
        if (!table) {
          err('parent-ambiguous', `${where}: write parent as table.column, one of ${parents.join(', ')}`, c.genPlace);
          break;
        }
        if (!parents.includes(table)) {
          err('parent-not-parent', `${where} copies from '${table}', which is not a parent of '${t.name}' (${parents.join(', ')})`, c.genPlace);
          break;
        }
        const pt = tables.get(table);
        const pc = pt && needColumn(pt, g.column, c.genPlace, `parent of ${where}`);
        if (pt && pc && aggregateDependent(pt).has(pc.name)) {
          err('cycle', `${where} copies '${table}.${pc.name}', which is aggregated from child rows: a cycle`, c.genPlace);
        }
        if (pc) referenced.add(`${table}.${g.column}`);
        break;
      }
      case 'template':
        for (const p of g.parts) if (p.kind === 'column') needColumn(t, p.column, c.genPlace, `template of ${where}`);
        break;
      case 'aggregate': {
        const from = needTable(g.from, c.genPlace, `aggregate of ${where}`);
        if (!from) break;
        if (g.on.length) {
          for (const [childCol, parentCol] of g.on) {
            needColumn(from, childCol, c.genPlace, `aggregate.on of ${where}`);
            needColumn(t, parentCol, c.genPlace, `aggregate.on of ${where}`);
          }
        } else if (!inferAggregateJoin(t, from)) {
          err('aggregate-join', `${where} aggregates '${g.from}', but no column of '${g.from}' points at '${t.name}'s key`, c.genPlace, { hint: 'add on: {child_column: parent_column}' });
        }
        break;
      }
      case 'number':
        if (g.distribution === 'zipf' && !g.integer) err('spec-distribution', `${where}: zipf draws whole numbers; use int:`, c.genPlace);
        break;
      default:
        break;
    }
  }

  function checkChanges(t: TableSpec): void {
    const ch = t.changes;
    if (!ch) return;
    if (t.rows.kind !== 'count' && (ch.inserts > 0 || ch.late > 0)) {
      err('changes-child', `'${t.name}' gets its rows from its parents: new and late rows come with them (inserts/late apply to tables with a row count)`, ch.place);
    }
    const keyish = new Set(t.primaryKey);
    for (const c of t.columns) if (KEY_KINDS.includes(c.gen.kind) || c.gen.kind === 'ref' || c.gen.kind === 'parent') keyish.add(c.name);
    for (const name of ch.updateColumns) {
      const c = needColumn(t, name, ch.place, `changes.update_columns of '${t.name}'`);
      if (c && keyish.has(name)) err('changes-key', `'${t.name}.${name}' is a key or reference; updates change attributes, not keys`, ch.place);
      if (c && c.gen.kind === 'aggregate') err('changes-key', `'${t.name}.${name}' is aggregated from child rows and cannot be updated`, ch.place);
    }
    for (const [what, name] of [['updated_at', ch.updatedAt], ['event_time', ch.eventTime]] as const) {
      if (!name) continue;
      const c = needColumn(t, name, ch.place, `changes.${what} of '${t.name}'`);
      if (c && !(c.gen.kind === 'date' || c.gen.kind === 'dateSeq')) err('changes-time', `changes.${what} of '${t.name}' must be a date or timestamp column`, ch.place);
    }
  }

  function checkDefect(t: TableSpec, d: { type: string; column?: string; place: Place }): void {
    if (!d.column) return;
    const c = needColumn(t, d.column, d.place, `the ${d.type} defect of '${t.name}'`);
    if (!c) return;
    const k = c.gen.kind;
    if (aggregateDependent(t).has(c.name)) err('defect-column', `Defects cannot hit '${t.name}.${c.name}': it is computed from child rows after the defects are placed`, d.place);
    if (d.type === 'orphan_fks' && k !== 'ref' && k !== 'parent') err('defect-column', `orphan_fks needs a ref: or parent: column; '${c.name}' is ${k}`, d.place);
    if (d.type === 'out_of_range' && !(k === 'number' || k === 'date' || k === 'dateSeq' || k === 'seq')) err('defect-column', `out_of_range needs a number or date column; '${c.name}' is ${k}`, d.place);
    if (d.type === 'malformed' && !isStringy(c)) err('defect-column', `malformed needs a text column; '${c.name}' is ${k}`, d.place);
    if (d.type !== 'orphan_fks' && referenced.has(`${t.name}.${c.name}`)) {
      err('defect-column', `'${t.name}.${c.name}' is referenced by other tables; a ${d.type} defect there would orphan them. Put orphan_fks on the referencing column instead`, d.place);
    }
  }
}

export function isStringy(c: ColumnSpec): boolean {
  const g = c.gen;
  if (c.type) return /char|text|string/i.test(c.type);
  return g.kind === 'id' || g.kind === 'uuid' || g.kind === 'faker' || g.kind === 'template' || (g.kind === 'choice' && g.values.every((v) => typeof v === 'string')) || (g.kind === 'const' && typeof g.value === 'string');
}

/** The child's column that points at the parent's key, for an aggregate without `on:`. */
export function inferAggregateJoin(parent: TableSpec, child: TableSpec): Array<[string, string]> | undefined {
  for (const c of child.columns) {
    const g = c.gen;
    if (g.kind === 'ref' && g.table === parent.name) return [[c.name, g.column]];
    if (g.kind === 'parent') {
      const table = g.table || (child.rows.kind === 'per' ? child.rows.parent : '');
      const pc = parent.columns.find((x) => x.name === g.column);
      if (table === parent.name && pc && (KEY_KINDS.includes(pc.gen.kind) || parent.primaryKey.includes(pc.name))) return [[c.name, g.column]];
    }
  }
  return undefined;
}
