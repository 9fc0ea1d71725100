/**
 * The built diagram panel bundle in headless Chromium, fed the views the server builds for real
 * projects: every template's lineage and ER diagram render in light and dark (screenshots under
 * .test-output/panels/, to be looked at), the SVG holds the expected labels and edges, nothing is
 * blocked by the CSP, and clicks, status updates and exports post the right messages.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { writeSyntheticProject } from '../../../bench/engine/syntheticProject';
import { readCatalog } from '../../../src/core/diagrams';
import { Engine } from '../../../src/core/engine';
import type { DiagramNodeStatus, ErView, FromDiagramWebview, LineageView } from '../../../src/protocol';
import { erView, lineageView, projectDatasetRelations } from '../../../src/server/handlers/diagrams';
import { copyTemplate } from '../../helpers/tempProject';
import { ensureBundle, skipReason } from './bundle';
import { launch, PanelPage, REPO_ROOT, type ThemeName } from './panelPage';

const OUT = join(REPO_ROOT, '.test-output', 'panels');
const TEMPLATES = readdirSync(join(REPO_ROOT, 'sql', 'templates')).sort();
const skip = skipReason();

interface Views {
  lineage: LineageView;
  er: ErView;
}

function viewsOf(template: string, status?: Record<string, DiagramNodeStatus>): Views {
  const root = join(REPO_ROOT, 'sql', 'templates', template);
  const engine = Engine.load(root);
  return {
    lineage: lineageView(engine, { projectRoot: root, status }),
    er: erView(engine, { projectRoot: root, datasetRelations: projectDatasetRelations(root) }),
  };
}

/** Visible text of the drawn SVG's labels. */
async function svgTexts(p: PanelPage): Promise<string[]> {
  return p.js<string[]>(`[...document.querySelectorAll('.canvas svg text')].map((t) => t.textContent.replace(/\\s+/g, ' ').trim()).filter(Boolean)`);
}

async function count(p: PanelPage, selector: string): Promise<number> {
  return p.js<number>(`document.querySelectorAll(${JSON.stringify(selector)}).length`);
}

function rendered(m: FromDiagramWebview): asserts m is Extract<FromDiagramWebview, { type: 'rendered' }> {
  assert.equal(m.type, 'rendered', JSON.stringify(m));
}

