/**
 * Driving the VS Code workbench by what a user sees and types: the command palette, Quick Open,
 * input boxes, the editor, notifications and the status bar. Every wait has a bound and waits on
 * state, not on time.
 */
import type { Locator, Page } from 'playwright-core';
import type { NotificationSeen, PageWindow } from './dom';

const MOD = 'Control';

export function quickInput(page: Page): Locator {
  return page.locator('.quick-input-widget input');
}

/** Runs a command from the palette by its full title ("Model Studio: Show Lineage"). */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  await quickInput(page).waitFor({ state: 'visible', timeout: 10_000 });
  await quickInput(page).fill(`>${title}`);
  // The palette matches fuzzily: pick the row whose label is exactly the title, not the first one.
  const row = page.locator('.quick-input-list .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(title)}$`) }) });
  try {
    await row.first().click({ timeout: 10_000 });
  } catch (e) {
    const offered = await page.locator('.quick-input-list .monaco-list-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label')));
    await page.keyboard.press('Escape');
    throw new Error(`No command titled "${title}" in the palette; it offered ${JSON.stringify(offered)}\n${String(e)}`);
  }
  // The palette closes, or the command reuses the widget for its own input box or pick.
  await page.waitForFunction(
    () => {
      const input = (globalThis as unknown as PageWindow).document.querySelector('.quick-input-widget input');
      const widget = (globalThis as unknown as PageWindow).document.querySelector('.quick-input-widget');
      return !widget || (widget.getAttribute('style') ?? '').includes('display: none') || !(input?.value ?? '').startsWith('>');
    },
    undefined,
    { timeout: 10_000, polling: 50 },
  );
}

/** Answers an input box whose prompt contains `prompt`: keeps the offered value unless `value` is given. */
export async function answerInput(page: Page, prompt: string | RegExp, value?: string): Promise<string> {
  const widget = page.locator('.quick-input-widget', { hasText: prompt });
  await widget.waitFor({ state: 'visible', timeout: 10_000 });
  const offered = await quickInput(page).inputValue();
  if (value !== undefined) await quickInput(page).fill(value);
  await page.keyboard.press('Enter');
  await widget.waitFor({ state: 'hidden', timeout: 10_000 });
  return offered;
}

/** Opens a file by (relative) path through Quick Open and waits for its editor tab. */
export async function openFile(page: Page, relPath: string): Promise<void> {
  await page.keyboard.press(`${MOD}+P`);
  await quickInput(page).waitFor({ state: 'visible', timeout: 10_000 });
  await quickInput(page).fill(relPath);
  const name = relPath.slice(relPath.lastIndexOf('/') + 1);
  // Rows read "stg_orders.sql models/staging[, file results]", and target/ holds copies of the
  // same name. Results arrive in batches and re-sort, so a click can land on a row that moved:
  // wait until the focused (best) row is the file itself, then take it.
  const label = `${name} ${relPath.slice(0, Math.max(0, relPath.lastIndexOf('/')))}`.trim();
  await page.waitForFunction(
    (l) => {
      const focused = (globalThis as unknown as PageWindow).document.querySelector('.quick-input-list .monaco-list-row.focused')?.getAttribute('aria-label') ?? '';
      return focused === l || focused.startsWith(`${l},`);
    },
    label,
    { timeout: 10_000, polling: 50 },
  );
  await page.keyboard.press('Enter');
  await activeTab(page, name).waitFor({ timeout: 10_000 });
  await page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor({ timeout: 10_000 });
}

export function activeTab(page: Page, name: string | RegExp): Locator {
  return page.locator('.tabs-container .tab.active', { hasText: name });
}

/** Puts the cursor at column 1 of a 1-based line of the active editor. */
export async function goToLine(page: Page, line: number): Promise<void> {
  await page.locator('.editor-instance .monaco-editor textarea').first().focus();
  await page.keyboard.press(`${MOD}+G`);
  await quickInput(page).waitFor({ state: 'visible', timeout: 10_000 });
  await quickInput(page).fill(`:${line}`);
  await page.keyboard.press('Enter');
  await quickInput(page).waitFor({ state: 'hidden', timeout: 10_000 });
}

