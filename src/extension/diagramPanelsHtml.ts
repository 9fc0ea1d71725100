/**
 * The diagram panels' HTML and Content Security Policy. Pure (no `vscode`), so the browser test
 * loads exactly this page. Differences from the preview panel's policy, and why:
 * - `style-src` adds the page nonce: Mermaid puts a `<style>` into every SVG, and the webview
 *   gives that element the nonce instead of the policy allowing 'unsafe-inline';
 * - `img-src` adds `blob:`: the PNG export draws the SVG through a blob: image onto a canvas.
 */
import { webviewShell } from './webviewHtml';

export interface DiagramHtmlOptions {
  kind: 'lineage' | 'er';
  title: string;
  cspSource: string;
  nonce: string;
  scriptUri: string;
  styleUri: string;
}

export function diagramCsp(cspSource: string, nonce: string): string {
  return [`default-src 'none'`, `img-src ${cspSource} blob:`, `style-src ${cspSource} 'nonce-${nonce}'`, `font-src ${cspSource}`, `script-src 'nonce-${nonce}'`].join('; ');
}

export function diagramPanelHtml(o: DiagramHtmlOptions): string {
  return webviewShell({ ...o, csp: diagramCsp(o.cspSource, o.nonce), body: `<div id="app" data-kind="${o.kind}"></div>` });
}
