/** Headless Debian Chromium through playwright-core, opened on a code-server workbench. */
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = process.env.MS_E2E_CHROMIUM ?? '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** Opens `folder` in the workbench and waits until the editor area is ready. */
export async function openWorkbench(browser: Browser, url: string, folder: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(`${url}/?folder=${encodeURIComponent(folder)}`);
  await page.waitForSelector('.monaco-workbench .part.editor', { timeout: 30_000 });
  await page.waitForSelector('.statusbar', { timeout: 30_000 });
  return page;
}
