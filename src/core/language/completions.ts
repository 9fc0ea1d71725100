/**
 * Completion at a cursor: names inside `ref('`/`source('`, macros where Jinja expects a name,
 * and, in plain SQL, the columns of the relations this model refs. Every item carries the range
 * it replaces, so the client filters on exactly the text the user has typed.
 */
import { DBT_BUILTINS } from './builtins';
import { callAt, callsInSpan, findCalls, stringArgAt, tokenizeJinja, type JinjaCall } from './jinjaCalls';
import { scanJinja, spanAt, type JinjaSpan } from './jinjaSpans';
import { callTarget, findRef, findSource, refTargets, relationColumns } from './lookup';
import { lexSql, sqlTokenAt } from './sqlLexer';
import { TextIndex } from './text';
import type { CompletionItem, LanguageContext, Position, Range, TextDocumentInput } from './types';

export function completions(ctx: LanguageContext, doc: TextDocumentInput, pos: Position): CompletionItem[] {
  const idx = new TextIndex(doc.text);
  const offset = idx.offset(pos);
  const spans = scanJinja(doc.text);
  const span = spanAt(spans, offset);
  if (!span) return columnCompletions(ctx, doc.text, offset, idx, spans);
  if (span.kind === 'comment' || span.kind === 'raw' || offset < span.innerStart || offset > span.innerEnd) return [];
  const at = callAt(callsInSpan(doc.text, span), offset);
  const fromArgs = at ? argumentCompletions(ctx, at.call, at.argIndex, offset, idx) : undefined;
  if (fromArgs) return fromArgs;
  if (inJinjaString(doc.text, span, offset)) return [];
  return nameCompletions(ctx, doc.text, span, offset, idx);
}

function inJinjaString(text: string, span: JinjaSpan, offset: number): boolean {
  return tokenizeJinja(text, span.innerStart, span.innerEnd).some(
    (t) => t.type === 'string' && offset > t.start && (offset < t.end || !t.closed),
  );
}

/** Names for the string argument under the cursor, or quoted names at an empty argument. */
function argumentCompletions(ctx: LanguageContext, call: JinjaCall, argIndex: number, offset: number, idx: TextIndex): CompletionItem[] | undefined {
  if (call.name !== 'ref' && call.name !== 'source') return undefined;
  const positional = call.args.filter((a) => !a.keyword);
  const inString = stringArgAt(call, offset);
  if (inString?.keyword) return undefined;
  const occupied = call.args.some((a) => offset >= a.start && offset <= a.end);
  if (!inString && occupied) return undefined;
  const str = inString?.string;
  const range = str ? idx.range(str.start, str.end) : idx.range(offset, offset);
  const quote = (name: string) => (str ? name : `'${name}'`);
  const { manifest } = ctx;
  if (call.name === 'ref') {
    // In ref('package', 'model') the second argument is the model; the first a package name.
    const pkg = argIndex === 1 ? positional[0]?.string?.value : undefined;
    if (argIndex > 1 || (argIndex === 1 && pkg === undefined)) return [];
    return refTargets(manifest)
      .filter((n) => !pkg || n.package_name === pkg)
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((n) => ({
        label: n.name,
        kind: n.resource_type,
        detail: [n.resource_type, n.config.materialized, n.original_file_path].filter((x, i, all) => all.indexOf(x) === i).join(' · '),
        documentation: n.description || undefined,
        insertText: quote(n.name),
        range,
      }));
  }
  const sources = Object.values(manifest.sources);
  if (argIndex === 0) {
    const names = [...new Set(sources.map((s) => s.source_name))].sort();
    return names.map((name) => {
      const first = sources.find((s) => s.source_name === name)!;
      return { label: name, kind: 'source', detail: `source · ${first.schema}`, documentation: first.source_description || undefined, insertText: quote(name), range };
    });
  }
  if (argIndex !== 1) return [];
  const sourceName = positional[0]?.string?.value;
  return sources
    .filter((s) => s.source_name === sourceName)
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((s) => ({ label: s.name, kind: 'table', detail: `table · ${s.relation_name}`, documentation: s.description || undefined, insertText: quote(s.name), range }));
}

