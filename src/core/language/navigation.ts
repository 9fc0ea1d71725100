/**
 * Go to definition and document links: from a `ref` to the model file, from a `source` to its
 * entry in schema YAML, from a macro call to its `{% macro %}`, from `doc('x')` to its docs block.
 */
import { scanJinja } from './jinjaSpans';
import { resolvedCalls, symbolAt, type ResolvedSymbol } from './symbols';
import { placeStart, TextIndex } from './text';
import type { DocumentLink, LanguageContext, Location, Position, TextDocumentInput } from './types';

const FILE_START = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

export function definition(ctx: LanguageContext, doc: TextDocumentInput, pos: Position): Location | undefined {
  const idx = new TextIndex(doc.text);
  const sym = symbolAt(ctx.manifest, doc.text, idx.offset(pos));
  return sym && locationOf(sym);
}

export function locationOf(sym: ResolvedSymbol): Location {
  switch (sym.kind) {
    case 'ref':
      return { file: sym.node.abs_path, range: FILE_START };
    case 'source':
      return { file: sym.source.abs_path, range: placeStart(sym.source.place) };
    case 'macro':
      return { file: sym.macro.abs_path, range: placeStart(sym.macro.place) };
    case 'doc':
      return { file: sym.doc.abs_path, range: placeStart(sym.doc.place) };
  }
}

/** A link on the name each ref/source call points with: the model name, or the source's table name. */
export function documentLinks(ctx: LanguageContext, doc: TextDocumentInput): DocumentLink[] {
  const idx = new TextIndex(doc.text);
  const links: DocumentLink[] = [];
  for (const { call, symbol } of resolvedCalls(ctx.manifest, doc.text, scanJinja(doc.text))) {
    if (symbol.kind !== 'ref' && symbol.kind !== 'source') continue;
    const named = call.args.filter((a) => a.string && !a.keyword);
    const last = named[named.length - 1]?.string;
    if (!last) continue;
    const loc = locationOf(symbol);
    const tooltip =
      symbol.kind === 'ref'
        ? `Open ${symbol.node.resource_type} ${symbol.node.name} (${symbol.node.original_file_path})`
        : `Open source ${symbol.source.source_name}.${symbol.source.name} (${symbol.source.original_file_path}:${symbol.source.place.line})`;
    links.push({ range: idx.range(last.start, last.end), target: { file: loc.file, line: loc.range.start.line }, tooltip });
  }
  return links;
}
