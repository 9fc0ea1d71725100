/**
 * Preview Results: the first rows of a model as a grid, with the total row count and query time.
 * Renders only what the extension posts; asks for state with `ready` once it can receive it.
 */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-progress-ring/index.js';
import type { Cell, FromPreviewWebview, PreviewData, ToPreviewWebview } from '../../src/protocol';

interface VsCodeApi {
  postMessage(message: FromPreviewWebview): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const title = document.getElementById('title') as HTMLElement;
const meta = document.getElementById('meta') as HTMLElement;
const body = document.getElementById('body') as HTMLElement;
const refresh = document.getElementById('refresh') as HTMLElement;

refresh.addEventListener('click', () => vscode.postMessage({ type: 'refresh' }));

window.addEventListener('message', (e: MessageEvent<unknown>) => {
  const m = e.data as ToPreviewWebview | undefined;
  if (!m || typeof m !== 'object') return;
  if (m.type === 'loading') showLoading(m.title);
  else if (m.type === 'data') showData(m.data);
  else if (m.type === 'error') showError(m.title, m.message);
});

function showLoading(name: string): void {
  title.textContent = name;
  meta.replaceChildren(el('vscode-progress-ring', 'ring'), text(' Running the query…'));
  body.replaceChildren();
}

function showError(name: string, message: string): void {
  title.textContent = name;
  meta.replaceChildren();
  const pre = el('pre', 'error');
  pre.textContent = message;
  body.replaceChildren(pre);
}

function showData(d: PreviewData): void {
  title.textContent = d.title;
  const badge = el('vscode-badge');
  badge.textContent = d.rowCount.toLocaleString('en-US');
  const shown = d.rows.length < d.rowCount ? `, first ${d.rows.length.toLocaleString('en-US')} shown` : '';
  meta.replaceChildren(badge, text(` row${d.rowCount === 1 ? '' : 's'}${shown} · query ${d.elapsedMs.toLocaleString('en-US')} ms`));
  const table = el('table', 'grid');
  const head = el('thead');
  const hr = el('tr');
  const numeric = d.columns.map((c) => /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|U?(TINY|SMALL|BIG)?INT|DOUBLE|FLOAT|REAL|DECIMAL)/i.test(c.type));
  hr.append(el('th', 'rownum'));
  for (const c of d.columns) {
    const th = el('th');
    const name = el('span', 'name');
    name.textContent = c.name;
    const type = el('span', 'type');
    type.textContent = c.type;
    th.append(name, type);
    hr.append(th);
  }
  head.append(hr);
  const tbody = el('tbody');
  const frag = document.createDocumentFragment();
  d.rows.forEach((row, i) => {
    const tr = el('tr');
    const n = el('td', 'rownum');
    n.textContent = String(i + 1);
    tr.append(n);
    row.forEach((v, j) => tr.append(cell(v, numeric[j])));
    frag.append(tr);
  });
  tbody.append(frag);
  table.append(head, tbody);
  body.replaceChildren(d.rows.length ? table : emptyNote());
}

function cell(v: Cell, numeric: boolean): HTMLElement {
  const td = el('td', v === null ? 'null' : numeric ? 'num' : undefined);
  td.textContent = v === null ? 'NULL' : String(v);
  return td;
}

function emptyNote(): HTMLElement {
  const p = el('p', 'empty');
  p.textContent = 'The query returned no rows.';
  return p;
}

function el(tag: string, cls?: string): HTMLElement {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  return e;
}

function text(s: string): Text {
  return document.createTextNode(s);
}

vscode.postMessage({ type: 'ready' });
