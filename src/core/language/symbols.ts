/**
 * What the cursor is on, as a manifest object: the target of a `ref`/`source`/`doc` call (with
 * the cursor anywhere on the call) or a macro by name. Definition, hover and links all start here.
 */
import type { DocBlock, MacroDef, Manifest, SourceTable } from '../project';
import { callsInSpan, findCalls, tokenizeJinja, type JinjaCall } from './jinjaCalls';
import { scanJinja, spanAt, type JinjaSpan } from './jinjaSpans';
import { callTarget, findDoc, findMacro, findRef, findSource, type RefTarget } from './lookup';

export type ResolvedSymbol =
  | { kind: 'ref'; node: RefTarget; start: number; end: number }
  | { kind: 'source'; source: SourceTable; start: number; end: number }
  | { kind: 'doc'; doc: DocBlock; start: number; end: number }
  | { kind: 'macro'; macro: MacroDef; start: number; end: number };

/** A ref/source/doc call's target, with the call's extent from its name to its `)`. */
export function resolveCall(manifest: Manifest, call: JinjaCall): ResolvedSymbol | undefined {
  const t = callTarget(call);
  const start = call.nameStart;
  const end = call.closed ? call.closeParen + 1 : call.closeParen;
  if (!t) return undefined;
  if (t.kind === 'ref') {
    const node = findRef(manifest, t.name, t.pkg);
    return node && { kind: 'ref', node, start, end };
  }
  if (t.kind === 'source') {
    const source = t.table === undefined ? undefined : findSource(manifest, t.source, t.table);
    return source && { kind: 'source', source, start, end };
  }
  const doc = findDoc(manifest, t.name);
  return doc && { kind: 'doc', doc, start, end };
}

export function symbolAt(manifest: Manifest, text: string, offset: number, spans: readonly JinjaSpan[] = scanJinja(text)): ResolvedSymbol | undefined {
  const span = spanAt(spans, offset);
  if (!span || (span.kind !== 'expr' && span.kind !== 'stmt')) return undefined;
  const calls = callsInSpan(text, span);
  const onName = calls.find((c) => offset >= c.nameStart && offset <= c.nameEnd);
  if (onName && !isTargetCall(onName)) {
    const macro = findMacro(manifest, onName.name);
    if (macro) return { kind: 'macro', macro, start: onName.nameStart, end: onName.nameEnd };
  }
  // Innermost first, so the cursor on `ref('x')` inside `star(from=ref('x'))` finds the ref.
  const inside = calls.filter((c) => offset >= c.nameStart && offset <= c.closeParen && isTargetCall(c)).sort((a, b) => b.nameStart - a.nameStart);
  for (const c of inside) {
    const r = resolveCall(manifest, c);
    if (r) return r;
  }
  // A macro named without a call, e.g. `{% set f = cents_to_dollars %}`.
  const tok = tokenizeJinja(text, span.innerStart, span.innerEnd).find((t) => t.type === 'name' && offset >= t.start && offset <= t.end);
  const macro = tok && findMacro(manifest, tok.value);
  return macro ? { kind: 'macro', macro, start: tok.start, end: tok.end } : undefined;
}

function isTargetCall(c: JinjaCall): boolean {
  return c.name === 'ref' || c.name === 'source' || c.name === 'doc';
}

/** Every ref/source/doc call in the text that names something in the manifest. */
export function resolvedCalls(manifest: Manifest, text: string, spans: readonly JinjaSpan[] = scanJinja(text)): Array<{ call: JinjaCall; symbol: ResolvedSymbol }> {
  const out: Array<{ call: JinjaCall; symbol: ResolvedSymbol }> = [];
  for (const call of findCalls(text, spans)) {
    if (!isTargetCall(call)) continue;
    const symbol = resolveCall(manifest, call);
    if (symbol) out.push({ call, symbol });
  }
  return out;
}
