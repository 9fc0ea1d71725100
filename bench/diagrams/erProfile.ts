/**
 * Where the ER view of 40 tables (or, with CASE=lineage, the whole 500-node project with every
 * layer expanded) spends its time: Chromium's CPU profile (CDP Profiler) of a few
 * renders after a warm-up, summarised as self time per function (top 40) and written in full to
 * .cache/bench/<case>.cpuprofile (open it in Chrome DevTools), the drawn SVG to .cache/bench/<case>.svg. Run: node bench/diagrams/runProfile.mjs
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { erView, lineageView } from '../../src/server/handlers/diagrams';
import { Engine } from '../../src/core/engine';
import { ensureBundle } from '../../test/integration/webview/bundle';
import { launch, PanelPage } from '../../test/integration/webview/panelPage';
import { writeSyntheticProject } from '../engine/syntheticProject';
import { erProject } from './erProject';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  hitCount?: number;
}

async function main(): Promise<void> {
  ensureBundle();
  const lineage = process.env.CASE === 'lineage';
  const name = lineage ? 'lineage' : 'er';
  const view = lineage
    ? lineageView(Engine.load(writeSyntheticProject(435)), { projectRoot: '', options: { scope: 'project', collapsed: [] } })
    : erView(Engine.load(erProject(40)), { projectRoot: '', options: { tables: [], related: false } });
  const browser = await launch();
  try {
    const page = await PanelPage.open(browser, lineage ? 'lineage' : 'er', 'dark');
    await page.render({ type: 'view', view }, 120_000);
    const cdp = await page.page.context().newCDPSession(page.page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
    const runs = Number(process.env.RUNS ?? 3);
    const walls: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      await page.render({ type: 'view', view }, 120_000);
      walls.push(performance.now() - t0);
    }
    const { profile } = (await cdp.send('Profiler.stop')) as { profile: { nodes: Node[]; samples: number[]; timeDeltas: number[] } };
    mkdirSync('.cache/bench', { recursive: true });
    writeFileSync(`.cache/bench/${name}.cpuprofile`, JSON.stringify(profile));
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const self = new Map<string, number>();
    let total = 0;
    profile.samples.forEach((id, i) => {
      const n = byId.get(id)!;
      const f = n.callFrame;
      const key = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`;
      const dt = (profile.timeDeltas[i] ?? 0) / 1000;
      self.set(key, (self.get(key) ?? 0) + dt);
      total += dt;
    });
    const svg = await page.js<string>(`document.querySelector('.canvas svg').outerHTML`);
    writeFileSync(`.cache/bench/${name}.svg`, svg);
    console.log(`${await page.js<number>(`document.querySelectorAll('.canvas svg *').length`)} SVG elements (markup in .cache/bench/${name}.svg)`);
    console.log(`walls ${walls.map((w) => w.toFixed(0)).join(' ')} ms; profiled ${total.toFixed(0)} ms`);
    for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(`${(v / runs).toFixed(1).padStart(8)} ms/run  ${k}`);
  } finally {
    await browser.close();
  }
}

void main();
