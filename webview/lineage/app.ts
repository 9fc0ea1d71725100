/**
 * The lineage panel: a Mermaid flowchart of the project or of one model's neighbourhood.
 * Click a node to open its file, double-click to focus on it, click a collapsed layer to expand
 * it (or a layer's title to collapse it). Colours follow the last run and test results and are
 * updated in place when the extension posts new statuses.
 */
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import type { DiagramNodeMeta, DiagramNodeStatus, LineageView, LineageViewOptions } from '../../src/protocol';
import { el, toggle } from '../shared/dom';
import type { Frame } from '../shared/frame';
import { centreOn } from '../shared/centre';
import { attachClicks, clusterElements, nodeElements } from '../shared/interact';
import { renderLegend } from '../shared/legend';
import { setStatus } from '../shared/statusStyle';
import { post, saveState } from '../shared/vscodeApi';
import { SearchBox } from './controls';
import { nextDepth } from './search';

/** Whole-project views beyond this many edges get the compact layout. */
const COMPACT_EDGES = 250;

export class LineageApp {
  private view: LineageView | undefined;
  private nodes = new Map<string, { meta: DiagramNodeMeta; el: SVGGElement }>();
  private metaOf = new WeakMap<Element, DiagramNodeMeta>();
  private readonly whole = toggle('Whole project', 'The whole project instead of the focused model and its neighbourhood', (v) => this.change({ scope: v ? 'project' : 'focused' }, true));
  private readonly upstream = toggle('Upstream', 'Show what the focused model is built from', (v) => this.change({ upstream: v }));
  private readonly downstream = toggle('Downstream', 'Show what is built from the focused model', (v) => this.change({ downstream: v }));
  private readonly layers = toggle('Layers', 'Group nodes by layer (staging, marts, …)', (v) => this.change({ groupBy: v ? 'layer' : 'none' }, true));
  private readonly tests = toggle('Tests', 'Show data tests', (v) => this.change({ showTests: v }, true));
  private readonly depthLabel = el('span', 'depth-label');
  private readonly depthButtons: HTMLElement[] = [];
  private readonly search: SearchBox;

  constructor(private readonly frame: Frame) {
    this.search = new SearchBox((uniqueId) => this.change({ focus: uniqueId, scope: 'focused', depth: undefined }, true));
    const depth = el('span', 'depth');
    const less = el('vscode-button', undefined, '−');
    const more = el('vscode-button', undefined, '+');
    for (const [b, dir, title] of [[less, -1, 'Fewer levels'], [more, 1, 'More levels']] as const) {
      b.setAttribute('secondary', '');
      b.title = title;
      b.addEventListener('click', () => this.view && this.change({ depth: nextDepth(this.view.options.depth, dir) }));
    }
    depth.append(less, this.depthLabel, more);
    this.depthButtons.push(less, more);
    frame.controls.append(this.search.element, this.whole, depth, this.upstream, this.downstream, this.layers, this.tests);
    renderLegend(frame.legend, 'lineage');
    frame.onDrawn = (d) => this.decorate(d.svg, d.keptView);
    frame.onShown = (d) => post({ type: 'rendered', ms: d.ms, nodes: this.view?.nodes.length ?? 0, edges: this.view?.edges.length ?? 0 });
  }

  show(view: LineageView): void {
    this.view = view;
    saveState({ kind: 'lineage', projectRoot: view.projectRoot, lineage: view.options });
    const o = view.options;
    this.whole.checked = o.scope === 'project';
    this.upstream.checked = o.upstream;
    this.downstream.checked = o.downstream;
    this.layers.checked = o.groupBy !== 'none';
    this.tests.checked = o.showTests;
    for (const c of [this.upstream, this.downstream, ...this.depthButtons]) c.toggleAttribute('disabled', o.scope !== 'focused');
    this.depthLabel.textContent = o.scope !== 'focused' ? 'depth —' : o.depth === 0 ? 'depth all' : `depth ${o.depth}`;
    this.search.setEntries(view.searchable);
    document.title = view.title;
    this.frame.setNotes([`${view.title} · ${countText(view)}`, ...view.notes]);
    void this.frame.draw({ title: view.title, text: view.text, edges: view.edges.length, compact: view.edges.length > COMPACT_EDGES });
  }

  /** New statuses after a run or a save: recolour in place. */
  status(status: Record<string, DiagramNodeStatus>): void {
    for (const { meta, el: g } of this.nodes.values()) {
      if (meta.type === 'group') continue;
      const s = status[meta.uniqueId];
      if (s) meta.status = s;
      else delete meta.status;
      setStatus(g, meta.status);
    }
  }

