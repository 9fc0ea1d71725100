/**
 * The ER panel: a Mermaid erDiagram of the chosen tables with their keys (PK/FK/UK) and labelled
 * relationships. A table picker chooses what is drawn (a big project opens on a few tables);
 * click a table to open its file, double-click to show it with the tables related to it.
 */
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-multi-select/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import type { ErEntityMeta, ErView, ErViewOptions } from '../../src/protocol';
import { el, toggle } from '../shared/dom';
import type { Frame } from '../shared/frame';
import { centreOn } from '../shared/centre';
import { attachClicks, nodeElements } from '../shared/interact';
import { renderLegend } from '../shared/legend';
import { post, saveState } from '../shared/vscodeApi';
import { anchorTable } from './anchor';

type MultiSelect = HTMLElement & { value: string[]; combobox: boolean };

export class ErApp {
  private view: ErView | undefined;
  private metaOf = new WeakMap<Element, ErEntityMeta>();
  private readonly picker = el('vscode-multi-select') as MultiSelect;
  private readonly related = toggle('Related tables', 'Also draw the tables one relationship away from those picked', (v) => this.change({ related: v }));
  private pickerTables = '';

  constructor(private readonly frame: Frame) {
    this.picker.combobox = true;
    this.picker.title = 'Tables to draw';
    this.picker.setAttribute('aria-label', 'Tables to draw');
    this.picker.addEventListener('change', () => this.change({ tables: [...this.picker.value] }));
    const all = el('vscode-button', undefined, 'All tables');
    all.setAttribute('secondary', '');
    all.title = 'Draw every table';
    all.addEventListener('click', () => this.view && this.change({ tables: this.view.tables.map((t) => t.label) }));
    frame.controls.append(el('span', 'picker-label', 'Tables'), this.picker, all, this.related);
    renderLegend(frame.legend, 'er');
    frame.onDrawn = (d) => this.decorate(d.svg, d.keptView);
    frame.onShown = (d) => post({ type: 'rendered', ms: d.ms, nodes: this.view?.entities.length ?? 0, edges: this.view?.relationships.length ?? 0 });
  }

  show(view: ErView): void {
    this.view = view;
    saveState({ kind: 'er', projectRoot: view.projectRoot, er: view.options });
    this.fillPicker(view);
    this.related.checked = view.options.related;
    document.title = view.title;
    const rels = view.relationships.length;
    this.frame.setNotes([`${view.title} · ${view.entities.length} of ${view.tables.length} tables · ${rels} relationship${rels === 1 ? '' : 's'}`, ...view.notes]);
    void this.frame.draw({ title: view.title, text: view.text, edges: rels });
  }

  private fillPicker(view: ErView): void {
    const key = view.tables.map((t) => t.label).join('\n');
    const newOptions = key !== this.pickerTables;
    if (newOptions) {
      this.pickerTables = key;
      this.picker.replaceChildren(
        ...view.tables.map((t) => {
          const o = el('vscode-option', undefined, t.label);
          o.setAttribute('value', t.label);
          o.setAttribute('description', t.kind);
          return o;
        }),
      );
    }
    // An empty choice means every table is drawn; the picker says so by showing them all ticked.
    const value = view.options.tables.length ? view.options.tables : view.entities.map((e) => e.label);
    // Setting the value re-renders the whole dropdown: only when it changes.
    if (!newOptions && [...this.picker.value].join('\n') === value.join('\n')) return;
    this.picker.value = value;
    // New options register with the select a moment after they are added; set the value again then.
    if (newOptions) requestAnimationFrame(() => (this.picker.value = value));
  }

  private change(patch: Partial<ErViewOptions>): void {
    if (!this.view) return;
    const options: ErViewOptions = { ...this.view.options, ...patch };
    this.frame.loading('Updating…');
    saveState({ kind: 'er', projectRoot: this.view.projectRoot, er: options });
    post({ type: 'erOptions', options });
  }

  private decorate(svg: SVGSVGElement, keptView: boolean): void {
    const view = this.view;
    if (!view) return;
    const byToken = new Map(view.entities.map((e) => [e.token, e]));
    this.metaOf = new WeakMap();
    const elements = nodeElements(svg, 'entity');
    const anchor = view.entities.find((e) => e.label === anchorTable(view));
    const anchorEl = anchor ? elements.get(anchor.token) : undefined;
    // Measured before the tables are decorated, so the browser lays the new diagram out once, not twice.
    if (anchorEl && !keptView && !this.frame.panZoom.fitted) centreOn(this.frame, svg, anchorEl);
    for (const [token, g] of elements) {
      const meta = byToken.get(token);
      if (!meta) continue;
      this.metaOf.set(g, meta);
      g.classList.add('ms-node');
      if (meta.openable) g.classList.add('ms-clickable');
      g.setAttribute('tabindex', '0');
      g.setAttribute('role', 'button');
      g.setAttribute('aria-label', `${meta.label}: open, double-click to show its relations`);
    }
    attachClicks(svg, this.frame.panZoom, {
      click: (target) => {
        const meta = this.entityAt(target);
        if (meta?.openable && meta.uniqueId) post({ type: 'open', uniqueId: meta.uniqueId });
      },
      dblclick: (target) => {
        const meta = this.entityAt(target);
        if (meta) this.change({ tables: [meta.label], related: true });
      },
    });
  }

  private entityAt(target: Element): ErEntityMeta | undefined {
    const g = target.closest('.ms-node');
    return g ? this.metaOf.get(g) : undefined;
  }
}
