/**
 * Scenarios 2 and 3 and the latency figure, all on bookstore's stg_publishers model: a SQL error
 * on save, a failing `unique` test at its YAML line, and save → diagnostic latency.
 */
import assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from '../lib/codeServer';
import type { PageWindow } from '../lib/dom';
import { percentile, saveAndTimeProblem, showProblems, waitForNoProblem, waitForProblem } from '../lib/problems';
import type { Session } from '../lib/session';
import { openTestExplorer, waitForTestState } from '../lib/views';
import { closeAllEditors, MODEL_STUDIO_STATUS, openFile, replaceLine, save, waitForStatus } from '../lib/workbench';

export const MODEL = 'models/staging/stg_publishers.sql';
const FROM_LINE = 16; // `from source`
const ID_LINE = 7; //    `    trim(publisher_id) as publisher_id,`
const ORIGINAL = { [FROM_LINE]: 'from source', [ID_LINE]: '    trim(publisher_id) as publisher_id,' };
/** schema.yml line of `data_tests: [unique, not_null]` under stg_publishers.publisher_id (line 1 is `version: 2`). */
const UNIQUE_TEST_LINE = 9;
const DIAGNOSTIC_BUDGET_MS = 5_000;
/** The status item after the saved model ran and its tests passed (its aria-label, icons spelled out). */
const RUN_OK = /Last: run stg_publishers — OK/;
const UNIQUE_TEST = 'unique_stg_publishers_publisher_id';
/**
 * The Problems list renders only the rows in view, and a built bookstore has warnings in other
 * files listed first: each scenario filters it to its file, as a user would (by path, the
 * filter's text matching is fuzzy in ways that hid `publisher_id`).
 */
const SCHEMA_GLOB = '**/staging/schema.yml';

/** Before a retry: editors closed without saving, the models back as the template has them. */
export async function resetModel(s: Session, files = [MODEL]): Promise<void> {
  await closeAllEditors(s.page);
  for (const f of files) copyFileSync(join(REPO, 'sql', 'templates', 'bookstore', f), join(s.project, f));
}

export async function sqlErrorOnSave(s: Session): Promise<void> {
  const { page } = s;
  await openFile(page, MODEL);
  await showProblems(page, `**/${MODEL}`);
  await replaceLine(page, FROM_LINE, 'from sourze');
  const { label, latencyMs } = await saveAndTimeProblem(page, { all: ['sourze', `at line ${FROM_LINE} and`] }, DIAGNOSTIC_BUDGET_MS);
  assert.match(label, /does not exist/i, label);
  assert.ok(latencyMs < DIAGNOSTIC_BUDGET_MS, `shown ${Math.round(latencyMs)} ms after saving`);
  await s.shot('2-sql-error-in-problems');

  await replaceLine(page, FROM_LINE, ORIGINAL[FROM_LINE]);
  await save(page);
  await waitForNoProblem(page, { all: ['sourze'] }, DIAGNOSTIC_BUDGET_MS);
  // A save drops the file's old diagnostics at once; the fix is proven by the run that follows.
  await waitForStatus(page, MODEL_STUDIO_STATUS, RUN_OK);
  await s.shot('2-sql-error-cleared');
}

/** Ten saves, each with a new error, timed from Ctrl+S to its Problems row; returns the times. */
export async function saveLatency(s: Session, n = 10): Promise<number[]> {
  const { page } = s;
  await openFile(page, MODEL);
  await showProblems(page, `**/${MODEL}`);
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    await replaceLine(page, FROM_LINE, `from latency_probe_${i}`);
    const { latencyMs } = await saveAndTimeProblem(page, { all: [`latency_probe_${i}`] });
    times.push(latencyMs);
  }
  await replaceLine(page, FROM_LINE, ORIGINAL[FROM_LINE]);
  await save(page);
  await waitForNoProblem(page, { all: ['latency_probe_'] });
  return times;
}

