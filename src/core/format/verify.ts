/**
 * The check that formatting changed nothing but layout, run on the final text rather than
 * trusted from the method: the same Jinja blocks byte for byte in the same order, the same SQL
 * tokens (words compared without case, comments without their whitespace), and no whitespace
 * added or taken away next to a Jinja block, where it could change what the template renders
 * (`{{ c }}_usd` is one identifier, `{{ c }} _usd` is a column and an alias).
 */
import { lexSql, scanJinja, type SqlToken } from '../language';

export type Verdict = { ok: true } | { ok: false; reason: string; offset: number };

/** Tokens whose neighbours can gain or lose a space without a change in meaning, whatever Jinja prints. */
const SELF_DELIMITING = new Set([',', ';', '(', ')', '[', ']']);

export function verifyFormatting(original: string, formatted: string): Verdict {
  const a = scanJinja(original);
  const b = scanJinja(formatted);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] && original.slice(a[i].start, a[i].end);
    const y = b[i] && formatted.slice(b[i].start, b[i].end);
    if (x !== y) return { ok: false, reason: `a Jinja block would change: ${short(x ?? y ?? '')}`, offset: a[i]?.start ?? original.length };
  }
  const ta = lexSql(original, a);
  const tb = lexSql(formatted, b);
  for (let i = 0; i < Math.max(ta.length, tb.length); i++) {
    if (!ta[i] || !tb[i] || !sameToken(ta[i], tb[i])) {
      const at = ta[i] ?? ta[ta.length - 1];
      return { ok: false, reason: `the SQL would change near ${short(at?.text ?? '')}`, offset: at?.start ?? 0 };
    }
  }
  for (let i = 0; i + 1 < ta.length; i++) {
    const before = ta[i].end === ta[i + 1].start;
    const after = tb[i].end === tb[i + 1].start;
    if (before === after || (ta[i].type !== 'jinja' && ta[i + 1].type !== 'jinja')) continue;
    const sqlSide = ta[i].type === 'jinja' ? ta[i + 1] : ta[i];
    if (sqlSide.type === 'punct' && SELF_DELIMITING.has(sqlSide.text)) continue;
    const what = before ? 'would come apart' : 'would be joined';
    return { ok: false, reason: `${short(ta[i].text)} and ${short(ta[i + 1].text)} ${what}`, offset: ta[i + 1].start };
  }
  return { ok: true };
}

function sameToken(x: SqlToken, y: SqlToken): boolean {
  if (x.type !== y.type) return false;
  if (x.type === 'word') return x.text.toLowerCase() === y.text.toLowerCase();
  if (x.type === 'comment') return x.text.replace(/\s+/g, ' ').trim() === y.text.replace(/\s+/g, ' ').trim();
  return x.text === y.text;
}

function short(s: string): string {
  const one = s.replace(/\s+/g, ' ');
  return JSON.stringify(one.length > 40 ? `${one.slice(0, 37)}...` : one);
}
