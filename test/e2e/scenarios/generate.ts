/** Scenario 1: Generate Synthetic Data from the palette, then Build Project from its notification. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { tableCounts } from '../lib/duck';
import type { Session } from '../lib/session';
import { answerInput, clickToastButton, MODEL_STUDIO_STATUS, recordedNotifications, recordNotifications, runCommand, toast, waitForStatus, waitForStatusMessage } from '../lib/workbench';

/** bookstore at scale 1, seed 42: the counts its README documents (sales carries 2 injected duplicates). */
export const RAW_COUNTS = { 'raw.books': 100, 'raw.campaign_events': 50, 'raw.inventory': 50, 'raw.publishers': 10, 'raw.sales': 102 };
/** What `model-studio build` gives for the same data: the staging views are not tables. */
export const BUILT_COUNTS = {
  'analytics.ab_test_base': 43,
  'analytics.ab_test_lift_analysis': 2,
  'analytics.ab_test_summary': 4,
  'analytics.dim_books': 100,
  'analytics.dim_publishers': 10,
  'analytics.fact_sales': 100,
  'ml_features.book_features': 100,
  'ml_features.demand_forecasting_features': 1200,
};

export async function generateAndBuild(s: Session): Promise<void> {
  const { page } = s;
  await recordNotifications(page);
  await runCommand(page, 'Model Studio: Generate Synthetic Data');
  // The bookstore project has one spec, so no pick: scale and seed come from the settings.
  assert.equal(await answerInput(page, 'Scale'), '1');
  assert.equal(await answerInput(page, 'Seed'), '42');
  const progress = toast(page, /Generating .*bookstore/);
  const done = toast(page, /generated 312 rows in 5 tables/);
  // Generating 312 rows takes a second or two: the progress toast may be gone by the time a poll looks.
  const first = await Promise.any([progress.waitFor({ timeout: 60_000 }).then(() => 'progress'), done.waitFor({ timeout: 60_000 }).then(() => 'done')]);
  if (first === 'progress' && (await progress.isVisible())) await s.shot('1-generate-progress');
  await done.waitFor({ timeout: 120_000 });
  const seen = await recordedNotifications(page);
  const shownProgress = seen.find((n) => /Generating datasets\/bookstore\.yml \(scale 1, seed 42\)/.test(n.label) && n.progress);
  assert.ok(shownProgress, `a notification with a running progress bar was shown; seen: ${JSON.stringify(seen)}`);
  await s.shot('1-generate-done');
  await clickToastButton(page, /generated 312 rows/, 'Build Project');
  // bookstore's build passes with 5 warn-level tests catching the injected defects.
  const status = await waitForStatus(page, MODEL_STUDIO_STATUS, /build bookstore — (OK|failed)/, 180_000);
  assert.match(status, /build bookstore — OK \(PASS=87 WARN=5 ERROR=0/);
  // The command's own summary comes once its window progress has ended.
  await waitForStatusMessage(page, /build bookstore: PASS=87/);
  await s.shot('1-build-done');

  // The server keeps the file open between runs, and DuckDB locks it: release it as a user would.
  await runCommand(page, 'Model Studio: Release Database File');
  await waitForStatusMessage(page, /released \d+ database files?/);
  const counts = await tableCounts(join(s.project, 'bookstore.duckdb'));
  assert.deepEqual(counts, { ...RAW_COUNTS, ...BUILT_COUNTS });
}