describe('diagram panels in Chromium', { skip, timeout: 300_000 }, () => {
  let browser: Browser;

  before(async () => {
    ensureBundle();
    mkdirSync(OUT, { recursive: true });
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });

  for (const theme of ['light', 'dark'] as const satisfies readonly ThemeName[]) {
    test(`every template's lineage and ER diagram render in the ${theme} theme`, async () => {
      const lineage = await PanelPage.open(browser, 'lineage', theme);
      const er = await PanelPage.open(browser, 'er', theme);
      for (const t of TEMPLATES) {
        const v = viewsOf(t);
        rendered(await lineage.render({ type: 'view', view: v.lineage }));
        const texts = await svgTexts(lineage);
        for (const n of v.lineage.nodes) assert.ok(texts.includes(n.label), `${t} lineage: ${n.label} drawn`);
        assert.equal(await count(lineage, '.canvas svg path.flowchart-link'), v.lineage.edges.length, `${t} lineage edges`);
        assert.equal(await count(lineage, '.canvas svg g.ms-node'), v.lineage.nodes.length, `${t}: every node is clickable`);
        await lineage.page.screenshot({ path: join(OUT, `${t}-lineage-${theme}.png`) });

        rendered(await er.render({ type: 'view', view: v.er }));
        const erTexts = await svgTexts(er);
        for (const e of v.er.entities) assert.ok(erTexts.includes(e.label), `${t} ER: entity ${e.label} drawn`);
        for (const r of v.er.relationships) assert.ok(erTexts.includes(r.label), `${t} ER: relationship label ${r.label}`);
        assert.equal(await count(er, '.canvas svg path.relationshipLine'), v.er.relationships.length, `${t} ER relationship lines`);
        await er.page.screenshot({ path: join(OUT, `${t}-er-${theme}.png`) });
      }
      assert.deepEqual([...lineage.cspViolations(), ...er.cspViolations()], [], 'nothing blocked by the CSP');
      assert.deepEqual([...lineage.errors, ...er.errors], [], 'no console errors');
      await lineage.close();
      await er.close();
    });
  }

  test('ER diagram shows keys and labelled relationships (bookstore)', async () => {
    const v = viewsOf('bookstore').er;
    const p = await PanelPage.open(browser, 'er', 'light');
    rendered(await p.render({ type: 'view', view: v }));
    const texts = await svgTexts(p);
    assert.ok(texts.includes('PK') && texts.includes('FK'), `keys drawn: ${texts.filter((x) => /^(PK|FK|UK)/.test(x)).join(' ')}`);
    for (const label of ['publisher_id', 'book_id']) assert.ok(texts.includes(label), `relationship label ${label}`);
    assert.ok(v.relationships.length >= 5);
    // Click a table: open its file; double-click: that table with its relations.
    let from = p.posted.length;
    const dim = p.page.locator('.canvas svg g.ms-node', { hasText: 'dim_publishers' }).first();
    await dim.click();
    assert.deepEqual(await p.waitFor((m) => m.type === 'open', 5000, from), { type: 'open', uniqueId: 'model.bookstore.dim_publishers' });
    from = p.posted.length;
    await dim.dblclick();
    assert.deepEqual(await p.waitFor((m) => m.type === 'erOptions', 5000, from), { type: 'erOptions', options: { tables: ['dim_publishers'], related: true } });
    // The picker shows every drawn table as chosen.
    assert.equal(await p.js<number>(`document.querySelector('vscode-multi-select').value.length`), v.entities.length);
    await p.close();
  });

  test('ER after a build: column types from DuckDB', async () => {
    const root = copyTemplate('jaffle_shop');
    const engine = Engine.load(root);
    await engine.execute(engine.select('build').ids);
    const catalog = await readCatalog(await engine.warehouse());
    engine.close();
    const v = erView(engine, { projectRoot: root, catalog });
    const p = await PanelPage.open(browser, 'er', 'dark');
    rendered(await p.render({ type: 'view', view: v }));
    const texts = await svgTexts(p);
    assert.ok(!texts.includes('unknown'), 'every column typed');
    assert.ok(texts.includes('INTEGER') || texts.includes('BIGINT'), texts.join(' '));
    await p.page.screenshot({ path: join(OUT, 'jaffle_shop-er-built-dark.png') });
    await p.close();
  });

  test('clicks, status colours, theme switch and exports', async () => {
    const status: Record<string, DiagramNodeStatus> = { 'model.jaffle_shop.customers': 'ok', 'model.jaffle_shop.orders': 'warn', 'model.jaffle_shop.stg_payments': 'fail', 'model.jaffle_shop.stg_orders': 'stale' };
    const v = viewsOf('jaffle_shop', status).lineage;
    const p = await PanelPage.open(browser, 'lineage', 'light');
    rendered(await p.render({ type: 'view', view: v }));
    assert.equal(await count(p, '.ms-st-warn'), 1);
    await p.page.screenshot({ path: join(OUT, 'jaffle_shop-lineage-status-light.png') });

    const node = (uid: string) => p.page.locator(`[data-unique-id="${uid}"]`);
    let from = p.posted.length;
    await node('model.jaffle_shop.customers').click();
    assert.deepEqual(await p.waitFor((m) => m.type === 'open', 5000, from), { type: 'open', uniqueId: 'model.jaffle_shop.customers' });

    from = p.posted.length;
    await node('model.jaffle_shop.orders').dblclick();
    const refocus = await p.waitFor((m) => m.type === 'lineageOptions', 5000, from);
    assert.ok(refocus.type === 'lineageOptions' && refocus.options.focus === 'model.jaffle_shop.orders' && refocus.options.scope === 'focused');
    await new Promise((r) => setTimeout(r, 400));
    assert.ok(!p.posted.slice(from).some((m) => m.type === 'open'), 'a double-click does not also open the file');

    // Wheel zooms around the pointer; a drag pans, and the click that ends it opens nothing.
    const transform = () => p.js<string>(`document.querySelector('.canvas').style.transform`);
    const before = await transform();
    await p.page.mouse.move(600, 400);
    await p.page.mouse.wheel(0, -300);
    const zoomed = await transform();
    assert.notEqual(zoomed, before);
    assert.ok(Number(/scale\(([\d.]+)\)/.exec(zoomed)?.[1]) > Number(/scale\(([\d.]+)\)/.exec(before)?.[1]));
    const nodeBox = await node('model.jaffle_shop.customers').boundingBox();
    assert.ok(nodeBox);
    from = p.posted.length;
    await p.page.mouse.move(nodeBox.x + 5, nodeBox.y + 5);
    await p.page.mouse.down();
    await p.page.mouse.move(nodeBox.x + 80, nodeBox.y + 60, { steps: 5 });
    await p.page.mouse.up();
    assert.notEqual(await transform(), zoomed);
    await new Promise((r) => setTimeout(r, 400));
    assert.ok(!p.posted.slice(from).some((m) => m.type === 'open'), 'a drag opens nothing');

    // Search: type, pick with Enter, the panel asks for that focus.
    from = p.posted.length;
    await p.page.locator('.search vscode-textfield input').fill('stg_pay');
    await p.page.locator('.search-item').first().waitFor();
    await p.page.keyboard.press('Enter');
    const searched = await p.waitFor((m) => m.type === 'lineageOptions', 5000, from);
    assert.ok(searched.type === 'lineageOptions' && searched.options.focus === 'model.jaffle_shop.stg_payments');

    // A run finished: colours change in place, without drawing again.
    from = p.posted.length;
    await p.post({ type: 'status', status: { 'model.jaffle_shop.customers': 'fail' } });
    // window.postMessage is delivered in a later task: wait for the recolour before counting.
    await p.page.waitForSelector('[data-unique-id="model.jaffle_shop.customers"].ms-st-fail', { state: 'attached', timeout: 5000 });
    assert.equal(await count(p, '[data-unique-id="model.jaffle_shop.customers"].ms-st-fail'), 1);
    assert.equal(await count(p, '.ms-st-warn'), 0);
    assert.ok(!p.posted.slice(from).some((m) => m.type === 'rendered'));

    // VS Code switched to a dark theme: drawn again with dark colours.
    from = p.posted.length;
    await p.setTheme('dark');
    rendered(await p.waitFor((m) => m.type === 'rendered', 10_000, from));
    const clusterFill = await p.js<string>(`getComputedStyle(document.querySelector('.canvas svg .cluster rect')).fill`);
    assert.match(clusterFill, /rgb\((3[0-9]|[0-4][0-9]), /, `dark cluster background, got ${clusterFill}`);

    const exported = async (label: string) => {
      const start = p.posted.length;
      await p.page.getByRole('button', { name: label, exact: true }).click();
      const m = await p.waitFor((x) => x.type === 'export', 10_000, start);
      assert.ok(m.type === 'export');
      return m;
    };
    const svg = await exported('SVG');
    assert.match(svg.data, /^<\?xml[^]*<svg[^]*stg_orders[^]*<\/svg>$/);
    assert.doesNotMatch(svg.data, /nonce=/);
    assert.equal(svg.name, 'lineage-jaffle_shop.svg');
    const png = await exported('PNG');
    assert.equal(Buffer.from(png.data, 'base64').subarray(1, 4).toString('latin1'), 'PNG');
    const md = await exported('Markdown');
    assert.match(md.data, /^# Lineage: jaffle_shop\n\n```mermaid\nflowchart LR\n[^]*```\n$/);
    assert.deepEqual(p.cspViolations(), []);
    await p.close();
  });

  test('a 1,000-model project opens with layers collapsed; expanding one and focusing both draw', async () => {
    const root = writeSyntheticProject(1000);
    const engine = Engine.load(root);
    const whole = lineageView(engine, { projectRoot: root });
    assert.deepEqual(whole.options.collapsed, ['sources', 'staging', 'intermediate', 'marts']);
    const p = await PanelPage.open(browser, 'lineage', 'dark');
    rendered(await p.render({ type: 'view', view: whole }));
    assert.equal(await count(p, '.canvas svg g.ms-node'), 4);
    await p.page.screenshot({ path: join(OUT, 'synthetic-1000-collapsed-dark.png') });

    const from = p.posted.length;
    await p.page.locator('[data-unique-id="group:marts"]').click();
    const expand = await p.waitFor((m) => m.type === 'lineageOptions', 5000, from);
    assert.ok(expand.type === 'lineageOptions');
    assert.deepEqual(expand.options.collapsed, ['sources', 'staging', 'intermediate']);

    const focused = lineageView(engine, { projectRoot: root, focusFromFile: 'model.bench.mart_200', status: { 'model.bench.mart_200': 'ok' } });
    assert.equal(focused.options.scope, 'focused');
    rendered(await p.render({ type: 'view', view: focused }));
    assert.ok((await svgTexts(p)).includes('mart_200'));
    // The focus keeps its own border over its status's (the fill still says passed); the legend says what it means.
    const focusStroke = await p.js<string>(`getComputedStyle(document.querySelector('.canvas svg g.ms-focus[data-unique-id="model.bench.mart_200"] rect')).stroke`);
    assert.equal(focusStroke, 'rgb(219, 39, 119)');
    assert.match(await p.js<string>(`document.querySelector('.legend').innerText`), /focused model/);
    // A neighbourhood this size is fitted: all of it inside the viewport.
    const inside = await p.js<boolean>(`(() => { const v = document.querySelector('.viewport').getBoundingClientRect(); const s = document.querySelector('.canvas svg').getBoundingClientRect(); return s.left >= v.left && s.right <= v.right && s.top >= v.top && s.bottom <= v.bottom; })()`);
    assert.ok(inside, 'the first view shows the whole diagram');
    await p.page.screenshot({ path: join(OUT, 'synthetic-1000-focused-dark.png') });
    await p.close();
  });

  test('a narrow panel starts readable, on the focus, without empty space beside it', async () => {
    const root = join(REPO_ROOT, 'sql', 'templates', 'bookstore');
    const view = lineageView(Engine.load(root), { projectRoot: root, options: { scope: 'focused', focus: 'model.bookstore.fact_sales' } });
    const p = await PanelPage.open(browser, 'lineage', 'light', { width: 520, height: 800 });
    rendered(await p.render({ type: 'view', view }));
    const box = async (sel: string) => p.js<{ left: number; right: number; top: number; bottom: number }>(`(() => { const r = document.querySelector(${JSON.stringify(sel)}).getBoundingClientRect(); return { left: r.left, right: r.right, top: r.top, bottom: r.bottom }; })()`);
    const vp = await box('.viewport');
    const focus = await box('.canvas svg g.node.focus');
    const svg = await box('.canvas svg');
    assert.ok(focus.left >= vp.left && focus.right <= vp.right && focus.top >= vp.top && focus.bottom <= vp.bottom, 'the focus is in view');
    assert.ok(svg.right >= vp.right - 17 && svg.left <= vp.left + 17, `the diagram fills the width (svg ${svg.left}–${svg.right}, viewport ${vp.left}–${vp.right})`);
    const scale = await p.js<string>(`document.querySelector('.canvas').style.transform`);
    assert.match(scale, /scale\(0\.75\)/);
    await p.page.screenshot({ path: join(OUT, 'bookstore-lineage-focused-narrow-light.png') });
    // Widened (as when a panel beside the editor gets its final size) a fitted view would follow;
    // this one was not fitted, so the focus stays where it was put.
    await p.page.setViewportSize({ width: 1600, height: 800 });
    assert.match(await p.js<string>(`document.querySelector('.canvas').style.transform`), /scale\(0\.75\)/);
    await p.close();
  });

  test('a fitted first view follows the panel size until someone zooms', async () => {
    const root = join(REPO_ROOT, 'sql', 'templates', 'jaffle_shop');
    const view = lineageView(Engine.load(root), { projectRoot: root });
    const p = await PanelPage.open(browser, 'lineage', 'light', { width: 900, height: 700 });
    rendered(await p.render({ type: 'view', view }));
    const scale = async () => Number(/scale\(([\d.]+)\)/.exec(await p.js<string>(`document.querySelector('.canvas').style.transform`))?.[1]);
    const first = await scale();
    assert.ok(first >= 0.5 && first < 1.25, `fitted at ${first}`);
    await p.page.setViewportSize({ width: 1400, height: 900 });
    await p.page.waitForFunction(`!document.querySelector('.canvas').getAttribute('style').includes('scale(${first})')`);
    const wider = await scale();
    assert.ok(wider > first, `refitted larger: ${first} → ${wider}`);
    await p.page.locator('.actions vscode-button[title^="Zoom in"]').click();
    const zoomed = await scale();
    await p.page.setViewportSize({ width: 1000, height: 700 });
    await p.page.waitForTimeout(100);
    assert.equal(await scale(), zoomed, 'after a zoom the view stays put');
    await p.close();
  });

  test("memoized and canvas text measurement and the array ranking draw exactly what Mermaid's own code draws", async () => {
    // The drawn SVG with Mermaid's ids numbered per render taken out.
    const markup = async (p: PanelPage) => (await p.js<string>(`document.querySelector('.canvas svg').outerHTML`)).replace(/ms-diagram-\d+/g, 'ms-diagram');
    const lineage = await PanelPage.open(browser, 'lineage', 'light');
    const er = await PanelPage.open(browser, 'er', 'dark');
    const synthetic = Engine.load(writeSyntheticProject(200));
    const withTests = lineageView(synthetic, { projectRoot: '', options: { scope: 'focused', focus: 'model.bench.stg_3', showTests: true } });
    // Labels near and beyond the 480 px a flowchart line may take: where textFit.ts leaves the
    // decision to Mermaid's measurement, and where a line or a word is broken.
    const long = (n: number) => Array.from({ length: n }, (_, i) => 'abcdefghijklmnopqrstuvwxyz'[i % 26]).join('');
    const wide: LineageView = {
      ...withTests,
      text: `${withTests.text}\n  wide1["${long(40)}"]\n  wide2["${long(62)}"]\n  wide3["${long(66)}"]\n  wide4["${long(90)}"]\n  wide5["a label of several words that is wider than a flowchart line may be, so it wraps"]\n  wide6["${long(30)}_${long(30)}_${long(8)}"]`,
    };
    const cases: Array<[string, PanelPage, LineageView | ErView]> = [
      ...TEMPLATES.flatMap((t): Array<[string, PanelPage, LineageView | ErView]> => {
        const v = viewsOf(t);
        return [[`${t} lineage`, lineage, v.lineage], [`${t} ER`, er, v.er]];
      }),
      ['synthetic lineage with tests', lineage, withTests],
      ['long labels', lineage, wide],
      ['synthetic ER', er, erView(synthetic, { projectRoot: '' })],
    ];
    // Counts the label measurements that reach the browser (under the cache, which wraps this).
    const countMeasures = `(() => { const f = SVGTextContentElement.prototype.getComputedTextLength; window.__msLengths = 0; SVGTextContentElement.prototype.getComputedTextLength = function () { window.__msLengths++; return f.call(this); }; })()`;
    await lineage.js(countMeasures);
    for (const [name, p, view] of cases) {
      await p.js('globalThis.msMeasureCache = false; globalThis.msFastRank = false');
      rendered(await p.render({ type: 'view', view }));
      const measured = await markup(p);
      await p.js('globalThis.msMeasureCache = true; globalThis.msFastRank = true; window.__msLengths = 0');
      rendered(await p.render({ type: 'view', view }));
      assert.equal(await markup(p), measured, `${name}: the same drawing with the cache, the canvas and the array ranking`);
      // Model names fit their line by far: decided without measuring in the page.
      if (name === 'synthetic lineage with tests') assert.equal(await p.js<number>('window.__msLengths'), 0, 'no label line measured in the page');
      if (name === 'long labels') assert.ok((await p.js<number>('window.__msLengths')) > 0, 'lines near or beyond the width are measured in the page');
    }
    // The last lineage drawn: the long labels. Lines are tspans; a word too long for one is broken across several.
    const lines = (label: string) => lineage.js<number>(`[...document.querySelectorAll('.canvas svg text')].find((t) => t.textContent === ${JSON.stringify(label)})?.querySelectorAll('tspan.text-outer-tspan').length ?? 0`);
    assert.equal(await lines(long(40)), 1);
    assert.ok((await lines(long(90))) > 1, 'a word too long for a line is broken');
    // Every drawing read Mermaid's configuration without writing to the shared snapshot (configCopy.ts).
    assert.deepEqual([...lineage.errors, ...er.errors].filter((e) => /wrote to its configuration/.test(e)), []);
    await lineage.close();
    await er.close();
  });

  test('high contrast', async () => {
    const p = await PanelPage.open(browser, 'lineage', 'hc-dark');
    rendered(await p.render({ type: 'view', view: viewsOf('medallion').lineage }));
    await p.page.screenshot({ path: join(OUT, 'medallion-lineage-hc-dark.png') });
    assert.deepEqual(p.cspViolations(), []);
    await p.close();
  });
});
