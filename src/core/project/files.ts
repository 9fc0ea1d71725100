/** Finding a project's files: sorted, symlink-safe, skipping hidden folders and build output. */
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

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
