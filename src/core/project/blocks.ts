/**
 * Jinja blocks the loader must see before any rendering: macro signatures (for the manifest and
 * go-to-definition), `{% docs %}` and `{% snapshot %}` blocks. Regexes are enough here because
 * these tags cannot nest inside each other in valid dbt code.
 */
export interface FoundBlock {
  kind: string;
  name: string;
  args: string[];
  /** Offset of the opening tag, of the body and of the end of the closing tag. */
  start: number;
  bodyStart: number;
  bodyEnd: number;
  end: number;
  /** False when the file ends before `{% end<kind> %}`: the body then runs to the end of the file. */
  closed: boolean;
}

const OPEN = /\{%-?\s*(macro|test|materialization|docs|snapshot)\s+([A-Za-z_][A-Za-z0-9_]*)\s*(\(([^]*?)\))?\s*[^%]*?-?%\}/g;

export function findBlocks(text: string, kinds: string[]): FoundBlock[] {
  const out: FoundBlock[] = [];
  OPEN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = OPEN.exec(text))) {
    const kind = m[1];
    if (!kinds.includes(kind)) continue;
    const close = new RegExp(`\\{%-?\\s*end${kind}\\s*-?%\\}`, 'g');
    close.lastIndex = m.index + m[0].length;
    const c = close.exec(text);
    const bodyEnd = c ? c.index : text.length;
    out.push({
      kind,
      name: m[2],
      args: parseArgNames(m[4] ?? ''),
      start: m.index,
      bodyStart: m.index + m[0].length,
      bodyEnd,
      end: c ? c.index + c[0].length : text.length,
      closed: !!c,
    });
    OPEN.lastIndex = c ? c.index + c[0].length : text.length;
  }
  return out;
}

function parseArgNames(args: string): string[] {
  return args
    .split(',')
    .map((a) => a.trim().split('=')[0].trim())
    .filter((a) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(a));
}

export function lineColAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      last = i;
    }
  }
  return { line, column: offset - last };
}

/** The file text with everything outside [from, to) blanked, newlines kept, so line numbers stay true. */
export function keepOnly(text: string, from: number, to: number): string {
  const blank = (s: string) => s.replace(/[^\n]/g, ' ');
  return blank(text.slice(0, from)) + text.slice(from, to) + blank(text.slice(to));
}
