/**
 * Scenarios 4 and 5: the lineage and ER diagram panels (issue 6), as webviews in the editor. The
 * SVG labels nodes by model name (`.canvas svg text`), lineage nodes are `g.ms-node` carrying
 * `data-unique-id`, ER relationships are `path.relationshipLine`.
 */
import assert from 'node:assert/strict';
import type { FrameLocator, Page } from 'playwright-core';
import type { Session } from '../lib/session';
import { visibleWebview } from '../lib/views';
import { activeTab, closeAllEditors, openFile, runCommand } from '../lib/workbench';
import { MODEL } from './editing';

/** stg_publishers and its neighbours one hop each way (see the bookstore README). */
const LINEAGE_NODES = ['raw.publishers', 'stg_publishers', 'dim_publishers', 'dim_books'];
const ER_ENTITIES = ['dim_books', 'dim_publishers', 'fact_sales', 'stg_publishers', 'stg_books', 'raw.books'];
/** Relationships come from `relationships` tests and spec refs: key columns label the lines. */
const ER_RELATIONSHIP_LABELS = ['publisher_id', 'book_id'];
/** bookstore's relationships: 9 from tests and dataset refs, one more from fact_sales → dim_publishers. */
const ER_MIN_RELATIONSHIPS = 9;

async function panelTexts(frame: FrameLocator): Promise<string[]> {
  await frame.locator('.canvas svg text').first().waitFor({ timeout: 30_000 });
  return frame.locator('.canvas svg text').evaluateAll((ts) => ts.map((t) => (t.textContent ?? '').replace(/\s+/g, ' ').trim()).filter(Boolean));
}

/** A clean stage: no editors, the Explorer beside, and no bottom panel taking the diagram's height. */
async function stage(page: Page): Promise<void> {
  await closeAllEditors(page);
  await runCommand(page, 'View: Show Explorer');
  if (await page.locator('.part.panel').isVisible()) await runCommand(page, 'View: Hide Panel');
}

export async function lineage(s: Session): Promise<void> {
  const { page } = s;
  await stage(page);
  await openFile(page, MODEL);
  await runCommand(page, 'Model Studio: Show Lineage');
  await activeTab(page, /^Lineage/).waitFor({ timeout: 30_000 });
  const frame = visibleWebview(page);
  const texts = await panelTexts(frame);
  for (const n of LINEAGE_NODES) assert.ok(texts.includes(n), `lineage shows ${n}; labels: ${JSON.stringify(texts)}`);
  await s.shot('4-lineage');

  // A click on a node opens the model it stands for.
  await frame.locator('[data-unique-id="model.bookstore.dim_publishers"]').click();
  await activeTab(page, 'dim_publishers.sql').waitFor({ timeout: 10_000 });
  await s.shot('4-lineage-node-opened');
}

export async function erDiagram(s: Session): Promise<void> {
  const { page } = s;
  await stage(page);
  await runCommand(page, 'Model Studio: Show ER Diagram');
  await activeTab(page, /^ER/).waitFor({ timeout: 30_000 });
  const frame = visibleWebview(page);
  const texts = await panelTexts(frame);
  for (const e of [...ER_ENTITIES, ...ER_RELATIONSHIP_LABELS]) assert.ok(texts.includes(e), `the ER diagram shows ${e}; labels: ${JSON.stringify(texts)}`);
  const lines = await frame.locator('.canvas svg path.relationshipLine').count();
  assert.ok(lines >= ER_MIN_RELATIONSHIPS, `${lines} relationship lines drawn, expected at least ${ER_MIN_RELATIONSHIPS}`);
  // The header's count and the drawing agree.
  const header = await frame.getByText(/\d+ relationships?/).first().innerText();
  assert.match(header, new RegExp(`\\b${lines} relationships?`), header);
  await s.shot('5-er-diagram');
}
