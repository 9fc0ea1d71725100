/**
 * Driving the VS Code workbench by what a user sees and types: the command palette, Quick Open,
 * the editor, the Problems panel. Every wait has a bound and waits on state, not on time.
 */
import type { Page } from 'playwright-core';

const MOD = 'Control';

export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 10_000 });
  await page.keyboard.press('Enter');
}

/** Opens a file by (relative) path through Quick Open and waits for its editor tab. */
export async function openFile(page: Page, relPath: string): Promise<void> {
  await page.keyboard.press(`${MOD}+P`);
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(relPath);
  const name = relPath.slice(relPath.lastIndexOf('/') + 1);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ timeout: 10_000 });
  await page.keyboard.press('Enter');
  await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ timeout: 10_000 });
  await page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor({ timeout: 10_000 });
}

/** Puts the cursor at the start of a 1-based line of the active editor. */
export async function goToLine(page: Page, line: number): Promise<void> {
  await page.locator('.editor-instance .monaco-editor textarea').first().focus();
  await page.keyboard.press(`${MOD}+G`);
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(`:${line}`);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Home');
}

/** Replaces the whole text of the current line with `text` and saves. */
export async function replaceLineAndSave(page: Page, line: number, text: string): Promise<number> {
  await goToLine(page, line);
  await page.keyboard.press('Home');
  await page.keyboard.press('Shift+End');
  await page.keyboard.insertText(text);
  const at = Date.now();
  await page.keyboard.press(`${MOD}+S`);
  return at;
}

export async function showProblems(page: Page): Promise<void> {
  await runCommand(page, 'View: Focus Problems');
  await page.locator('.markers-panel').waitFor({ state: 'visible', timeout: 10_000 });
}

/** The Problems panel's rows (aria-labels carry the message and "at line N"). */
export async function problemRows(page: Page): Promise<string[]> {
  return page.locator('.markers-panel .monaco-list-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label') ?? r.textContent ?? ''));
}

/** Waits until a Problems row satisfies `match`, returning its label and how long it took. */
export async function waitForProblem(page: Page, match: (label: string) => boolean, ms = 15_000): Promise<{ label: string; waitedMs: number }> {
  const t0 = Date.now();
  const end = t0 + ms;
  while (Date.now() < end) {
    const hit = (await problemRows(page)).find(match);
    if (hit) return { label: hit, waitedMs: Date.now() - t0 };
    await page.waitForTimeout(50);
  }
  throw new Error(`No Problems row matched within ${ms} ms; rows: ${JSON.stringify(await problemRows(page))}`);
}

export async function waitForNoProblem(page: Page, match: (label: string) => boolean, ms = 15_000): Promise<number> {
  const t0 = Date.now();
  while (Date.now() - t0 < ms) {
    if (!(await problemRows(page)).some(match)) return Date.now() - t0;
    await page.waitForTimeout(50);
  }
  throw new Error(`A Problems row still matched after ${ms} ms: ${JSON.stringify(await problemRows(page))}`);
}

export async function statusBarText(page: Page): Promise<string> {
  return page.locator('.statusbar').innerText();
}