/** Replaces the whole text of a 1-based line of the active editor, indentation included. */
export async function replaceLine(page: Page, line: number, text: string): Promise<void> {
  await goToLine(page, line);
  await page.keyboard.press('Shift+End');
  await page.keyboard.insertText(text);
}

/** Saves the active editor and waits until its tab shows it saved. */
export async function save(page: Page): Promise<void> {
  await page.keyboard.press(`${MOD}+S`);
  await page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'detached', timeout: 10_000 });
}

export async function replaceLineAndSave(page: Page, line: number, text: string): Promise<void> {
  await replaceLine(page, line, text);
  await save(page);
}

/** Closes every editor, discarding unsaved changes (a retry starts from the files on disk). */
export async function closeAllEditors(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await runCommand(page, 'View: Revert and Close Editor').catch(() => undefined);
  await runCommand(page, 'View: Close All Editors');
  const dontSave = page.locator('.monaco-dialog-box a.monaco-button', { hasText: /Don't Save/ });
  if (await dontSave.isVisible()) await dontSave.click();
  await page.locator('.tabs-container .tab').first().waitFor({ state: 'detached', timeout: 10_000 });
}

// ── Notifications ──────────────────────────────────────────────────────────────────────────

/** A notification toast, once it has faded in (a screenshot then shows it fully). */
export function toast(page: Page, text: string | RegExp): Locator {
  return page.locator('.notification-toast.notification-fade-in-done', { hasText: text });
}

export async function clickToastButton(page: Page, text: string | RegExp, button: string): Promise<void> {
  const t = toast(page, text);
  await t.waitFor({ timeout: 10_000 });
  await t.locator('a.monaco-button', { hasText: button }).click();
}

/**
 * Starts recording every notification the page shows (text, and whether a progress bar ran in
 * it). A progress toast can come and go between two polls; the record cannot miss it.
 */
export async function recordNotifications(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = globalThis as unknown as PageWindow;
    w.__msNotes = [];
    const t0 = performance.now();
    new w.MutationObserver(() => {
      for (const row of w.document.querySelectorAll('.notification-toast .monaco-list-row')) {
        const label = row.getAttribute('aria-label') ?? '';
        const progress = !!row.querySelector('.monaco-progress-container.active');
        const last = w.__msNotes?.filter((n) => n.label === label).pop();
        if (!last || (progress && !last.progress)) w.__msNotes?.push({ atMs: Math.round(performance.now() - t0), label, progress });
      }
    }).observe(w.document, { childList: true, subtree: true, attributes: true });
  });
}

export async function recordedNotifications(page: Page): Promise<NotificationSeen[]> {
  return page.evaluate(() => (globalThis as unknown as PageWindow).__msNotes ?? []);
}

export async function clearNotifications(page: Page): Promise<void> {
  await runCommand(page, 'Notifications: Clear All Notifications');
  await page.locator('.notification-toast').first().waitFor({ state: 'detached', timeout: 10_000 });
}

// ── Status bar ─────────────────────────────────────────────────────────────────────────────

export const MODEL_STUDIO_STATUS = 'model-studio.duckdb-model-studio.modelStudio.status';

/** The aria-label of a status bar item (icon names spelled out, then its tooltip). */
export async function statusLabel(page: Page, id: string): Promise<string> {
  return (await page.locator(`[id="${id}"]`).getAttribute('aria-label', { timeout: 10_000 })) ?? '';
}

/** Waits until a status bar item's aria-label matches. */
export async function waitForStatus(page: Page, id: string, match: RegExp, ms = 30_000): Promise<string> {
  await page.waitForFunction(
    ([sel, src, flags]) => new RegExp(src, flags).test((globalThis as unknown as PageWindow).document.querySelector(sel)?.getAttribute('aria-label') ?? ''),
    [`[id="${id}"]`, match.source, match.flags] as const,
    { timeout: ms, polling: 100 },
  );
  return statusLabel(page, id);
}

/** Waits for a transient status bar message (`window.setStatusBarMessage`). */
export async function waitForStatusMessage(page: Page, text: string | RegExp, ms = 15_000): Promise<void> {
  await page.locator('.statusbar-item', { hasText: text }).first().waitFor({ timeout: ms });
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
