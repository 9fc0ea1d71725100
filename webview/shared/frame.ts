/**
 * What both panels share: the toolbar row, a notes line, the pan/zoom viewport, the status
 * legend, export, and drawing Mermaid text with the current theme (again when the theme changes,
 * keeping the view). Renders run one at a time; a render that is overtaken is skipped.
 */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-progress-ring/index.js';
import type { ExportFormat } from '../../src/protocol';
import { el } from './dom';
import { standaloneSvg, svgToPngBase64 } from './exporter';
import { exportName, mermaidMarkdown } from './exportText';
import { renderSvg } from './mermaidRender';
import { PanZoom } from './panZoom';
import { STATUS_CSS } from './statusStyle';
import { mermaidTheme, onThemeChange } from './theme';
import { pageNonce, post } from './vscodeApi';

export interface Drawn {
  svg: SVGSVGElement;
  /** From the request to draw to the first frame painted with the diagram in it. */
  ms: number;
  /** The previous pan and zoom were kept (a theme change), so nothing should move the view. */
  keptView: boolean;
}

export interface Drawing {
  title: string;
  text: string;
  edges: number;
  compact?: boolean;
}

export class Frame {
  readonly controls = el('div', 'controls');
  readonly notes = el('div', 'notes');
  readonly viewport = el('main', 'viewport');
  readonly canvas = el('div', 'canvas');
  readonly legend = el('footer', 'legend');
  readonly panZoom: PanZoom;
  private readonly message = el('div', 'message');
  private current: Drawing | undefined;
  private svg: SVGSVGElement | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private generation = 0;
  /** Called after every successful draw (also after a theme change), before the browser paints it. */
  onDrawn: (d: Drawn) => void = () => undefined;
  /** Called once the drawn diagram has been painted: what the person sees, and what `ms` times. */
  onShown: (d: Drawn) => void = () => undefined;

  constructor(root: HTMLElement) {
    const actions = el('div', 'actions');
    actions.append(
      button('Fit', 'Show the whole diagram (0)', () => this.panZoom.fit()),
      button('+', 'Zoom in (+)', () => this.panZoom.zoom(1.25)),
      button('−', 'Zoom out (-)', () => this.panZoom.zoom(0.8)),
      button('SVG', 'Export as SVG', () => void this.export('svg')),
      button('PNG', 'Export as PNG', () => void this.export('png')),
      button('Markdown', 'Export as Mermaid Markdown', () => void this.export('md')),
    );
    const bar = el('header', 'toolbar');
    bar.append(this.controls, actions);
    this.viewport.tabIndex = 0;
    this.viewport.setAttribute('aria-label', 'Diagram: drag to pan, wheel to zoom');
    this.viewport.append(this.canvas, this.message);
    // The diagram comes first in the DOM (CSS puts the toolbar on top), so "the first SVG in the
    // panel" is the diagram, not an icon inside a toolbar control.
    root.append(this.viewport, bar, this.notes, this.legend);
    this.panZoom = new PanZoom(this.viewport, this.canvas);
    onThemeChange(() => {
      if (this.current) void this.draw(this.current, true);
    });
  }

  get drawnSvg(): SVGSVGElement | undefined {
    return this.svg;
  }

  setNotes(notes: string[]): void {
    this.notes.replaceChildren(...notes.map((n) => el('div', 'note', n)));
  }

  loading(text: string): void {
    const ring = el('vscode-progress-ring', 'ring');
    this.message.replaceChildren(ring, el('span', undefined, text));
    this.message.className = 'message loading';
  }

  error(text: string): void {
    this.message.replaceChildren(el('pre', 'error', text));
    this.message.className = 'message error';
  }

  private clearMessage(): void {
    this.message.replaceChildren();
    this.message.className = 'message';
  }

  /** Draws (after any draw in progress); `keepView` keeps pan and zoom, as for a theme change. */
  draw(d: Drawing, keepView = false): Promise<Drawn | undefined> {
    const gen = ++this.generation;
    const run = async (): Promise<Drawn | undefined> => {
      if (gen !== this.generation) return undefined;
      this.current = d;
      const t0 = performance.now();
      try {
        const keep = keepView ? this.panZoom.transform : undefined;
        const svg = await renderSvg(d.text, { nonce: pageNonce, theme: mermaidTheme(), edges: d.edges, compact: d.compact });
        const box = svg.viewBox.baseVal;
        svg.setAttribute('width', String(box.width));
        svg.setAttribute('height', String(box.height));
        // The viewport's size, read before the diagram is in the page: read after, it would make the
        // browser lay the new diagram out on the spot, and again once the nodes are decorated.
        const view = this.panZoom.viewportSize();
        this.canvas.replaceChildren(svg);
        this.svg = svg;
        this.panZoom.setContent(box.width, box.height, keep, view);
        this.clearMessage();
        const drawn = { svg, ms: 0, keptView: keep !== undefined };
        this.onDrawn(drawn);
        // Not awaited: a hidden panel gets no frames, and the next draw must not wait for one.
        void afterPaint().then(() => {
          if (this.svg === svg) this.onShown({ ...drawn, ms: Math.round(performance.now() - t0) });
        });
        return drawn;
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        this.error(`The diagram could not be drawn: ${message}`);
        post({ type: 'renderError', message });
        return undefined;
      }
    };
    const p = this.queue.then(run);
    this.queue = p.catch(() => undefined);
    return p;
  }

  private async export(format: ExportFormat): Promise<void> {
    const d = this.current;
    const svg = this.svg;
    if (!d || !svg) return;
    const name = exportName(d.title, format);
    if (format === 'md') return post({ type: 'export', format, name, data: mermaidMarkdown(d.title, d.text) });
    const theme = mermaidTheme();
    const text = standaloneSvg(svg, STATUS_CSS, theme.variables.background);
    if (format === 'svg') return post({ type: 'export', format, name, data: text });
    const box = svg.viewBox.baseVal;
    try {
      post({ type: 'export', format, name, data: await svgToPngBase64(text, box.width, box.height) });
    } catch (e) {
      this.error(`PNG export failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}

/** Resolves after the next frame has been painted (rAF runs before the paint; the task after it, after). */
function afterPaint(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

function button(label: string, title: string, onClick: () => void): HTMLElement {
  const b = el('vscode-button', undefined, label);
  b.setAttribute('secondary', '');
  b.title = title;
  b.addEventListener('click', onClick);
  return b;
}
