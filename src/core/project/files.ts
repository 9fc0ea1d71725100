/** Finding a project's files: sorted, symlink-safe, skipping hidden folders and build output. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import type { Problem } from '../problems';

export interface FoundFile {
  abs: string;
  /** Relative to the project root, with forward slashes. */
  rel: string;
  /** Relative to the resource folder it was found under (models/, seeds/ …). */
  inFolder: string;
  folder: string;
}

const SKIP_DIRS = new Set(['node_modules', 'target', 'dbt_packages', 'logs', '.git']);

export function findFiles(root: string, folders: string[], exts: string[]): FoundFile[] {
  const out: FoundFile[] = [];
  const seen = new Set<string>();
  for (const folder of folders) {
    const base = join(root, folder);
    walk(base, (abs) => {
      if (!exts.some((e) => abs.endsWith(e)) || seen.has(abs)) return;
      seen.add(abs);
      out.push({ abs, rel: toPosix(relative(root, abs)), inFolder: toPosix(relative(base, abs)), folder });
    });
  }
  return out;
}

function walk(dir: string, visit: (abs: string) => void): void {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return;
  }
  for (const name of names) {
    if (name.startsWith('.') || SKIP_DIRS.has(name)) continue;
    const abs = join(dir, name);
    let st;
    try {
      st = statSync(abs);
    } catch {
      continue;
    }
    if (st.isDirectory()) walk(abs, visit);
    else if (st.isFile()) visit(abs);
  }
}

export function toPosix(p: string): string {
  return p.split('\\').join('/');
}

/**
 * A project file as text. Bytes that are not UTF-8 (a binary file, a Latin-1 or UTF-16 export)
 * are a problem at the first of them, as in dbt; the text is still returned, with U+FFFD in
 * their place, so the rest of the file is checked too.
 */
export function readText(abs: string, problems: Problem[]): string {
  const buf = readFileSync(abs);
  const text = buf.toString('utf8');
  // Decoding twice only when a replacement character shows up: the common file pays nothing.
  if (!text.includes('\uFFFD')) return text;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(buf);
    return text;
  } catch {
    // Not UTF-8: placed below.
  }
  const i = text.indexOf('\uFFFD');
  const before = text.slice(0, i);
  const utf16 = buf[0] === 0xff && buf[1] === 0xfe;
  problems.push({
    code: 'encoding',
    severity: 'error',
    file: abs,
    line: before.split('\n').length,
    column: i - before.lastIndexOf('\n'),
    message: `${basename(abs)} is not UTF-8 text${utf16 ? ' (it is UTF-16)' : buf.includes(0) ? ' (it looks like a binary file)' : ''}: the bytes here cannot be read.`,
    hint: 'Save it as UTF-8, or move it out of the project folders if it is not part of the project.',
  });
  return text;
}
