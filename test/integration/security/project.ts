/** A project folder inside a private base folder, so "outside the project" has files worth stealing. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { NodeResult } from '../../../src/core/run';

export interface SandboxProject {
  /** Holds the project and the files outside it. */
  base: string;
  root: string;
  /** A file next to the project: every escape tries to read or write around it. */
  secret: string;
}

export function sandboxProject(files: (p: { base: string; root: string; secret: string }) => Record<string, string>): SandboxProject {
  const base = mkdtempSync(join(tmpdir(), 'ms-sandbox-'));
  const root = join(base, 'project');
  const secret = join(base, 'secret.csv');
  writeFileSync(secret, 'password\nhunter2\n');
  for (const [rel, text] of Object.entries({ 'dbt_project.yml': 'name: sec\nprofile: sec\nconfig-version: 2\nmodels:\n  sec:\n    +materialized: table\n', ...files({ base, root, secret }) })) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
  return { base, root, secret };
}

/** The model's SQL closed early so a second statement runs after it: the only way project SQL reaches one. */
export function injected(statement: string): string {
  return `-- closes the wrapper, runs its own statement on line 3\nselect 1 as x\n); ${statement};\nselect (1`;
}

export function resultOf(results: NodeResult[], uniqueId: string): NodeResult {
  const r = results.find((x) => x.unique_id === uniqueId);
  if (!r) throw new Error(`no result for ${uniqueId}: ${results.map((x) => x.unique_id).join(', ')}`);
  return r;
}
