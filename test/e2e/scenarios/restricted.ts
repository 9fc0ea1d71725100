/**
 * Scenario 6: Restricted Mode. A save still gets the checks that need no database (an unknown
 * source is reported), but runs no SQL: the DuckDB file stays byte-identical and a SQL error
 * that only DuckDB could find is not reported. The status bar item says why, and a command
 * that would run SQL answers with the Restricted Mode message and a way to manage trust.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { fingerprint } from '../lib/duck';
import { problemRows, showProblems, waitForNoProblem, waitForProblem } from '../lib/problems';
import type { Session } from '../lib/session';
import { MODEL_STUDIO_STATUS, openFile, replaceLine, runCommand, save, statusLabel, toast } from '../lib/workbench';

const PUBLISHERS = 'models/staging/stg_publishers.sql';
const BOOKS = 'models/staging/stg_books.sql';

export async function restrictedSave(s: Session, dbFile: string): Promise<void> {
  const { page } = s;
  const before = fingerprint(dbFile);
  assert.notEqual(before, 'absent', 'the project was built before the window opened');

  const status = await statusLabel(page, MODEL_STUDIO_STATUS);
  assert.match(status, /Model Studio: Restricted/);
  assert.match(status, /runs no SQL until you trust this folder/);

  await openFile(page, PUBLISHERS);
  await showProblems(page, '**/staging/**');
  // Valid Jinja, a table that does not exist: only running the SQL could tell.
  await replaceLine(page, 16, 'from sourze');
  await save(page);
  // A second save, in another model of the same project, with a problem found without SQL. The
  // project's saves run in order, so once this one is reported the first has been handled.
  await openFile(page, BOOKS);
  await replaceLine(page, 4, "    select * from {{ source('raw', 'bookz') }}");
  await save(page);
  const label = await waitForProblem(page, { all: ['bookz', 'at line 4 and'] });
  assert.doesNotMatch(label, /catalog error|duckdb/i);
  const rows = await problemRows(page);
  assert.ok(!rows.some((r) => /sourze/.test(r)), `no SQL ran, so DuckDB reported nothing about sourze: ${JSON.stringify(rows)}`);
  assert.equal(fingerprint(dbFile), before, 'the DuckDB file is unchanged');
  assert.ok(!existsSync(`${dbFile}.wal`), 'no write-ahead log: nothing opened the file for writing');
  await s.shot('6-restricted-save-no-sql');

  // The status bar item explains, on hover, why nothing ran.
  await page.locator(`[id="${MODEL_STUDIO_STATUS}"]`).hover();
  await page.locator('.workbench-hover, .monaco-hover', { hasText: /runs no SQL until you trust this folder/ }).first().waitFor({ timeout: 10_000 });
  await s.shot('6-restricted-status-tooltip', { keepMouse: true });

  // Asking to run says so too, and offers the way out.
  await openFile(page, PUBLISHERS);
  await runCommand(page, 'Model Studio: Run Current Model');
  const told = toast(page, /Restricted Mode.*runs no SQL/);
  await told.waitFor({ timeout: 10_000 });
  assert.equal(await told.locator('a.monaco-button', { hasText: 'Manage Workspace Trust' }).count(), 1);
  await s.shot('6-restricted-run-refused');
  assert.equal(fingerprint(dbFile), before, 'the DuckDB file is still unchanged');

  await replaceLine(page, 16, 'from source');
  await save(page);
  await openFile(page, BOOKS);
  await replaceLine(page, 4, "    select * from {{ source('raw', 'books') }}");
  await save(page);
  await waitForNoProblem(page, { all: ['bookz'] });
  assert.equal(fingerprint(dbFile), before);
}
