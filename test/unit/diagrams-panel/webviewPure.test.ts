/** The panel code that needs no browser: pan/zoom arithmetic, search, CSP markup rewriting, theme, export text, HTML. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diagramCsp, diagramPanelHtml } from '../../../src/extension/diagramPanelsHtml';
import { exportBytes } from '../../../src/extension/diagramPanelsIo';
import type { SearchEntry } from '../../../src/protocol';
import { anchorTable } from '../../../webview/erd/anchor';
import { nextDepth, searchMatches } from '../../../webview/lineage/search';
import { exportName, mermaidMarkdown, pngScale } from '../../../webview/shared/exportText';
import { clampToContent, FIT_FLOOR, fitTransform, initialTransform, READABLE_SCALE, zoomAt } from '../../../webview/shared/geometry';
import { renameStyleAttributes } from '../../../webview/shared/styleAttrs';
import { mermaidThemeFor, themeKindOf } from '../../../webview/shared/themeColours';

void test('fit centres the diagram and never enlarges past 1.25', () => {
  assert.deepEqual(fitTransform(1000, 500, 1032, 532), { x: 16, y: 16, k: 1 });
  const small = fitTransform(100, 100, 1000, 1000);
  assert.equal(small.k, 1.25);
  assert.equal(small.x, (1000 - 125) / 2);
  assert.deepEqual(fitTransform(0, 10, 100, 100), { x: 0, y: 0, k: 1 });
});

void test('zoom keeps the point under the pointer in place, within limits', () => {
  const t = { x: 40, y: -20, k: 0.5 };
  const z = zoomAt(t, 2, 300, 200);
  const before = { x: (300 - t.x) / t.k, y: (200 - t.y) / t.k };
  const after = { x: (300 - z.x) / z.k, y: (200 - z.y) / z.k };
  assert.ok(Math.abs(before.x - after.x) < 1e-9 && Math.abs(before.y - after.y) < 1e-9);
  assert.equal(zoomAt(t, 1000, 0, 0).k, 4);
  assert.equal(zoomAt(t, 0.0001, 0, 0).k, 0.05);
});

void test('a first view is never smaller than readable: top-left, or centred on the focus', () => {
  assert.deepEqual(initialTransform(800, 400, 1000, 600), fitTransform(800, 400, 1000, 600));
  const wide = initialTransform(6000, 400, 1000, 600);
  assert.deepEqual(wide, { k: READABLE_SCALE, x: 16, y: (600 - 400 * READABLE_SCALE) / 2 });
  const onFocus = initialTransform(6000, 4000, 1000, 600, { x: 3000, y: 2000 });
  assert.deepEqual(onFocus, { k: READABLE_SCALE, x: 500 - 3000 * READABLE_SCALE, y: 300 - 2000 * READABLE_SCALE });
  // A focus at the right edge: the diagram's right end meets the viewport's, no empty half.
  const atEdge = initialTransform(2000, 300, 500, 600, { x: 1990, y: 150 });
  assert.deepEqual(atEdge, { k: READABLE_SCALE, x: 500 - 2000 * READABLE_SCALE - 16, y: (600 - 300 * READABLE_SCALE) / 2 });
});

void test('a first view is the whole diagram while its text stays at least half size', () => {
  const fitted = initialTransform(1600, 400, 1000, 600);
  assert.deepEqual(fitted, fitTransform(1600, 400, 1000, 600));
  assert.ok(fitted.k >= FIT_FLOOR && fitted.k < READABLE_SCALE);
  assert.equal(initialTransform(2200, 400, 1000, 600).k, READABLE_SCALE);
});

void test('an ER view too big to fit starts on the table asked for, else the most related one', () => {
  const entity = (label: string) => ({ label, token: label, kind: 'model' as const, openable: true, columns: 1, primaryKey: [] });
  const entities = ['a', 'b', 'c', 'd'].map(entity);
  const relationships = [
    { parent: 'a', child: 'b', label: 'a_id' },
    { parent: 'c', child: 'b', label: 'c_id' },
    { parent: 'b', child: 'd', label: 'b_id' },
  ];
  assert.equal(anchorTable({ entities, relationships, options: { tables: [], related: false } }), 'b');
  assert.equal(anchorTable({ entities, relationships, options: { tables: ['d'], related: true } }), 'd');
  assert.equal(anchorTable({ entities, relationships: [], options: { tables: ['gone'], related: true } }), 'a');
  assert.equal(anchorTable({ entities: [], relationships: [], options: { tables: [], related: true } }), undefined);
});

void test('clampToContent centres what fits and leaves no gap past the margin on what does not', () => {
  assert.deepEqual(clampToContent({ k: 1, x: 400, y: -50 }, 1000, 100, 500, 300), { k: 1, x: 16, y: 100 });
  assert.deepEqual(clampToContent({ k: 1, x: -900, y: 0 }, 1000, 100, 500, 300), { k: 1, x: -516, y: 100 });
  assert.deepEqual(clampToContent({ k: 2, x: -300, y: 0 }, 1000, 100, 500, 300), { k: 2, x: -300, y: 50 });
});

void test('depth steps: all → 3 → … → 1, and back up to all', () => {
  assert.equal(nextDepth(0, -1), 3);
  assert.equal(nextDepth(3, -1), 2);
  assert.equal(nextDepth(1, -1), 1);
  assert.equal(nextDepth(2, 1), 3);
  assert.equal(nextDepth(10, 1), 0);
  assert.equal(nextDepth(0, 1), 0);
});

void test('search: every word must match; names that start with the query first, shorter first', () => {
  const e = (label: string): SearchEntry => ({ uniqueId: `model.p.${label}`, label, type: 'model' });
  const entries = ['fct_orders', 'orders', 'stg_orders', 'customers', 'orders_daily'].map(e);
  assert.deepEqual(
    searchMatches(entries, 'orders').map((x) => x.label),
    ['orders', 'orders_daily', 'fct_orders', 'stg_orders'],
  );
  assert.deepEqual(
    searchMatches(entries, 'ORD stg').map((x) => x.label),
    ['stg_orders'],
  );
  assert.deepEqual(searchMatches(entries, '   '), []);
  assert.equal(searchMatches(Array.from({ length: 100 }, (_, i) => e(`m${i}`)), 'm').length, 30);
});

void test('style attributes are renamed inside tags only, never in text', () => {
  const markup = '<svg style="max-width: 5px"><g class="a" style=\'fill:red\'><text>style="x"</text></g></svg>';
  assert.equal(renameStyleAttributes(markup), '<svg data-ms-style="max-width: 5px"><g class="a" data-ms-style=\'fill:red\'><text>style="x"</text></g></svg>');
  assert.equal(renameStyleAttributes('<p data-style="x">'), '<p data-style="x">');
});

void test('theme: kind from body classes; editor colours when hex, palette otherwise; high contrast keeps its own', () => {
  const has = (...c: string[]) => (x: string) => c.includes(x);
  assert.equal(themeKindOf(has('vscode-dark')), 'dark');
  assert.equal(themeKindOf(has('vscode-high-contrast')), 'hc-dark');
  assert.equal(themeKindOf(has('vscode-high-contrast', 'vscode-high-contrast-light')), 'hc-light');
  assert.equal(themeKindOf(has()), 'light');
  const vars: Record<string, string> = { '--vscode-editor-background': ' #123456', '--vscode-editor-foreground': 'rgba(1,2,3,0.5)', '--vscode-font-family': 'Fira Sans' };
  const dark = mermaidThemeFor('dark', (n) => vars[n] ?? '');
  assert.equal(dark.variables.background, '#123456');
  assert.equal(dark.variables.primaryTextColor, '#e6e6e6');
  assert.equal(dark.variables.fontFamily, 'Fira Sans');
  assert.equal(dark.variables.darkMode, true);
  const hc = mermaidThemeFor('hc-dark', (n) => vars[n] ?? '');
  assert.deepEqual([hc.variables.background, hc.variables.lineColor], ['#000000', '#ffffff']);
});

void test('export: names, Markdown, PNG scale and bytes', () => {
  assert.equal(exportName('Lineage: stg_orders', 'svg'), 'lineage-stg_orders.svg');
  assert.equal(exportName('ER: my shop!', 'png'), 'er-my_shop.png');
  assert.equal(exportName('***', 'md'), 'diagram.md');
  assert.equal(mermaidMarkdown('T', 'flowchart LR\n  a'), '# T\n\n```mermaid\nflowchart LR\n  a\n```\n');
  assert.equal(pngScale(1000, 800), 2);
  assert.equal(pngScale(16_000, 100), 1);
  const s = pngScale(12_000, 12_000);
  assert.ok(s < 1 && Math.abs((s * 12_000) ** 2 - 120_000_000) < 1, 'capped to the canvas area limit');
  assert.deepEqual([...exportBytes('png', Buffer.from([137, 80, 78, 71]).toString('base64'))], [137, 80, 78, 71]);
  assert.equal(Buffer.from(exportBytes('md', 'é')).toString('utf8'), 'é');
});

void test('panel HTML: strict CSP with the nonce for scripts and Mermaid styles, nothing unsafe', () => {
  const csp = diagramCsp('https://x.vscode-cdn.net', 'N0nce');
  assert.equal(csp, "default-src 'none'; img-src https://x.vscode-cdn.net blob:; style-src https://x.vscode-cdn.net 'nonce-N0nce'; font-src https://x.vscode-cdn.net; script-src 'nonce-N0nce'");
  assert.doesNotMatch(csp, /unsafe|\*|data:/);
  const html = diagramPanelHtml({ kind: 'er', title: '<ER>', cspSource: 'https://x', nonce: 'N0nce', scriptUri: 'https://x/d.js', styleUri: 'https://x/d.css' });
  assert.match(html, /<div id="app" data-kind="er"><\/div>/);
  assert.match(html, /<title>&lt;ER&gt;<\/title>/);
  assert.match(html, /<script nonce="N0nce" src="https:\/\/x\/d.js"><\/script>/);
  assert.equal((html.match(/<script/g) ?? []).length, 1);
});
