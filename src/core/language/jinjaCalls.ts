/**
 * The calls written inside Jinja tags — `ref('x')`, `source('a', 'b')`, `dbt_utils.star(…)` —
 * with the offsets of their names, arguments and string contents, found by a tolerant tokenizer
 * so that a half-typed `{{ ref('stg_` still yields a call with an open string under the cursor.
 */
import { scanJinja, stringEnd, type JinjaSpan } from './jinjaSpans';

export interface JinjaToken {
  type: 'name' | 'string' | 'number' | 'op';
  /** Source text; for strings, the content between the quotes (escapes left as written). */
  value: string;
  start: number;
  end: number;
  /** Strings only: false when the closing quote is missing. */
  closed?: boolean;
}

export interface JinjaArg {
  keyword?: string;
  start: number;
  end: number;
  /** Set when the argument is a single string literal: its content and where the content lies. */
  string?: { value: string; start: number; end: number; closed: boolean };
}

export interface JinjaCall {
  /** Dotted callee as written: `ref`, `dbt_utils.star`, `adapter.get_relation`. */
  name: string;
  nameStart: number;
  nameEnd: number;
  openParen: number;
  /** Offset of `)`, or the end of the tag when the call is still open. */
  closeParen: number;
  closed: boolean;
  args: JinjaArg[];
  /** Offsets of the commas between top-level arguments. */
  commas: number[];
  span: JinjaSpan;
}

export function tokenizeJinja(text: string, from: number, to: number): JinjaToken[] {
  const out: JinjaToken[] = [];
  let i = from;
  while (i < to) {
    const c = text[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === "'" || c === '"') {
      const close = stringEnd(text, i, to);
      const end = close < 0 ? to : close + 1;
      out.push({ type: 'string', value: text.slice(i + 1, close < 0 ? to : close), start: i, end, closed: close >= 0 });
      i = end;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /[A-Za-z_][A-Za-z0-9_]*/y;
      m.lastIndex = i;
      const word = m.exec(text)![0];
      out.push({ type: 'name', value: word, start: i, end: i + word.length });
      i += word.length;
    } else if (/[0-9]/.test(c)) {
      const m = /[0-9][0-9_.eE]*/y;
      m.lastIndex = i;
      const num = m.exec(text)![0];
      out.push({ type: 'number', value: num, start: i, end: i + num.length });
      i += num.length;
    } else {
      const two = text.slice(i, i + 2);
      const op = ['==', '!=', '>=', '<=', '//', '**'].includes(two) ? two : c;
      out.push({ type: 'op', value: op, start: i, end: i + op.length });
      i += op.length;
    }
  }
  return out;
}

interface Frame {
  call?: JinjaCall;
  /** Tokens of the current argument at this frame's depth; `null` marks a nested bracket. */
  argTokens: Array<JinjaToken | null>;
  argStart: number;
}

/** Every call inside the Jinja tags of `text` (nested ones too), in source order of their names. */
export function findCalls(text: string, spans: readonly JinjaSpan[] = scanJinja(text)): JinjaCall[] {
  const calls: JinjaCall[] = [];
  for (const span of spans) {
    if (span.kind === 'expr' || span.kind === 'stmt') calls.push(...callsInSpan(text, span));
  }
  return calls.sort((a, b) => a.nameStart - b.nameStart);
}

export function callsInSpan(text: string, span: JinjaSpan): JinjaCall[] {
  const toks = tokenizeJinja(text, span.innerStart, span.innerEnd);
  const calls: JinjaCall[] = [];
  const stack: Frame[] = [];
  const finishArg = (f: Frame, end: number): void => {
    if (!f.call) return;
    const own = f.argTokens;
    if (own.length === 0) return;
    const arg: JinjaArg = { start: f.argStart, end };
    let body = own;
    const [a, b] = own;
    if (a && b && a.type === 'name' && b.type === 'op' && b.value === '=') {
      arg.keyword = a.value;
      body = own.slice(2);
    }
    const only = body.length === 1 ? body[0] : null;
    if (only && only.type === 'string') {
      arg.string = { value: only.value, start: only.start + 1, end: only.closed ? only.end - 1 : only.end, closed: !!only.closed };
    }
    f.call.args.push(arg);
  };
  for (let k = 0; k < toks.length; k++) {
    const t = toks[k];
    const top = stack[stack.length - 1];
    if (t.type === 'op' && (t.value === '(' || t.value === '[' || t.value === '{')) {
      if (top) top.argTokens.push(null);
      const callee = t.value === '(' ? calleeBefore(toks, k) : undefined;
      let call: JinjaCall | undefined;
      if (callee) {
        call = { ...callee, openParen: t.start, closeParen: span.innerEnd, closed: false, args: [], commas: [], span };
        calls.push(call);
      }
      stack.push({ call, argTokens: [], argStart: t.end });
    } else if (t.type === 'op' && (t.value === ')' || t.value === ']' || t.value === '}')) {
      if (!top) continue;
      finishArg(top, t.start);
      if (top.call) {
        top.call.closeParen = t.start;
        top.call.closed = true;
      }
      stack.pop();
    } else if (t.type === 'op' && t.value === ',' && top) {
      finishArg(top, t.start);
      top.call?.commas.push(t.start);
      top.argTokens = [];
      top.argStart = t.end;
    } else if (top) {
      if (top.argTokens.length === 0) top.argStart = t.start;
      top.argTokens.push(t);
    }
  }
  // Calls still open at the end of the tag (the user is typing) keep the argument in progress.
  for (const f of stack) finishArg(f, span.innerEnd);
  return calls;
}

function calleeBefore(toks: JinjaToken[], paren: number): { name: string; nameStart: number; nameEnd: number } | undefined {
  // `ref ('x')` is legal Jinja too, so spaces between the name and `(` do not matter.
  let k = paren - 1;
  if (k < 0 || toks[k].type !== 'name') return undefined;
  const nameEnd = toks[k].end;
  let nameStart = toks[k].start;
  let name = toks[k].value;
  while (k >= 2 && toks[k - 1].type === 'op' && toks[k - 1].value === '.' && toks[k - 2].type === 'name') {
    k -= 2;
    name = `${toks[k].value}.${name}`;
    nameStart = toks[k].start;
  }
  if (KEYWORDS.has(name)) return undefined;
  return { name, nameStart, nameEnd };
}

/** Jinja words that may stand before `(` without being a call: `if (a)`, `in (1, 2)`, `not (x)`. */
const KEYWORDS = new Set(['if', 'elif', 'else', 'in', 'not', 'and', 'or', 'is', 'for', 'set', 'return', 'with', 'import', 'from', 'as']);

/** The innermost call whose parentheses hold `offset`, and which argument the offset is in. */
export function callAt(calls: readonly JinjaCall[], offset: number): { call: JinjaCall; argIndex: number } | undefined {
  let best: JinjaCall | undefined;
  for (const c of calls) {
    if (offset > c.openParen && offset <= c.closeParen && (!best || c.openParen > best.openParen)) best = c;
  }
  if (!best) return undefined;
  return { call: best, argIndex: best.commas.filter((p) => p < offset).length };
}

/** The string argument of `call` holding `offset` (between its quotes), if any. */
export function stringArgAt(call: JinjaCall, offset: number): JinjaArg | undefined {
  return call.args.find((a) => a.string && offset >= a.string.start && offset <= a.string.end);
}
