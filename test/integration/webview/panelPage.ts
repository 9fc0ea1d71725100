/**
 * The built diagram panel (dist/webview/diagrams.js) in headless Chromium, as VS Code would host
 * it: the extension's own HTML and CSP, a stubbed `acquireVsCodeApi` that records what the panel
 * posts, the theme's body class and `--vscode-*` colours, and `postMessage` for the extension's
 * side. Shared by the browser test and the benchmark.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { diagramPanelHtml } from '../../../src/extension/diagramPanelsHtml';
import type { FromDiagramWebview, ToDiagramWebview } from '../../../src/protocol';

export const REPO_ROOT = process.env.MODEL_STUDIO_REPO ?? resolve(__dirname, '..', '..', '..');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ORIGIN = 'https://webview.model-studio.test';
const NONCE = 'TestNonce0123456789abcdEF';

export type ThemeName = 'light' | 'dark' | 'hc-dark';

/** What VS Code puts on the page for each theme (a subset of its variables). */
const FONT = { '--vscode-font-family': 'system-ui, "Ubuntu", "Droid Sans", sans-serif', '--vscode-font-size': '13px', '--vscode-font-weight': 'normal' };

/** Colours of VS Code's Light Modern, Dark Modern and Dark High Contrast themes. */
const THEMES: Record<ThemeName, { bodyClass: string; vars: Record<string, string> }> = {
  light: {
    bodyClass: 'vscode-light',
    vars: {
      ...FONT,
      ...palette({ bg: '#ffffff', fg: '#3b3b3b', desc: '#616161', border: '#e5e5e5', input: '#ffffff', inputBorder: '#cecece', button: '#005fb8', buttonFg: '#ffffff', secondary: '#e5e5e5', secondaryFg: '#3b3b3b', widget: '#f8f8f8', focus: '#005fb8', selection: '#e8e8e8', selectionFg: '#000000' }),
    },
  },
  dark: {
    bodyClass: 'vscode-dark',
    vars: {
      ...FONT,
      ...palette({ bg: '#1f1f1f', fg: '#cccccc', desc: '#9d9d9d', border: '#2b2b2b', input: '#313131', inputBorder: '#3c3c3c', button: '#0078d4', buttonFg: '#ffffff', secondary: '#313131', secondaryFg: '#cccccc', widget: '#202020', focus: '#0078d4', selection: '#04395e', selectionFg: '#ffffff' }),
    },
  },
  'hc-dark': {
    bodyClass: 'vscode-high-contrast',
    vars: {
      ...FONT,
      ...palette({ bg: '#000000', fg: '#ffffff', desc: '#ffffff', border: '#6fc3df', input: '#000000', inputBorder: '#6fc3df', button: '#000000', buttonFg: '#ffffff', secondary: '#000000', secondaryFg: '#ffffff', widget: '#0c141f', focus: '#f38518', selection: '#000000', selectionFg: '#ffffff' }),
    },
  },
};

function palette(c: Record<'bg' | 'fg' | 'desc' | 'border' | 'input' | 'inputBorder' | 'button' | 'buttonFg' | 'secondary' | 'secondaryFg' | 'widget' | 'focus' | 'selection' | 'selectionFg', string>): Record<string, string> {
  return {
    '--vscode-editor-background': c.bg,
    '--vscode-editor-foreground': c.fg,
    '--vscode-foreground': c.fg,
    '--vscode-descriptionForeground': c.desc,
    '--vscode-panel-border': c.border,
    '--vscode-focusBorder': c.focus,
    '--vscode-button-background': c.button,
    '--vscode-button-foreground': c.buttonFg,
    '--vscode-button-border': c.inputBorder,
    '--vscode-button-secondaryBackground': c.secondary,
    '--vscode-button-secondaryForeground': c.secondaryFg,
    '--vscode-button-secondaryHoverBackground': c.secondary,
    '--vscode-checkbox-background': c.input,
    '--vscode-checkbox-border': c.inputBorder,
    '--vscode-checkbox-foreground': c.fg,
    '--vscode-settings-checkboxBackground': c.input,
    '--vscode-settings-checkboxBorder': c.inputBorder,
    '--vscode-settings-checkboxForeground': c.fg,
    '--vscode-input-background': c.input,
    '--vscode-input-border': c.inputBorder,
    '--vscode-input-foreground': c.fg,
    '--vscode-input-placeholderForeground': c.desc,
    '--vscode-settings-textInputBackground': c.input,
    '--vscode-settings-textInputBorder': c.inputBorder,
    '--vscode-settings-textInputForeground': c.fg,
    '--vscode-dropdown-background': c.input,
    '--vscode-dropdown-border': c.inputBorder,
    '--vscode-dropdown-foreground': c.fg,
    '--vscode-settings-dropdownBackground': c.input,
    '--vscode-settings-dropdownBorder': c.inputBorder,
    '--vscode-settings-dropdownForeground': c.fg,
    '--vscode-settings-dropdownListBorder': c.inputBorder,
    '--vscode-editorWidget-background': c.widget,
    '--vscode-editorWidget-border': c.inputBorder,
    '--vscode-list-activeSelectionBackground': c.selection,
    '--vscode-list-activeSelectionForeground': c.selectionFg,
    '--vscode-list-hoverBackground': c.selection,
    '--vscode-badge-background': c.button,
    '--vscode-badge-foreground': c.buttonFg,
  };
}

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export function bundlePath(): string {
  return join(REPO_ROOT, 'dist', 'webview', 'diagrams.js');
}

