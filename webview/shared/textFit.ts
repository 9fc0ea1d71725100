/**
 * Whether a line of label text fits a width, answered without laying the page out when the answer
 * is clear. Mermaid decides where to wrap a label (createFormattedText's checkWidth) by inserting
 * the line as SVG text and calling getComputedTextLength(): one forced layout of the growing
 * diagram per label (over 500 for the 500-node lineage, most of the time they took) although
 * model names never come near the width (480 px in a flowchart, the text's own width + 100 px in
 * an ER table). Here the line is measured with a canvas in the font the label's text would get
 * (read once per label context with getComputedStyle: a style update, no layout); a line clearly
 * inside the width fits, one clearly beyond it does not, and anything within a margin of the
 * width, or text whose spacing a canvas does not reproduce, is measured by Mermaid as before.
 * The decision is the same as Mermaid's (canvas and SVG text widths differ by hundredths of a
 * pixel; the margin is several pixels), so the drawing is too: the browser test renders every
 * template with this off and on and requires identical SVG.
 */
import { contextKey, measuring } from './measureCache';

/** One word of a line as Mermaid's markdown splitter gives it. */
export interface Word {
  content: string;
  type: string;
}

/** Widths closer to the limit than this are measured by Mermaid. */
const MARGIN_PX = 4;
const MARGIN_RATIO = 0.03;
const SVG_NS = 'http://www.w3.org/2000/svg';

let canvas: CanvasRenderingContext2D | null | undefined;

function context2d(): CanvasRenderingContext2D | undefined {
  if (canvas === undefined) canvas = document.createElement('canvas').getContext('2d');
  return canvas ?? undefined;
}

/**
 * True when `words`, drawn as Mermaid draws a line in `group` (createFormattedText), are clearly
 * no wider than `width`, false when clearly wider, undefined when Mermaid should measure.
 */
export function fitsWidth(group: Element, words: readonly Word[], width: number): boolean | undefined {
  const render = measuring();
  if (!render) return undefined;
  // Every width is within an infinite one (edge labels are not wrapped).
  if (width === Number.POSITIVE_INFINITY) return true;
  const ctx = context2d();
  if (!ctx || !Number.isFinite(width) || !group.isConnected) return undefined;
  const key = contextKey(group, render.page);
  let total = 0;
  for (const [i, word] of words.entries()) {
    const font = fontOf(group, key, word.type, render.fonts);
    if (font === undefined) return undefined;
    if (ctx.font !== font) ctx.font = font;
    total += ctx.measureText((i === 0 ? '' : ' ') + decodeEntities(word.content)).width;
  }
  const margin = MARGIN_PX + MARGIN_RATIO * width;
  if (total <= width - margin) return true;
  if (total >= width + margin) return false;
  return undefined;
}

/**
 * The canvas font of a word of this type in this context (Mermaid's inner tspan: font-style and
 * font-weight attributes from the word's type), or undefined when a canvas would not measure it
 * as SVG text: spacing, kerning or rendering settings off their defaults, a font the shorthand cannot state.
 */
function fontOf(group: Element, key: string, type: string, fonts: Map<string, string | undefined>): string | undefined {
  const k = `${type}\n${key}`;
  if (fonts.has(k)) return fonts.get(k);
  const text = document.createElementNS(SVG_NS, 'text');
  const outer = document.createElementNS(SVG_NS, 'tspan');
  outer.setAttribute('class', 'text-outer-tspan');
  const inner = document.createElementNS(SVG_NS, 'tspan');
  inner.setAttribute('font-style', type === 'em' ? 'italic' : 'normal');
  inner.setAttribute('class', 'text-inner-tspan');
  inner.setAttribute('font-weight', type === 'strong' ? 'bold' : 'normal');
  inner.textContent = 'x';
  outer.append(inner);
  text.append(outer);
  group.append(text);
  const s = getComputedStyle(inner);
  const plain =
    (s.letterSpacing === 'normal' || s.letterSpacing === '0px') &&
    (s.wordSpacing === 'normal' || s.wordSpacing === '0px') &&
    (s.fontKerning === 'auto' || s.fontKerning === '') &&
    s.textRendering === 'auto' &&
    s.fontVariantLigatures === 'normal' &&
    s.fontFeatureSettings === 'normal' &&
    s.textTransform === 'none' &&
    s.writingMode === 'horizontal-tb';
  const font = plain && s.font ? s.font : undefined;
  text.remove();
  fonts.set(k, font);
  return font;
}

/** What Mermaid's updateTextContentAndStyles does to a word before it becomes text. */
function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt);/g, (_, e: string) => (e === 'amp' ? '&' : e === 'lt' ? '<' : '>'));
}
