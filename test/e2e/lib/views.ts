/** The Test Explorer and webview panels, read the way a user sees them. */
import type { FrameLocator, Locator, Page } from 'playwright-core';
import type { PageWindow } from './dom';
import { runCommand } from './workbench';

/**
 * Opens the Test Explorer, expands `path` (project, then tested model) and returns the row of the
 * test whose label matches `leaf`. Rows' aria-labels read "name (Failed), in 12ms".
 */
export async function openTestExplorer(page: Page, path: string[], leaf: string): Promise<Locator> {
  await runCommand(page, 'Testing: Focus on Test Explorer View');
  await page.locator('.test-explorer').waitFor({ state: 'visible', timeout: 10_000 });
  for (const name of path) {
    const row = page.locator(`.test-explorer .monaco-list-row[aria-label^="${name} ("], .test-explorer .monaco-list-row[aria-label="${name}"]`).first();
    await row.waitFor({ timeout: 10_000 });
    if ((await row.getAttribute('aria-expanded')) === 'false') {
      await row.locator('.monaco-tl-twistie').click();
      await page.locator(`.test-explorer .monaco-list-row[aria-expanded="true"][aria-label^="${name}"]`).first().waitFor({ timeout: 10_000 });
    }
  }
  const item = page.locator(`.test-explorer .monaco-list-row[aria-label^="${leaf} ("]`).first();
  await item.waitFor({ timeout: 10_000 });
  return item;
}

export type TestState = 'passed' | 'failed' | 'errored' | 'skipped' | 'queued' | 'running' | 'unset';

export async function testItemState(row: Locator): Promise<TestState> {
  const label = (await row.getAttribute('aria-label')) ?? '';
  const m = /\((Passed|Failed|Errored|Skipped|Queued|Running)\)/.exec(label);
  return m ? (m[1].toLowerCase() as TestState) : 'unset';
}

/** Waits until the Test Explorer row of test `leaf` shows `state` (results can trail the Problems rows). */
export async function waitForTestState(page: Page, leaf: string, state: TestState, ms = 15_000): Promise<string> {
  try {
    const h = await page.waitForFunction(
      ([name, st]) =>
        [...(globalThis as unknown as PageWindow).document.querySelectorAll('.test-explorer .monaco-list-row')]
          .map((r) => r.getAttribute('aria-label') ?? '')
          .find((l) => l.startsWith(`${name} (`) && l.toLowerCase().includes(`(${st})`)),
      [leaf, state] as const,
      { timeout: ms, polling: 100 },
    );
    return (await h.jsonValue()) ?? '';
  } catch (e) {
    const rows = await page.locator('.test-explorer .monaco-list-row').evaluateAll((r) => r.map((x) => x.getAttribute('aria-label')));
    throw new Error(`no Test Explorer row ${leaf} in state ${state} within ${ms} ms; rows: ${JSON.stringify(rows)}\n${String(e)}`);
  }
}

/**
 * The content of the webview panel on screen: VS Code nests the page in two iframes, and keeps
 * hidden panels' iframes in the DOM with `visibility: hidden`.
 */
export function visibleWebview(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready:visible').first().frameLocator('#active-frame');
}
