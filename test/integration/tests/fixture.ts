/** Shared by the data-test integration tests: fixture copies, result lookups, read-only queries. */
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Warehouse } from '../../../src/core/run';
import { REPO } from '../../helpers/tempProject';

export function copyFixture(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `ms-${name}-`));
  cpSync(join(REPO, 'test', 'fixtures', 'tests', name), dir, { recursive: true });
  return dir;
}

export interface TestResult {
  unique_id: string;
  status: string;
  failures: number | null;
  message: string | null;
  severity?: string;
  location?: { file: string; line: number; column: number };
  sample_rows?: Array<Record<string, unknown>>;
  failing_rows?: number;
  relation_name?: string | null;
  compiled_code?: string;
  problems?: Array<{ code: string; severity: string; file: string; line: number; column: number; message: string }>;
}

export interface RunResultsFile {
  results: TestResult[];
  quality?: { score: number | null; tables: Array<{ name: string; score: number | null }>; report: { json: string; markdown: string } };
}

export function runResults(dir: string): RunResultsFile {
  return JSON.parse(readFileSync(join(dir, 'target/run_results.json'), 'utf8')) as RunResultsFile;
}

/** A result by test name (the part of the unique id between the package and the hash). */
export function byTestName(rr: RunResultsFile, name: string): TestResult {
  const r = rr.results.find((x) => x.unique_id.split('.')[2] === name);
  if (!r) throw new Error(`no result for ${name}: ${rr.results.map((x) => x.unique_id).join(', ')}`);
  return r;
}

export async function query(dir: string, file: string, sql: string): Promise<Array<Record<string, unknown>>> {
  const wh = await Warehouse.open({ path: join(dir, file), projectRoot: dir, targetDir: join(dir, 'target'), readOnly: true });
  try {
    return await wh.query(sql);
  } finally {
    wh.close();
  }
}

/** Rows sorted by their JSON text: DuckDB does not promise an order for unordered test queries. */
export function sorted<T>(rows: T[]): T[] {
  return [...rows].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}
