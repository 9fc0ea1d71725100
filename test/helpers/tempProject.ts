/** Temporary copies of fixture projects, and a CLI runner that captures output, for tests. */
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

export const REPO = resolve(__dirname, '..', '..');

export function copyTemplate(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `ms-${name}-`));
  cpSync(join(REPO, 'sql', 'templates', name), dir, { recursive: true, filter: (p) => !/(\/target|\.duckdb(\.wal)?)$/.test(p) });
  return dir;
}

/** A project from a map of relative path → file text. */
export function writeProject(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'ms-proj-'));
  for (const [rel, text] of Object.entries(files)) {
    const p = join(dir, rel);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, text);
  }
  return dir;
}