  private change(patch: Partial<LineageViewOptions>, regroup = false): void {
    if (!this.view) return;
    const options: LineageViewOptions = { ...this.view.options, ...patch };
    if (patch.depth === undefined && 'depth' in patch) options.depth = 0;
    // A different grouping or scope gets the server's fresh choice of what to collapse.
    if (regroup) delete options.collapsed;
    this.frame.loading('Updating…');
    saveState({ kind: 'lineage', projectRoot: this.view.projectRoot, lineage: options });
    post({ type: 'lineageOptions', options });
  }

  private decorate(svg: SVGSVGElement, keptView: boolean): void {
    const view = this.view;
    if (!view) return;
    const byId = new Map(view.nodes.map((n) => [n.id, n]));
    this.nodes.clear();
    this.metaOf = new WeakMap();
    const elements = nodeElements(svg, 'flowchart');
    const focus = view.nodes.find((n) => n.focus);
    const focusEl = focus ? elements.get(focus.id) : undefined;
    // Too big to fit legibly: start on the focus rather than on a corner. Measured before the nodes
    // are decorated, so the browser lays the new diagram out once, not twice.
    if (focusEl && !keptView && !this.frame.panZoom.fitted) centreOn(this.frame, svg, focusEl);
    for (const [id, g] of elements) {
      const meta = byId.get(id);
      if (!meta) continue;
      this.nodes.set(id, { meta, el: g });
      this.metaOf.set(g, meta);
      g.classList.add('ms-node');
      if (meta.openable || meta.type === 'group') g.classList.add('ms-clickable');
      g.setAttribute('data-unique-id', meta.uniqueId);
      g.setAttribute('tabindex', '0');
      g.setAttribute('role', 'button');
      g.setAttribute('aria-label', meta.type === 'group' ? `${meta.label}: expand` : `${meta.label}: open, double-click to focus`);
      setStatus(g, meta.type === 'group' ? undefined : meta.status);
    }
    const groups = new Map(view.groups.map((g) => [g.id, g.label]));
    for (const [id, cluster] of clusterElements(svg)) {
      const label = groups.get(id);
      if (!label) continue;
      cluster.classList.add('ms-cluster');
      cluster.setAttribute('data-group', label);
      const title = cluster.querySelector('.cluster-label');
      title?.classList.add('ms-clickable');
      title?.setAttribute('aria-label', `${label}: collapse`);
    }
    attachClicks(svg, this.frame.panZoom, {
      click: (target) => this.click(target),
      dblclick: (target) => this.dblclick(target),
    });
    // Above a status colour, which would otherwise hide which model this lineage is about.
    focusEl?.classList.add('ms-focus');
  }

  private click(target: Element): void {
    const view = this.view;
    if (!view) return;
    const node = target.closest('.ms-node');
    if (node) {
      const meta = this.metaOf.get(node);
      if (!meta) return;
      if (meta.type === 'group') this.change({ collapsed: (view.options.collapsed ?? []).filter((g) => `group:${g}` !== meta.uniqueId) });
      else if (meta.openable) post({ type: 'open', uniqueId: meta.uniqueId });
      return;
    }
    const cluster = target.closest('.ms-cluster');
    if (cluster && target.closest('.cluster-label')) {
      const g = cluster.getAttribute('data-group');
      if (g) this.change({ collapsed: [...(view.options.collapsed ?? []), g] });
    }
  }

  private dblclick(target: Element): void {
    const node = target.closest('.ms-node');
    const meta = node ? this.metaOf.get(node) : undefined;
    if (!meta || meta.type === 'group' || meta.type === 'test') return;
    this.change({ focus: meta.uniqueId, scope: 'focused', depth: undefined }, true);
  }
}

function countText(view: LineageView): string {
  const shown = view.nodes.filter((n) => n.type !== 'group').length;
  const collapsed = view.nodes.filter((n) => n.type === 'group').reduce((a, n) => a + (n.members ?? 0), 0);
  const layers = view.nodes.length - shown;
  const parts: string[] = [];
  if (shown) parts.push(`${shown} node${shown === 1 ? '' : 's'}`);
  if (collapsed) parts.push(`${layers} collapsed layer${layers === 1 ? '' : 's'} holding ${collapsed}`);
  parts.push(`${view.projectNodes} in the project`);
  return parts.join(' · ');
}
