/**
 * One template taken through init → generate → build once per test file, with the lookups the
 * template tests share: SQL against its database, generated row and defect counts, test results.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GenerateReport } from '../../src/core/generate';
import { Warehouse, type Row } from '../../src/core/run';
import { cli, type CliRun } from './cli';

export interface TestResult {
  unique_id: string;
  status: string;
  failures: number | null;
}

export class TemplateRun {
  dir = '';
  report!: GenerateReport;
  build!: CliRun;
  results: TestResult[] = [];

  constructor(
    readonly template: string,
    readonly folder: string,
  ) {}

  async setup(): Promise<this> {
    const parent = mkdtempSync(join(tmpdir(), `ms-${this.template}-`));
    this.dir = join(parent, this.folder);
    const init = await cli(parent, 'init', '--template', this.template, this.folder);
    assert.equal(init.code, 0, init.out + init.err);
    const g = await cli(this.dir, 'generate', '--json');
    assert.equal(g.code, 0, g.out + g.err);
    this.report = (JSON.parse(g.out) as { reports: GenerateReport[] }).reports[0];
    this.build = await cli(this.dir, 'build');
    this.results = (JSON.parse(readFileSync(join(this.dir, 'target', 'run_results.json'), 'utf8')) as { results: TestResult[] }).results;
    return this;
  }

  query = async (sql: string): Promise<Row[]> => {
    const wh = await Warehouse.open({ path: join(this.dir, `${this.template}.duckdb`), projectRoot: this.dir, targetDir: join(this.dir, 'target'), readOnly: true });
    try {
      return await wh.query(sql);
    } finally {
      wh.close();
    }
  };

  scalar = async (sql: string): Promise<number> => Number(Object.values((await this.query(sql))[0])[0]);

  /** Rows the generator wrote to a table. */
  rows = (table: string): number => this.report.tables.find((t) => t.name === table)?.rows ?? -1;

  /** How many defects of a kind the generator reports it injected. */
  injected = (table: string, type: string, column?: string): number =>
    this.report.defects.find((d) => d.table === table && d.type === type && d.column === column)?.count ?? -1;

  /** A test's result by the start of its name (the part of the unique id after the package). */
  result = (prefix: string): TestResult => {
    const r = this.results.filter((x) => x.unique_id.split('.')[2].startsWith(prefix));
    assert.equal(r.length, 1, `one test named ${prefix}…: ${r.map((x) => x.unique_id).join(', ')}`);
    return r[0];
  };
}
