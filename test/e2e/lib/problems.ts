/**
 * The Problems panel as a user reads it. Rows come from `.markers-panel .monaco-list-row`; a
 * marker row's aria-label carries the message, "at line N" and the source. Waits run in the page
 * (polled every animation frame), so a latency measured there is not blurred by round trips.
 */
import type { Page } from 'playwright-core';
import type { PageWindow } from './dom';
import { runCommand } from './workbench';

/**
 * Opens the Problems panel, filtered to `filter` when given: the list renders only the rows in
 * view, and a built project's warnings can push a new row out of it. The filter applies after a
 * debounce, so this waits for its "Showing N of M" badge.
 */
export async function showProblems(page: Page, filter = ''): Promise<void> {
  await runCommand(page, 'View: Focus Problems (Errors, Warnings, Infos)');
  await page.locator('.markers-panel').waitFor({ state: 'visible', timeout: 10_000 });
  const box = page.locator('.panel .viewpane-filter input').first();
  if ((await box.inputValue()) === filter) return;
  await box.fill(filter);
  // With no problems at all the badge never shows; the status bar says so.
  await page.waitForFunction(
    (f) => {
      const doc = (globalThis as unknown as PageWindow).document;
      const badge = doc.querySelector('.panel .viewpane-filter-badge');
      const shown = !!badge && !(badge.getAttribute('class') ?? '').includes('hidden') && /Showing/.test(badge.textContent ?? '');
      return f ? shown || /No Problems/.test(doc.querySelector('[id="status.problems"]')?.getAttribute('aria-label') ?? '') : !shown;
    },
    filter,
    { timeout: 10_000, polling: 50 },
  );
}

/** The Problems panel's rows (marker rows and the file rows above them). */
export async function problemRows(page: Page): Promise<string[]> {
  return page.locator('.markers-panel .monaco-list-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label') ?? r.textContent ?? ''));
}

/** A Problems row matching every pattern (case-insensitive), e.g. `['sourze', 'at line 16']`. */
export interface RowMatch {
  all: string[];
}

function matcherSource(m: RowMatch): string[] {
  return m.all.map((s) => s.toLowerCase());
}

/** Waits until a row matches; returns its label. */
export async function waitForProblem(page: Page, match: RowMatch, ms = 15_000): Promise<string> {
  try {
    const handle = await page.waitForFunction(
      (needles) => [...(globalThis as unknown as PageWindow).document.querySelectorAll('.markers-panel .monaco-list-row')].map((r) => r.getAttribute('aria-label') ?? '').find((l) => needles.every((n) => l.toLowerCase().includes(n))),
      matcherSource(match),
      { timeout: ms, polling: 'raf' },
    );
    return (await handle.jsonValue()) ?? '';
  } catch (e) {
    throw new Error(`No Problems row with ${JSON.stringify(match.all)} within ${ms} ms; rows: ${JSON.stringify(await problemRows(page))}\n${String(e)}`);
  }
}

/** Waits until no row matches. */
export async function waitForNoProblem(page: Page, match: RowMatch, ms = 15_000): Promise<void> {
  try {
    await page.waitForFunction(
      (needles) => ![...(globalThis as unknown as PageWindow).document.querySelectorAll('.markers-panel .monaco-list-row')].some((r) => needles.every((n) => (r.getAttribute('aria-label') ?? '').toLowerCase().includes(n))),
      matcherSource(match),
      { timeout: ms, polling: 'raf' },
    );
  } catch (e) {
    throw new Error(`A Problems row with ${JSON.stringify(match.all)} was still there after ${ms} ms; rows: ${JSON.stringify(await problemRows(page))}\n${String(e)}`);
  }
}

/**
 * Presses Ctrl+S and measures, inside the page, from the key press to the first frame in which a
 * Problems row matches: what a user would see, without the test process's round trips.
 */
export async function saveAndTimeProblem(page: Page, match: RowMatch, ms = 15_000): Promise<{ label: string; latencyMs: number }> {
  // No named functions in page code: tsx's keepNames would wrap them in a __name() the page lacks.
  await page.evaluate(() => {
    const window = globalThis as unknown as PageWindow;
    window.__msSaveAt = undefined;
    if (window.__msKeyHook) return;
    window.__msKeyHook = true;
    window.addEventListener(
      'keydown',
      (e) => {
        if (e.ctrlKey && e.key.toLowerCase() === 's' && window.__msSaveAt === undefined) window.__msSaveAt = performance.now();
      },
      true,
    );
  });
  await page.keyboard.press('Control+S');
  try {
    const handle = await page.waitForFunction(
      (needles) => {
        const window = globalThis as unknown as PageWindow;
        const label = [...window.document.querySelectorAll('.markers-panel .monaco-list-row')].map((r) => r.getAttribute('aria-label') ?? '').find((l) => needles.every((n) => l.toLowerCase().includes(n)));
        return label && window.__msSaveAt !== undefined ? { label, latencyMs: performance.now() - window.__msSaveAt } : undefined;
      },
      matcherSource(match),
      { timeout: ms, polling: 'raf' },
    );
    return (await handle.jsonValue()) ?? { label: '', latencyMs: NaN };
  } catch (e) {
    throw new Error(`No Problems row with ${JSON.stringify(match.all)} within ${ms} ms of saving; rows: ${JSON.stringify(await problemRows(page))}\n${String(e)}`);
  }
}

export function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  if (!s.length) return NaN;
  const i = (s.length - 1) * p;
  const lo = Math.floor(i);
  return s[lo] + (s[Math.ceil(i)] - s[lo]) * (i - lo);
}
