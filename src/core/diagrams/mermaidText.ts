/**
 * Turning arbitrary project names into Mermaid tokens. Mermaid's lexers are regex lists tried in
 * order, so a name can be swallowed by a keyword rule (`end`, `one`, `to`), a line rule
 * (`direction LR` anywhere on a line), or the entity pre-pass (`#…;`, `style…:…#…;`). Every
 * function here was checked against the real parser (test/unit/diagrams/parse.test.ts).
 */
import { createHash } from 'node:crypto';

const SAFE_WORD = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Code-point order: the same on every machine, unlike localeCompare, so the text is reproducible. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function shortHash(s: string): string {
  return createHash('sha1').update(s).digest('hex').slice(0, 6);
}

/** Replaces every run of characters outside `[A-Za-z0-9_]` with one `_`. */
export function sanitizeWord(s: string): string {
  return s.replace(/[^A-Za-z0-9_]+/g, '_');
}

const FLOW_PREFIX: Record<string, string> = {
  model: 'm',
  seed: 'seed',
  snapshot: 'snap',
  test: 't',
  source: 'src',
  analysis: 'an',
};

/**
 * A flowchart node id that depends only on the unique_id (and the root package name), so the
 * same node keeps its id across calls, focus changes and edits elsewhere in the project — the
 * panel keys status colours and clicks on it. Readable when the name allows it; otherwise a
 * sanitized form plus a hash keeps two names that sanitize alike apart.
 */
export function flowNodeId(uniqueId: string, rootPackage: string): string {
  const parts = uniqueId.split('.');
  const kind = parts[0];
  const prefix = FLOW_PREFIX[kind] ?? 'n';
  let rest = parts.slice(1);
  if (rest.length > 1 && rest[0] === rootPackage) rest = rest.slice(1);
  // Joining with `__` is reversible only while no segment holds `__` or starts/ends with `_`.
  const clean = rest.every((p) => SAFE_WORD.test(p) && !p.includes('__') && !p.startsWith('_') && !p.endsWith('_'));
  if (clean && rest.length > 0) return `${prefix}_${rest.join('__')}`;
  const body = sanitizeWord(rest.join('.')).replace(/^_+|_+$/g, '').slice(0, 48);
  return `${prefix}_${body ? body + '_' : ''}${shortHash(uniqueId)}`;
}

/** A subgraph id from a group name; the `g_` prefix keeps it apart from every node id. */
export function flowGroupId(group: string): string {
  if (SAFE_WORD.test(group) && !group.includes('__')) return `g_${group}`;
  const body = sanitizeWord(group).replace(/^_+|_+$/g, '').slice(0, 40);
  return `g_${body ? body + '_' : ''}${shortHash(group)}`;
}

// Characters that end a quoted label, start an entity code, turn into HTML, start a markdown
// string, or let Mermaid's `style…:…#…;` pre-pass eat a `;`. Each becomes a numeric entity code,
// which Mermaid decodes back to the character when it renders.
const FLOW_ESCAPES = /["#&<>`:]/g;

/** Text for inside `"…"` in a flowchart label or subgraph title; renders as the original. */
export function flowLabel(text: string): string {
  // An empty `""` is a parse error.
  if (!text.trim()) return ' ';
  return text
    .replace(/[\r\n\t\v\f]+/g, ' ')
    .replace(FLOW_ESCAPES, (c) => `#${c.charCodeAt(0)};`)
    .replace(/(direction)(\s+)(TB|BT|RL|LR|TD)/gi, '$1#32;$3');
}

// erDiagram keywords matched before the plain word rule (case-insensitive lexer).
const ER_KEYWORDS = new Set([
  'one', 'many', 'only', 'zero', 'to', 'optionally', 'u', 'o', 'end', 'style', 'class', 'classdef',
  'subgraph', 'direction', 'erdiagram', 'acctitle', 'accdescr', 'pk', 'fk', 'uk',
]);

/**
 * An erDiagram entity name: bare when it is a plain word, else double-quoted. Inside quotes
 * Mermaid refuses `"`, `%`, `\` and control characters; `#` is dropped too, as the entity pre-pass
 * would rewrite `#x;`.
 */
export function erEntityName(name: string): string {
  if (SAFE_WORD.test(name) && !ER_KEYWORDS.has(name.toLowerCase())) return name;
  const inner = erQuotedText(name) || '_';
  return `"${inner}"`;
}

/** Text for inside `"…"` in an erDiagram (entity names, relationship labels, comments). */
export function erQuotedText(text: string): string {
  return text
    .replace(/[\r\n\t\v\f\b]+/g, ' ')
    .replace(/["%\\#]/g, '_')
    .replace(/(direction)\s+(TB|BT|RL|LR)/gi, '$1_$2');
}

/**
 * An attribute name token. Restricted to ASCII words so the text also parses in Mermaid
 * versions older than the pinned one; the caller shows the original in the attribute comment
 * whenever this changes it.
 */
export function erAttributeName(name: string): string {
  let out = sanitizeWord(name);
  if (!out || /^[0-9]/.test(out)) out = `_${out}`;
  if (ER_KEYWORDS.has(out.toLowerCase())) out = `${out}_`;
  return out;
}

/**
 * An attribute type token: `DECIMAL(10,2)` → `DECIMAL_10_2`, `TIMESTAMP WITH TIME ZONE` →
 * `TIMESTAMP_WITH_TIME_ZONE`, nested types (STRUCT, MAP, UNION, ENUM) by their base name, arrays
 * keep their `[]`. Older Mermaid 11 releases reject `,` and spaces in types.
 */
export function erTypeName(type: string | undefined): string {
  const t = (type ?? '').trim();
  if (!t) return 'unknown';
  const arraySuffix = /(\[\d*\])+$/.exec(t)?.[0] ?? '';
  const base = arraySuffix ? t.slice(0, -arraySuffix.length) : t;
  const nested = /^(STRUCT|MAP|UNION|ENUM)\s*\(/i.exec(base);
  let out = nested ? nested[1] : sanitizeWord(base).replace(/^_+|_+$/g, '').slice(0, 40).replace(/_+$/, '');
  if (!out) out = 'unknown';
  if (/^[0-9]/.test(out)) out = `_${out}`;
  if (ER_KEYWORDS.has(out.toLowerCase())) out = `${out}_`;
  return out + arraySuffix;
}