export function latencyLine(times: number[]): string {
  const ms = (v: number) => `${Math.round(v)} ms`;
  return `save → diagnostic latency over ${times.length} saves: p50 ${ms(percentile(times, 0.5))}, min ${ms(Math.min(...times))}, max ${ms(Math.max(...times))} [${times.map((t) => Math.round(t)).join(', ')}]`;
}

export async function failingUniqueTest(s: Session): Promise<void> {
  const { page } = s;
  await openFile(page, MODEL);
  await showProblems(page, SCHEMA_GLOB);
  // Every publisher gets the same id: unique(publisher_id) fails, not_null still passes.
  await replaceLine(page, ID_LINE, "    'PUB_000001' as publisher_id,");
  await save(page);
  const label = await waitForProblem(page, { all: ['unique', 'publisher_id', `at line ${UNIQUE_TEST_LINE} and`] }, 30_000);
  assert.match(label, /error|warning/i, label);
  await s.shot('3-unique-test-failed-problems');

  await openTestExplorer(page, ['bookstore', 'stg_publishers'], UNIQUE_TEST);
  await waitForTestState(page, UNIQUE_TEST, 'failed');
  await s.shot('3-unique-test-failed-test-explorer');

  await openFile(page, MODEL);
  await replaceLine(page, ID_LINE, ORIGINAL[ID_LINE]);
  await save(page);
  await showProblems(page, SCHEMA_GLOB);
  await waitForNoProblem(page, { all: ['unique', 'publisher_id'] }, 30_000);
  await waitForStatus(page, MODEL_STUDIO_STATUS, RUN_OK, 30_000);
  await openTestExplorer(page, ['bookstore', 'stg_publishers'], UNIQUE_TEST);
  await waitForTestState(page, UNIQUE_TEST, 'passed');
  await s.shot('3-unique-test-passes-again');
}

/** stg_sales.book_id's `relationships` test, `severity: warn` in the template; the dataset injects an orphan book id. */
const WARN_TEST = 'relationships_stg_sales_book_id__book_id__ref_stg_books_';
/** schema.yml line of that test's `- relationships:` item. */
const WARN_TEST_LINE = 67;

/**
 * A `severity: warn` test that finds rows, run from the Test Explorer: the Problems panel holds a
 * warning at its YAML line, and the Test Explorer shows it passed (dbt does not fail on a warning).
 */
export async function warnTestRunFromExplorer(s: Session): Promise<void> {
  const { page } = s;
  const row = await openTestExplorer(page, ['bookstore', 'stg_sales'], WARN_TEST);
  await row.hover();
  await row.locator('.action-label[aria-label^="Run Test"]').click();
  // The build in scenario 1 already left it passed: the proof of this run is the Test Results view,
  // which shows the run of the Test Explorer's profile and the test's output, the warning.
  const results = page.locator('.test-output-peek-tree .monaco-list-row');
  await results.and(page.locator('[aria-label="Model Studio run"]')).first().waitFor({ timeout: 30_000 });
  await results.and(page.locator(`[aria-label="${WARN_TEST}"]`)).first().waitFor({ timeout: 30_000 });
  await page.waitForFunction(
    () => [...(globalThis as unknown as PageWindow).document.querySelectorAll('.xterm-rows')].some((x) => /warning: relationships\(book_id\) warned: 1 row without a parent/.test(x.textContent ?? '')),
    undefined,
    { timeout: 30_000 },
  );
  await waitForTestState(page, WARN_TEST, 'passed', 30_000);
  await s.shot('3b-warn-test-passed-test-explorer');
  await showProblems(page, SCHEMA_GLOB);
  const label = await waitForProblem(page, { all: ['relationships', 'book_id', `at line ${WARN_TEST_LINE} and`] }, 30_000);
  assert.match(label, /warning/i, label);
  assert.doesNotMatch(label, /\berror\b/i, label);
  await s.shot('3b-warn-test-problems');
}
