/**
 * Pan and zoom of one SVG inside a viewport: wheel zooms around the pointer, dragging pans,
 * `fit` shows the whole diagram, keys + - 0 do the same. The transform is set through the CSSOM
 * (allowed by the panel's CSP). A drag is remembered so the click that ends it opens nothing.
 */
import { clampToContent, FIT_FLOOR, fitTransform, initialTransform, READABLE_SCALE, zoomAt, type Transform } from './geometry';
const DRAG_THRESHOLD = 4;

export class PanZoom {
  private t: Transform = { x: 0, y: 0, k: 1 };
  private size = { w: 0, h: 0 };
  private drag: { x: number; y: number; tx: number; ty: number; moved: boolean } | undefined;
  /** True right after a drag, until the click that ends it has been seen. */
  dragged = false;
  /** The view is the fitted first view and nobody has panned or zoomed since. */
  private fittedUntouched = false;

  constructor(
    private readonly viewport: HTMLElement,
    private readonly canvas: HTMLElement,
    private readonly onChange: (t: Transform) => void = () => undefined,
  ) {
    viewport.addEventListener('wheel', (e) => this.wheel(e), { passive: false });
    viewport.addEventListener('pointerdown', (e) => this.down(e));
    viewport.addEventListener('pointermove', (e) => this.move(e));
    viewport.addEventListener('pointerup', (e) => this.up(e));
    viewport.addEventListener('pointercancel', (e) => this.up(e));
    viewport.addEventListener('click', () => queueMicrotask(() => (this.dragged = false)), true);
    viewport.addEventListener('keydown', (e) => this.key(e));
    // A webview is often laid out at its final size only after the first draw (a panel opening
    // beside the editor); a fitted first view follows the size until someone pans or zooms.
    new ResizeObserver(() => {
      if (this.fittedUntouched) this.fit(true);
    }).observe(viewport);
  }

  /** The first view of the current diagram shows all of it (see FIT_FLOOR), untouched since. */
  get fitted(): boolean {
    return this.fittedUntouched;
  }

  get transform(): Transform {
    return { ...this.t };
  }

  viewportSize(): { width: number; height: number } {
    const r = this.viewport.getBoundingClientRect();
    return { width: r.width, height: r.height };
  }

  /**
   * A new diagram of natural size w×h: keep the current view, or start readable (see
   * initialTransform). `view` is the viewport's size when the caller already has it.
   */
  setContent(w: number, h: number, keep?: Transform, view = this.viewportSize()): void {
    this.size = { w, h };
    // The same view (a theme change): a fitted view keeps following the size.
    if (keep) return this.apply(keep, this.fittedUntouched);
    this.apply(initialTransform(w, h, view.width, view.height), fitTransform(w, h, view.width, view.height).k >= FIT_FLOOR);
  }

  /** Shows the whole diagram; `keepFitting` (a resize, not a person) leaves the view following the size. */
  fit(keepFitting = false): void {
    const r = this.viewport.getBoundingClientRect();
    if (r.width <= 0 || r.height <= 0) return;
    this.apply(fitTransform(this.size.w, this.size.h, r.width, r.height), keepFitting);
  }

  zoom(factor: number): void {
    const r = this.viewport.getBoundingClientRect();
    this.apply(zoomAt(this.t, factor, r.width / 2, r.height / 2));
  }

  /** Brings a diagram point (in unscaled SVG pixels) to the viewport's centre, at least at scale `minK`. */
  centreOn(x: number, y: number, minK = READABLE_SCALE): void {
    const r = this.viewport.getBoundingClientRect();
    const k = Math.max(this.t.k, minK);
    this.apply(clampToContent({ k, x: r.width / 2 - x * k, y: r.height / 2 - y * k }, this.size.w, this.size.h, r.width, r.height));
  }

  private apply(t: Transform, keepFitting = false): void {
    this.fittedUntouched = keepFitting;
    this.t = t;
    this.canvas.style.transform = `translate(${t.x}px, ${t.y}px) scale(${t.k})`;
    this.onChange(this.transform);
  }

  private wheel(e: WheelEvent): void {
    e.preventDefault();
    const r = this.viewport.getBoundingClientRect();
    // Pixel deltas from a trackpad are small and many; line deltas from a wheel are few and large.
    const delta = e.deltaMode === 1 ? e.deltaY * 16 : e.deltaY;
    this.apply(zoomAt(this.t, Math.exp(-delta * 0.0015), e.clientX - r.left, e.clientY - r.top));
  }

  private down(e: PointerEvent): void {
    if (e.button !== 0) return;
    this.drag = { x: e.clientX, y: e.clientY, tx: this.t.x, ty: this.t.y, moved: false };
  }

  private move(e: PointerEvent): void {
    const d = this.drag;
    if (!d) return;
    const dx = e.clientX - d.x;
    const dy = e.clientY - d.y;
    if (!d.moved && Math.hypot(dx, dy) < DRAG_THRESHOLD) return;
    if (!d.moved) {
      d.moved = true;
      this.viewport.setPointerCapture(e.pointerId);
      this.viewport.classList.add('dragging');
    }
    this.apply({ ...this.t, x: d.tx + dx, y: d.ty + dy });
  }

  private up(e: PointerEvent): void {
    if (this.drag?.moved) {
      this.dragged = true;
      this.viewport.classList.remove('dragging');
      if (this.viewport.hasPointerCapture(e.pointerId)) this.viewport.releasePointerCapture(e.pointerId);
    }
    this.drag = undefined;
  }

  private key(e: KeyboardEvent): void {
    if (e.target !== this.viewport) return;
    if (e.key === '+' || e.key === '=') this.zoom(1.2);
    else if (e.key === '-') this.zoom(1 / 1.2);
    else if (e.key === '0') this.fit();
    else return;
    e.preventDefault();
  }
}