export async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM);
}

export class PanelPage {
  readonly posted: FromDiagramWebview[] = [];
  /** Console errors and CSP violations the page reported. */
  readonly errors: string[] = [];

  private constructor(readonly page: Page) {}

  /** `dist`: where the bundle is served from (the benchmark's old-versus-new comparison serves two). */
  static async open(browser: Browser, kind: 'lineage' | 'er', theme: ThemeName, size = { width: 1280, height: 800 }, dist = join(REPO_ROOT, 'dist', 'webview')): Promise<PanelPage> {
    const page = await browser.newPage({ viewport: size });
    const p = new PanelPage(page);
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') p.errors.push(m.text());
    });
    page.on('pageerror', (e) => p.errors.push(`pageerror: ${e.message}`));
    await page.exposeFunction('__msPost', (m: FromDiagramWebview) => void p.posted.push(m));
    const t = THEMES[theme];
    // A string, not a function: tsx's helpers (`__name`) do not exist inside the page.
    await page.addInitScript(`
      window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__msPost(m), getState: () => window.__msState, setState: (s) => (window.__msState = s) });
      document.addEventListener('DOMContentLoaded', () => {
        for (const [k, v] of Object.entries(${JSON.stringify(t.vars)})) document.documentElement.style.setProperty(k, v);
        document.body.classList.add(${JSON.stringify(t.bodyClass)});
      });
    `);
    const html = diagramPanelHtml({ kind, title: 'test', cspSource: ORIGIN, nonce: NONCE, scriptUri: `${ORIGIN}/diagrams.js`, styleUri: `${ORIGIN}/diagrams.css` });
    await page.route(`${ORIGIN}/**`, (route) => {
      const path = new URL(route.request().url()).pathname;
      if (path === '/') return route.fulfill({ body: html, contentType: 'text/html' });
      const file = join(dist, path.slice(1));
      if (!path.includes('..') && existsSync(file)) return route.fulfill({ body: readFileSync(file), contentType: path.endsWith('.css') ? 'text/css' : 'text/javascript' });
      return route.fulfill({ status: 404, body: '' });
    });
    await page.goto(`${ORIGIN}/`);
    await p.waitFor((m) => m.type === 'ready', 20_000);
    return p;
  }

  async post(m: ToDiagramWebview): Promise<void> {
    await this.page.evaluate(`window.postMessage(${JSON.stringify(m)}, '*')`);
  }

  /** Posts a message and waits for the panel's next `rendered` (or `renderError`). */
  async render(m: ToDiagramWebview, timeoutMs = 30_000): Promise<FromDiagramWebview> {
    const before = this.posted.length;
    await this.post(m);
    return this.waitFor((x) => x.type === 'rendered' || x.type === 'renderError', timeoutMs, before);
  }

  /** Switches the theme the way VS Code does: new variables, new body class. */
  async setTheme(theme: ThemeName): Promise<void> {
    const t = THEMES[theme];
    await this.page.evaluate(`
      for (const [k, v] of Object.entries(${JSON.stringify(t.vars)})) document.documentElement.style.setProperty(k, v);
      document.body.className = ${JSON.stringify(t.bodyClass)};
    `);
  }

  /** Evaluates a JavaScript expression in the page (a string, for the reason above). */
  async js<T>(expression: string): Promise<T> {
    const value: unknown = await this.page.evaluate(expression);
    return value as T;
  }

  /** Waits on the recorded messages (from index `from`), bounded by `timeoutMs`. */
  async waitFor(pred: (m: FromDiagramWebview) => boolean, timeoutMs = 10_000, from = 0): Promise<FromDiagramWebview> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const hit = this.posted.slice(from).find(pred);
      if (hit) return hit;
      if (Date.now() > end) throw new Error(`timed out; the panel posted: ${JSON.stringify(this.posted.slice(from).map((m) => m.type))}; errors: ${this.errors.join(' | ')}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  cspViolations(): string[] {
    return this.errors.filter((e) => /Content Security Policy/i.test(e));
  }

  async close(): Promise<void> {
    await this.page.close();
  }
}
