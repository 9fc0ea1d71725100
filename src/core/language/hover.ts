/**
 * Hover on a `ref`/`source`: what the relation is, how it is built and which columns it has
 * (DuckDB's types when the warehouse has it, YAML's otherwise); on a macro, its signature; on
 * `doc('x')`, the block's text.
 */
import { relationColumns, type ColumnFact } from './lookup';
import { symbolAt, type ResolvedSymbol } from './symbols';
import { TextIndex } from './text';
import type { Catalog, Hover, LanguageContext, Position, TextDocumentInput } from './types';

export function hover(ctx: LanguageContext, doc: TextDocumentInput, pos: Position): Hover | undefined {
  const idx = new TextIndex(doc.text);
  const sym = symbolAt(ctx.manifest, doc.text, idx.offset(pos));
  if (!sym) return undefined;
  return { markdown: hoverMarkdown(sym, ctx.catalog), range: idx.range(sym.start, sym.end) };
}

export function hoverMarkdown(sym: ResolvedSymbol, catalog: Catalog | undefined): string {
  switch (sym.kind) {
    case 'ref': {
      const n = sym.node;
      const lines = [`**${n.name}** — ${n.resource_type}, materialized as \`${n.config.materialized}\``];
      if (n.description) lines.push('', n.description);
      if (n.relation_name) lines.push('', `Relation: \`${n.relation_name}\``);
      lines.push('', `Defined in \`${n.original_file_path}\``);
      return lines.concat(columnsSection(relationColumns(n, catalog))).join('\n');
    }
    case 'source': {
      const s = sym.source;
      const lines = [`**${s.source_name}.${s.name}** — source table`];
      if (s.description) lines.push('', s.description);
      if (s.source_description) lines.push('', `Source \`${s.source_name}\`: ${s.source_description}`);
      lines.push('', `Relation: \`${s.relation_name}\``);
      if (s.loader) lines.push('', `Loaded by ${s.loader}`);
      lines.push('', `Declared in \`${s.original_file_path}\` line ${s.place.line}`);
      return lines.concat(columnsSection(relationColumns(s, catalog))).join('\n');
    }
    case 'macro': {
      const m = sym.macro;
      return [`\`\`\`jinja\n{% macro ${m.name}(${m.arguments.join(', ')}) %}\n\`\`\``, '', `Macro in \`${m.original_file_path}\` line ${m.place.line}`].join('\n');
    }
    case 'doc':
      return [`**doc** \`${sym.doc.name}\``, '', sym.doc.block_contents].join('\n');
  }
}

function columnsSection({ columns, fromCatalog }: { columns: ColumnFact[]; fromCatalog: boolean }): string[] {
  if (columns.length === 0) return ['', '_No columns known: run the model or document them in schema YAML._'];
  const rows = columns.map((c) => `| ${cell(c.name)} | ${cell(c.type ?? '')} | ${cell(c.description ?? '')} |`);
  return ['', `Columns (${fromCatalog ? 'from DuckDB' : 'from schema YAML'}):`, '', '| column | type | description |', '| --- | --- | --- |', ...rows];
}

/** Table cells cannot hold pipes or line breaks. */
function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}
