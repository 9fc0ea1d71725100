/** Finds the SQL the engine ships (built-in macros, templates) both from src/ (tests) and dist/ (bundle). */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

let sqlDir: string | undefined;

export function shippedSqlDir(): string {
  if (sqlDir) return sqlDir;
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'sql', 'templates'))) return (sqlDir = join(dir, 'sql'));
    dir = dirname(dir);
  }
  throw new Error(`Cannot find the shipped sql/ folder above ${__dirname}; reinstall model-studio.`);
}

/** Built-in macro files (generic tests, dbt_utils equivalents, cross-database helpers). */
export function builtinMacroFiles(): Array<{ file: string; source: string }> {
  const dir = join(shippedSqlDir(), 'macros');
  if (!existsSync(dir)) return [];
  const out: Array<{ file: string; source: string }> = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (name.endsWith('.sql')) out.push({ file: p, source: readFileSync(p, 'utf8') });
      else if (!name.includes('.')) walk(p);
    }
  };
  walk(dir);
  return out;
}