/** Macros and dbt's context members where Jinja expects a name; `pkg.` narrows to a package's macros. */
function nameCompletions(ctx: LanguageContext, text: string, span: JinjaSpan, offset: number, idx: TextIndex): CompletionItem[] {
  const before = text.slice(span.innerStart, offset);
  const word = /([A-Za-z_][A-Za-z0-9_]*\.)?([A-Za-z_][A-Za-z0-9_]*)?$/.exec(before)!;
  const prevChar = before[before.length - word[0].length - 1];
  if (prevChar !== undefined && /[0-9]/.test(prevChar)) return [];
  const tail = /^[A-Za-z0-9_]*/.exec(text.slice(offset, span.innerEnd))![0];
  const range = idx.range(offset - (word[2]?.length ?? 0), offset + tail.length);
  const pkg = word[1]?.slice(0, -1);
  const macros = Object.values(ctx.manifest.macros)
    .filter((m) => m.kind === 'macro' && (!pkg || m.package_name === pkg))
    .sort((a, b) => a.name.localeCompare(b.name));
  const items: CompletionItem[] = macros.map((m) => ({
    label: m.name,
    kind: 'macro',
    detail: `${m.name}(${m.arguments.join(', ')})`,
    documentation: `macro in \`${m.original_file_path}\``,
    range,
    sortText: `1${m.name}`,
  }));
  if (pkg) return items;
  return items.concat(
    DBT_BUILTINS.map((b) => ({ label: b.name, kind: 'builtin' as const, detail: b.signature, documentation: b.doc, range, sortText: `2${b.name}` })),
  );
}

/** In plain SQL: the columns of every relation the model refs or sources, in table order. */
function columnCompletions(ctx: LanguageContext, text: string, offset: number, idx: TextIndex, spans: readonly JinjaSpan[]): CompletionItem[] {
  const tok = sqlTokenAt(lexSql(text, spans), offset);
  if (tok && (tok.type === 'string' || tok.type === 'comment' || tok.type === 'quoted' || tok.type === 'number')) return [];
  const before = /[A-Za-z0-9_]*$/.exec(text.slice(0, offset))![0];
  const after = /^[A-Za-z0-9_]*/.exec(text.slice(offset))![0];
  const range: Range = idx.range(offset - before.length, offset + after.length);
  const byName = new Map<string, { item: CompletionItem; relations: string[] }>();
  let order = 0;
  for (const rel of referencedRelations(ctx, text, spans)) {
    for (const col of rel.columns) {
      const seen = byName.get(col.name.toLowerCase());
      if (seen) {
        seen.relations.push(rel.label);
        continue;
      }
      const item: CompletionItem = {
        label: col.name,
        kind: 'column',
        detail: col.type,
        documentation: col.description,
        range,
        sortText: String(order++).padStart(5, '0'),
      };
      byName.set(col.name.toLowerCase(), { item, relations: [rel.label] });
    }
  }
  return [...byName.values()].map(({ item, relations }) => ({
    ...item,
    detail: [item.detail, relations.join(', ')].filter(Boolean).join(' · '),
  }));
}

interface ReferencedRelation {
  label: string;
  columns: Array<{ name: string; type?: string; description?: string }>;
}

function referencedRelations(ctx: LanguageContext, text: string, spans: readonly JinjaSpan[]): ReferencedRelation[] {
  const out: ReferencedRelation[] = [];
  const seen = new Set<string>();
  for (const call of findCalls(text, spans)) {
    const t = callTarget(call);
    if (!t || t.kind === 'doc') continue;
    const target = t.kind === 'ref' ? findRef(ctx.manifest, t.name, t.pkg) : t.table ? findSource(ctx.manifest, t.source, t.table) : undefined;
    if (!target || seen.has(target.unique_id)) continue;
    seen.add(target.unique_id);
    const label = t.kind === 'ref' ? target.name : `${t.source}.${target.name}`;
    out.push({ label, columns: relationColumns(target, ctx.catalog).columns });
  }
  return out;
}
