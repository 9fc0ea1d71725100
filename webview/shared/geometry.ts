/** Pan and zoom arithmetic, apart from the DOM so it is unit-tested. */
const MIN_SCALE = 0.05;
const MAX_SCALE = 4;

export interface Transform {
  x: number;
  y: number;
  k: number;
}

/** The transform that fits a `w`×`h` diagram in a `vw`×`vh` viewport, never enlarging past `maxScale`. */
export function fitTransform(w: number, h: number, vw: number, vh: number, margin = 16, maxScale = 1.25): Transform {
  if (w <= 0 || h <= 0 || vw <= 0 || vh <= 0) return { x: 0, y: 0, k: 1 };
  const k = clamp(Math.min((vw - 2 * margin) / w, (vh - 2 * margin) / h, maxScale), MIN_SCALE, MAX_SCALE);
  return { x: (vw - w * k) / 2, y: (vh - h * k) / 2, k };
}

/** Below this scale 14px text is too small to read comfortably; centring on a node zooms at least this far. */
export const READABLE_SCALE = 0.75;

/**
 * The smallest scale a first view is fitted at. At half size names are still legible and the
 * whole picture is what a first look wants; below it (hundreds of expanded nodes) a fitted view is
 * a texture nobody can read, so the first view shows a readable part instead.
 */
export const FIT_FLOOR = 0.5;

/**
 * The first view of a diagram: the whole of it, fitted to the viewport, unless that would leave
 * text under half size; then at a readable scale, centred on `anchor` (a diagram point) or
 * showing the top-left corner. Fit shows it all on demand.
 */
export function initialTransform(w: number, h: number, vw: number, vh: number, anchor?: { x: number; y: number }): Transform {
  const fit = fitTransform(w, h, vw, vh);
  if (fit.k >= FIT_FLOOR) return fit;
  const k = READABLE_SCALE;
  if (anchor) return clampToContent({ k, x: vw / 2 - anchor.x * k, y: vh / 2 - anchor.y * k }, w, h, vw, vh);
  const margin = 16;
  // Centre whichever axis fits; start at the edge of the one that does not.
  return { k, x: w * k <= vw ? (vw - w * k) / 2 : margin, y: h * k <= vh ? (vh - h * k) / 2 : margin };
}

/**
 * Keeps a w×h diagram covering the viewport where it can: a side larger than the viewport never
 * leaves a gap wider than the margin at either end; a smaller side is centred. Centring on a node
 * near an edge then shows more diagram instead of empty space.
 */
export function clampToContent(t: Transform, w: number, h: number, vw: number, vh: number, margin = 16): Transform {
  const axis = (pos: number, size: number, view: number) => (size <= view - 2 * margin ? (view - size) / 2 : Math.min(margin, Math.max(view - size - margin, pos)));
  return { k: t.k, x: axis(t.x, w * t.k, vw), y: axis(t.y, h * t.k, vh) };
}

/** Zooms by `factor` keeping the viewport point (px, py) on the same diagram point. */
export function zoomAt(t: Transform, factor: number, px: number, py: number): Transform {
  const k = clamp(t.k * factor, MIN_SCALE, MAX_SCALE);
  const f = k / t.k;
  return { k, x: px - (px - t.x) * f, y: py - (py - t.y) * f };
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}

