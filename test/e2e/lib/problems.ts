/**
 * The Problems panel as a user reads it. Rows come from `.markers-panel .monaco-list-row`; a
 * marker row's aria-label carries the message, "at line N" and the source. Waits run in the page
 * (polled every animation frame), so a latency measured there is not blurred by round trips.
 */
import type { Page } from 'playwright-core';
import type { PageWindow } from './dom';
import { runCommand } from './workbench';

export async function showProblems(page: Page): Promise<void> {
  await runCommand(page, 'View: Focus Problems (Errors, Warnings, Infos)');
  await page.locator('.markers-panel').waitFor({ state: 'visible', timeout: 10_000 });
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
  await page.evaluate(() => {
    const window = globalThis as unknown as PageWindow;
    window.__msSaveAt = undefined;
    const onKey = (e: { ctrlKey: boolean; key: string }): void => {
      if (e.ctrlKey && e.key.toLowerCase() === 's') {
        window.__msSaveAt = performance.now();
        window.removeEventListener('keydown', onKey, true);
      }
    };
    window.addEventListener('keydown', onKey, true);
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
