/**
 * Two builds of the panel bundle timed in the same run, alternating render by render, so a busy
 * machine slows both alike: the bench's two slow cases (the 500-node lineage with every layer
 * expanded, the ER diagram of 40 tables), wall time from posting the view to the first painted
 * frame and the CPU time of Chromium's processes per render, whether both draw the same SVG, and
 * whether the panels look the same (screenshots of the whole panel, compared byte for byte and
 * written to .cache/bench/compare-<case>-{old,new}.png).
 *
 *   cp -r dist/webview /tmp/old-webview        (before the change)
 *   node scripts/build.mjs                      (after it)
 *   OLD=/tmp/old-webview node --import tsx bench/diagrams/compareBundles.ts
 *
 * NEW defaults to dist/webview, RUNS to 7, CASE (lineage|er) to both.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { writeSyntheticProject } from '../engine/syntheticProject';
import { Engine } from '../../src/core/engine';
import type { DiagramView } from '../../src/protocol';
import { erView, lineageView } from '../../src/server/handlers/diagrams';
import { launch, PanelPage, REPO_ROOT } from '../../test/integration/webview/panelPage';
import { erProject } from './erProject';
import { descendantsCpuMs } from './processCpu';

const OLD = process.env.OLD;
const NEW = process.env.NEW ?? join(REPO_ROOT, 'dist', 'webview');
const RUNS = Number(process.env.RUNS ?? 7);

interface Sample {
  wall: number;
  cpu: number;
}

async function once(page: PanelPage, view: DiagramView): Promise<Sample> {
  const c0 = descendantsCpuMs();
  const t0 = performance.now();
  const m = await page.render({ type: 'view', view }, 120_000);
  if (m.type !== 'rendered') throw new Error(`not drawn: ${JSON.stringify(m)}`);
  return { wall: performance.now() - t0, cpu: descendantsCpuMs() - c0 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const best = (xs: number[]) => Math.min(...xs);
const markup = async (p: PanelPage) => (await p.js<string>(`document.querySelector('.canvas svg').outerHTML`)).replace(/ms-diagram-\d+/g, 'ms-diagram');

function summary(label: string, s: Sample[]): string {
  const w = s.map((x) => x.wall);
  const c = s.map((x) => x.cpu);
  return `${label}: wall median ${median(w).toFixed(0)} ms (best ${best(w).toFixed(0)}), Chromium CPU median ${median(c).toFixed(0)} ms (best ${best(c).toFixed(0)})`;
}

async function main(): Promise<void> {
  if (!OLD) throw new Error('OLD=<directory holding the old diagrams.js and diagrams.css> is required');
  const cases: Array<{ name: string; kind: 'lineage' | 'er'; view: () => DiagramView }> = [
    { name: 'whole project, 500 nodes, every layer expanded', kind: 'lineage', view: () => lineageView(Engine.load(writeSyntheticProject(435)), { projectRoot: '', options: { scope: 'project', collapsed: [] } }) },
    { name: 'ER, 40 tables', kind: 'er', view: () => erView(Engine.load(erProject(40)), { projectRoot: '', options: { tables: [], related: false } }) },
  ].filter((c) => !process.env.CASE || c.kind === process.env.CASE) as never;
  const browser = await launch();
  try {
    for (const c of cases) {
      const view = c.view();
      const old = await PanelPage.open(browser, c.kind, 'dark', undefined, OLD);
      const neu = await PanelPage.open(browser, c.kind, 'dark', undefined, NEW);
      const load0 = loadavg()[0];
      await once(old, view);
      await once(neu, view);
      const a: Sample[] = [];
      const b: Sample[] = [];
      for (let i = 0; i < RUNS; i++) {
        if (i % 2) {
          b.push(await once(neu, view));
          a.push(await once(old, view));
        } else {
          a.push(await once(old, view));
          b.push(await once(neu, view));
        }
      }
      const same = (await markup(old)) === (await markup(neu));
      const [shotOld, shotNew] = [await old.page.screenshot(), await neu.page.screenshot()];
      mkdirSync('.cache/bench', { recursive: true });
      writeFileSync(`.cache/bench/compare-${c.kind}-old.png`, shotOld);
      writeFileSync(`.cache/bench/compare-${c.kind}-new.png`, shotNew);
      const looks = shotOld.equals(shotNew);
      console.log(`${c.name} (${RUNS} each, alternating; load average ${load0.toFixed(2)} → ${loadavg()[0].toFixed(2)}; same SVG: ${same ? 'yes' : 'no'}; same pixels: ${looks ? 'yes' : 'NO'})`);
      console.log(`  ${summary('old', a)}`);
      console.log(`  ${summary('new', b)}`);
      for (const p of [old, neu]) if (p.errors.length) console.log(`  page errors: ${p.errors.join(' | ')}`);
      await old.close();
      await neu.close();
    }
  } finally {
    await browser.close();
  }
}

void main();
