/** The lineage toolbar's search box. */
import type { SearchEntry } from '../../src/protocol';
import { el } from '../shared/dom';
import { searchMatches } from './search';

export class SearchBox {
  readonly element = el('div', 'search');
  private readonly input = el('vscode-textfield') as HTMLElement & { value: string; placeholder: string };
  private readonly list = el('div', 'search-results');
  private entries: SearchEntry[] = [];
  private shown: SearchEntry[] = [];
  private active = 0;

  constructor(private readonly pick: (uniqueId: string) => void) {
    this.input.placeholder = 'Focus on a model…';
    this.input.setAttribute('aria-label', 'Search a model to focus on');
    this.list.setAttribute('role', 'listbox');
    this.element.append(this.input, this.list);
    this.input.addEventListener('input', () => this.update());
    this.input.addEventListener('keydown', (e: KeyboardEvent) => this.key(e));
    this.input.addEventListener('blur', () => setTimeout(() => this.close(), 150));
  }

  setEntries(entries: SearchEntry[]): void {
    this.entries = entries;
  }

  private update(): void {
    this.shown = searchMatches(this.entries, this.input.value);
    this.active = 0;
    this.renderList();
  }

  private renderList(): void {
    this.list.replaceChildren(
      ...this.shown.map((e, i) => {
        const item = el('div', i === this.active ? 'search-item active' : 'search-item');
        item.setAttribute('role', 'option');
        item.append(el('span', 'search-label', e.label), el('span', 'search-type', e.type));
        item.addEventListener('mousedown', (ev) => {
          ev.preventDefault();
          this.choose(e);
        });
        return item;
      }),
    );
    this.list.classList.toggle('open', this.shown.length > 0);
  }

  private key(e: KeyboardEvent): void {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      if (!this.shown.length) return;
      this.active = (this.active + (e.key === 'ArrowDown' ? 1 : this.shown.length - 1)) % this.shown.length;
      this.renderList();
    } else if (e.key === 'Enter') {
      const hit = this.shown[this.active];
      if (hit) this.choose(hit);
    } else if (e.key === 'Escape') {
      this.close();
    } else return;
    e.preventDefault();
  }

  private choose(e: SearchEntry): void {
    this.input.value = '';
    this.close();
    this.pick(e.uniqueId);
  }

  private close(): void {
    this.shown = [];
    this.list.replaceChildren();
    this.list.classList.remove('open');
  }
}
