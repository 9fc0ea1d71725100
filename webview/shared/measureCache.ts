/**
 * Text measurement memoized for one Mermaid render. Mermaid sizes every label by inserting it
 * and calling getComputedTextLength() and getBBox(), and each call makes the browser lay the page
 * out again (~0.2–0.45 ms each on this machine): an ER diagram of 40 tables made ~3,000 of them,
 * most for the same few strings ("varchar", "id", "PK"), and a flowchart one per edge for the
 * same empty edge label. A measurement depends only on the element's own markup and on what it
 * inherits, so the key is the element's markup plus what each ancestor can pass down: its
 * classes (for CSS), style, and text and font attributes (not ids: Mermaid's CSS never targets a
 * node id; not transforms or positions: they do not change a box in the element's own coordinates). Elements whose box can depend on anything else
 * (percentages, foreignObject, use, image) are measured as before. The browser test renders every
 * template with and without the cache and requires identical SVG.
 */
type Bag = { msMeasureCache?: boolean };

/** What one render's measurements share (textFit.ts reads it too). */
export interface Measuring {
  /** The page's elements above the SVG, numbered by identity. */
  page: Map<Element, number>;
  /** Canvas fonts by label context (textFit.ts). */
  fonts: Map<string, string | undefined>;
}

let current: Measuring | undefined;

/** The render in progress, when its measurements may be memoized (not with `msMeasureCache = false`). */
export function measuring(): Measuring | undefined {
  return current;
}

const UNCACHEABLE = /%|<(foreignObject|use|image)\b/i;
/** Labels and node shapes are small; a box around a whole diagram is measured once anyway, and its markup is long. */
const MAX_DESCENDANTS = 40;

export async function withMeasureCache<T>(fn: () => Promise<T>): Promise<T> {
  // A switch for the browser test's with/without comparison.
  if ((globalThis as Bag).msMeasureCache === false) return fn();
  /* eslint-disable @typescript-eslint/unbound-method -- put back afterwards; called with `.call(this)` */
  const getBBox = SVGGraphicsElement.prototype.getBBox;
  const textLength = SVGTextContentElement.prototype.getComputedTextLength;
  /* eslint-enable @typescript-eslint/unbound-method */
  const boxes = new Map<string, { x: number; y: number; width: number; height: number }>();
  const lengths = new Map<string, number>();
  const page = new Map<Element, number>();
  current = { page, fonts: new Map() };
  SVGGraphicsElement.prototype.getBBox = function (this: SVGGraphicsElement, options?: SVGBoundingBoxOptions): DOMRect {
    // A tspan's box also depends on where its parent and earlier siblings put it: not cached.
    const key = options === undefined && !(this instanceof SVGTSpanElement) && !(this instanceof SVGTextPathElement) ? measureKey(this, page) : undefined;
    if (key === undefined) return getBBox.call(this, options);
    const hit = boxes.get(key);
    if (!hit) {
      const box = getBBox.call(this);
      boxes.set(key, { x: box.x, y: box.y, width: box.width, height: box.height });
      return box;
    }
    return svgRect(this, hit) ?? getBBox.call(this);
  };
  SVGTextContentElement.prototype.getComputedTextLength = function (this: SVGTextContentElement): number {
    const key = measureKey(this, page);
    if (key === undefined) return textLength.call(this);
    let n = lengths.get(key);
    if (n === undefined) {
      n = textLength.call(this);
      lengths.set(key, n);
    }
    return n;
  };
  try {
    return await fn();
  } finally {
    current = undefined;
    SVGGraphicsElement.prototype.getBBox = getBBox;
    SVGTextContentElement.prototype.getComputedTextLength = textLength;
  }
}

/**
 * What a measurement of `el` depends on, or undefined when it may depend on more. Above the SVG
 * the page's elements (Mermaid's container, body, html with VS Code's hundreds of colour
 * variables) do not change during a render: they count by identity, numbered in `page`.
 */
export function measureKey(el: Element, page: Map<Element, number>): string | undefined {
  if (!el.isConnected || el.getElementsByTagName('*').length > MAX_DESCENDANTS) return undefined;
  const own = el.outerHTML;
  if (UNCACHEABLE.test(own)) return undefined;
  const up = contextKey(el.parentElement, page);
  return up ? `${own}\n${up}` : own;
}

/** What `el` and its ancestors pass down to text inside `el` (measureKey's part above the element). */
export function contextKey(el: Element | null, page: Map<Element, number>): string {
  const parts: string[] = [];
  let a = el;
  for (; a instanceof SVGElement; a = a.parentElement) parts.push(inherited(a));
  if (a) {
    let n = page.get(a);
    if (n === undefined) page.set(a, (n = page.size));
    parts.push(`page ${n}`);
  }
  return parts.join('\n');
}

/** An ancestor's part: what a descendant's text can inherit from it (classes for CSS, style, text and font attributes). */
function inherited(a: Element): string {
  let s = a.tagName;
  for (const attr of a.attributes) if (INHERITED.test(attr.name)) s += ` ${attr.name}="${attr.value}"`;
  return s;
}

const INHERITED = /^(class|style|font|text|length|letter|word|white|direction|writing|unicode|dominant|alignment|baseline|lang|xml:)/;

/** getBBox's own type (SVGRect here: no `left`, which Mermaid's arithmetic tests for). */
function svgRect(el: SVGGraphicsElement, b: { x: number; y: number; width: number; height: number }): DOMRect | undefined {
  const root = el instanceof SVGSVGElement ? el : el.ownerSVGElement;
  if (!root) return undefined;
  const r = root.createSVGRect();
  r.x = b.x;
  r.y = b.y;
  r.width = b.width;
  r.height = b.height;
  return r;
}
