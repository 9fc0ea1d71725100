/**
 * One E2E session: a fresh copy of a template project, code-server with the extension installed,
 * headless Chromium on the workbench, the Workspace Trust prompt answered. `close()` always stops
 * the server by its PID; scenarios run through `scenario()` get a screenshot and one retry.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { OUTPUT } from './artifacts';
import { launchBrowser } from './browser';
import { REPO, startCodeServer, type CodeServer } from './codeServer';
import { MODEL_STUDIO_STATUS, waitForStatus } from './workbench';

export type Trust = 'grant' | 'deny' | 'off';

export interface SessionOptions {
  template: string;
  /** `grant`/`deny` answer the Workspace Trust prompt; `off` starts with trust disabled (trusted). */
  trust: Trust;
  vsix: string[];
  settings?: Record<string, unknown>;
  env?: Record<string, string>;
  /** Runs on the fresh project before the workbench opens it (a marker file, a prebuilt database). */
  prepareProject?: (dir: string) => void | Promise<void>;
  /** Skip waiting for Model Studio's status bar item (a window the extension does not activate in). */
  noExtensionWait?: boolean;
}

export interface Session {
  server: CodeServer;
  browser: Browser;
  page: Page;
  /** The project folder the workbench has open. */
  project: string;
  /** Errors the page threw, for failure reports. */
  pageErrors: string[];
  /** Saves `.test-output/e2e/<name>.png`; the mouse moves off first unless `keepMouse` (a hover shot). */
  shot(name: string, o?: { keepMouse?: boolean }): Promise<string>;
  close(): Promise<void>;
}

export function freshProject(template: string): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'ms-e2e-')), template);
  cpSync(join(REPO, 'sql', 'templates', template), dir, { recursive: true });
  return dir;
}

export async function openSession(o: SessionOptions): Promise<Session> {
  mkdirSync(OUTPUT, { recursive: true });
  const project = freshProject(o.template);
  await o.prepareProject?.(project);
  const server = await startCodeServer({ vsix: o.vsix, workspaceTrust: o.trust !== 'off', settings: o.settings, env: o.env });
  let browser: Browser | undefined;
  const session: Partial<Session> = {};
  try {
    browser = await launchBrowser();
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    Object.assign(session, {
      server,
      browser,
      page,
      project,
      pageErrors,
      shot: async (name: string, so?: { keepMouse?: boolean }) => {
        // Wherever the last click left it, the mouse raises a hover (a title bar tooltip) over the shot.
        if (!so?.keepMouse) {
          await page.mouse.move(190, 700);
          await page.locator('.workbench-hover').first().waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => undefined);
        }
        const path = join(OUTPUT, `${name}.png`);
        await page.screenshot({ path });
        return path;
      },
      close: async () => {
        await browser?.close().catch(() => undefined);
        await server.stop();
        rmSync(join(project, '..'), { recursive: true, force: true });
      },
    });
    await page.goto(`${server.url}/?folder=${encodeURIComponent(project)}`);
    await page.locator('.monaco-workbench .part.editor').waitFor({ timeout: 60_000 });
    if (o.trust !== 'off') {
      const label = o.trust === 'grant' ? 'Yes, I trust the authors' : "No, I don't trust the authors";
      await page.locator('.monaco-dialog-box a.monaco-button', { hasText: label }).click({ timeout: 30_000 });
      await page.locator('.monaco-dialog-box').waitFor({ state: 'detached', timeout: 10_000 });
    }
    if (!o.noExtensionWait) {
      // Activation done and the language server up: the item leaves its "starting" spinner.
      await waitForStatus(page, MODEL_STUDIO_STATUS, o.trust === 'deny' ? /Restricted/ : /^database\s+Model Studio/, 60_000);
    }
    return session as Session;
  } catch (e) {
    if (session.page) await session.page.screenshot({ path: join(OUTPUT, `session-${o.template}-failed.png`) }).catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await server.stop();
    writeFileSync(join(OUTPUT, `session-${o.template}-code-server.log`), server.output());
    throw e;
  }
}

export interface ScenarioOptions {
  /** Brings the workbench and files back to where a scenario starts, before the retry. */
  reset?: () => Promise<void>;
}

/**
 * Runs a scenario, retrying it once after a failure (a reset first). Each failed attempt leaves a
 * screenshot `<slug>-failed-<n>.png`, and the code-server log goes with the final error.
 */
export async function scenario(t: TestContext, s: Session, slug: string, fn: (attempt: number) => Promise<void>, o: ScenarioOptions = {}): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await fn(attempt);
      if (attempt > 1) t.diagnostic(`${slug}: passed on retry`);
      return;
    } catch (e) {
      const shot = await s.shot(`${slug}-failed-${attempt}`).catch(() => '(no screenshot)');
      t.diagnostic(`${slug}: attempt ${attempt} failed (${shot}): ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
      if (attempt >= 2) {
        writeFileSync(join(OUTPUT, `${slug}-code-server.log`), s.server.output());
        if (s.pageErrors.length) t.diagnostic(`page errors: ${s.pageErrors.slice(-5).join(' | ')}`);
        throw e;
      }
      await o.reset?.();
    }
  }
}
