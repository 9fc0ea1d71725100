/** Finding the dbt projects inside workspace folders, and which project a file belongs to. */
import { existsSync, readdirSync } from 'node:fs';
import { join, sep } from 'node:path';

const SKIP = new Set(['node_modules', 'target', 'dbt_packages', 'dbt_modules', 'logs', '__pycache__', 'venv']);

/** Folders holding a dbt_project.yml, the folder itself first; nested projects are found too. */
export function findProjectRoots(folder: string, maxDepth = 4): string[] {
  const out: string[] = [];
  const walk = (dir: string, depth: number) => {
    if (existsSync(join(dir, 'dbt_project.yml'))) out.push(dir);
    if (depth >= maxDepth) return;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.isDirectory() && !e.name.startsWith('.') && !SKIP.has(e.name)) walk(join(dir, e.name), depth + 1);
    }
  };
  walk(folder, 0);
  return out;
}

/** The innermost project root containing `file`. */
export function ownerOf(file: string, roots: Iterable<string>): string | undefined {
  let best: string | undefined;
  for (const r of roots) {
    if ((file === r || file.startsWith(r.endsWith(sep) ? r : r + sep)) && (!best || r.length > best.length)) best = r;
  }
  return best;
}
