/**
 * Editor-independent shapes for the editing help. They mirror LSP's (0-based lines, characters
 * in UTF-16 code units, which is what JavaScript string indices already count) so the language
 * server hands them over without conversion, and no module here needs `vscode` or the LSP types.
 */
import type { Manifest } from '../project';

export interface Position {
  /** 0-based line. */
  line: number;
  /** 0-based UTF-16 offset within the line. */
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** A place in another file: `file` is an absolute path, the server turns it into a URI. */
export interface Location {
  file: string;
  range: Range;
}

/**
 * Columns as DuckDB reports them, keyed by relation. Accepted keys: the lower-case
 * `schema.table` that `readCatalog` in diagrams produces, or a node's `relation_name`
 * (`"db"."schema"."table"`), quoted or not, in any case.
 */
export type Catalog = Record<string, Array<{ name: string; type: string }>>;

/** What the language features read: the engine's manifest and, when a warehouse exists, its catalog. */
export interface LanguageContext {
  manifest: Manifest;
  catalog?: Catalog;
}

/** The document being edited: its absolute path and current (unsaved) text. */
export interface TextDocumentInput {
  path: string;
  text: string;
}

export type CompletionKind = 'model' | 'seed' | 'snapshot' | 'source' | 'table' | 'macro' | 'builtin' | 'column';

export interface CompletionItem {
  label: string;
  kind: CompletionKind;
  /** One line shown beside the label: resource type, column type, macro signature. */
  detail?: string;
  /** Markdown shown in the details pane. */
  documentation?: string;
  /** Text that replaces `range`; the label when absent. */
  insertText?: string;
  /** The text the completion replaces (the partial name under the cursor). */
  range: Range;
  /** Orders items where the client sorts by it (LSP `sortText`). */
  sortText?: string;
}

/** LSP `CompletionItemKind` numbers for each kind, so the server maps without a switch. */
export const LSP_COMPLETION_KIND: Record<CompletionKind, number> = {
  model: 7, // Class
  seed: 12, // Value
  snapshot: 22, // Struct
  source: 9, // Module
  table: 22, // Struct
  macro: 3, // Function
  builtin: 14, // Keyword
  column: 5, // Field
};

export interface Hover {
  markdown: string;
  range: Range;
}

export interface DocumentLink {
  range: Range;
  /** Absolute path and 0-based line; the server makes `file:///…#L<line+1>`. */
  target: { file: string; line: number };
  tooltip: string;
}

export interface CodeLens {
  range: Range;
  command: { title: string; command: string; arguments: string[] };
}
