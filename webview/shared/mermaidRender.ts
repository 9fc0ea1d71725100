/**
 * Mermaid under the panels' strict Content Security Policy (no 'unsafe-inline' styles).
 *
 * Mermaid styles a diagram three ways, each of which the policy would block: a `<style>` element
 * it creates, `style` attributes it sets while laying out (measured text would then differ from
 * the final picture), and the same attributes again when DOMPurify re-parses the SVG text. While
 * Mermaid renders, the first gets the page nonce, the second goes through the CSSOM (which CSP
 * does not govern), and the third is renamed to `data-ms-style` before parsing and applied
 * through the CSSOM before the SVG goes into the page. The browser test asserts that the console shows
 * no CSP violation.
 */
import mermaid, { type MermaidConfig } from 'mermaid';
import { configSnapshotsOn, isFrozenWrite, stopConfigSnapshots } from './configCopy';
import { withMeasureCache } from './measureCache';
import { renameStyleAttributes, STYLE_ATTR } from './styleAttrs';
import type { MermaidTheme } from './theme';

export interface RenderOptions {
  nonce: string;
  theme: MermaidTheme;
  /** Edges in the text: Mermaid refuses more than `maxEdges` (500 by default). */
  edges: number;
  /** Tighter spacing for big graphs, so the whole project still fits a screen or two. */
  compact?: boolean;
}

let renders = 0;

export function mermaidConfig(text: string, o: RenderOptions): MermaidConfig {
  return {
    startOnLoad: false,
    securityLevel: 'strict',
    // Sized to the diagram: Mermaid shows a placeholder past maxTextSize without failing.
    maxTextSize: text.length + 1024,
    maxEdges: o.edges + 64,
    suppressErrorRendering: true,
    // The ER tables' row lines go through rough.js, random per render unless seeded: seeded, the
    // same view draws the same SVG (exports are reproducible, the browser test can compare).
    handDrawnSeed: 1,
    // SVG text instead of HTML in foreignObject: no inline-styled HTML, and a PNG export whose canvas is not tainted.
    htmlLabels: false,
    // Model names are identifiers: breaking `demand_forecasting_features` mid-word helps nobody.
    markdownAutoWrap: false,
    theme: o.theme.theme,
    themeVariables: o.theme.variables,
    fontFamily: o.theme.variables.fontFamily,
    flowchart: {
      htmlLabels: false,
      useMaxWidth: false,
      nodeSpacing: o.compact ? 18 : 30,
      rankSpacing: o.compact ? 40 : 56,
      padding: 10,
      wrappingWidth: 480,
      curve: o.compact ? 'linear' : 'basis',
    },
    er: { useMaxWidth: false, fontSize: 14 },
  };
}

/** Renders Mermaid text to an SVG element, styled and ready to insert (not yet in the page). */
export async function renderSvg(text: string, o: RenderOptions): Promise<SVGSVGElement> {
  mermaid.initialize(mermaidConfig(text, o));
  const id = `ms-diagram-${++renders}`;
  const draw = () => withCspShims(o.nonce, () => withMeasureCache(() => mermaid.render(id, text)));
  let svg: string;
  try {
    ({ svg } = await draw());
  } catch (e) {
    if (!configSnapshotsOn() || !isFrozenWrite(e)) throw e;
    // Some Mermaid code writes to its configuration (configCopy.ts): fresh copies from now on.
    console.warn(`Model Studio: Mermaid wrote to its configuration (${e instanceof Error ? e.message : String(e)}); drawing again without shared snapshots.`);
    stopConfigSnapshots();
    ({ svg } = await draw());
  }
  const tpl = document.createElement('template');
  tpl.innerHTML = svg;
  const el = tpl.content.querySelector('svg');
  if (!el) throw new Error('Mermaid returned no SVG');
  for (const s of el.querySelectorAll('style')) s.setAttribute('nonce', o.nonce);
  el.removeAttribute(STYLE_ATTR);
  // Styled while still in the template's inert document: no style recalculation per element.
  for (const styled of el.querySelectorAll<SVGElement | HTMLElement>(`[${STYLE_ATTR}]`)) {
    styled.style.cssText = styled.getAttribute(STYLE_ATTR) ?? '';
    styled.removeAttribute(STYLE_ATTR);
  }
  return el;
}

async function withCspShims<T>(nonce: string, fn: () => Promise<T>): Promise<T> {
  // Kept to be put back afterwards; every call goes through `.call(this, …)`.
  /* eslint-disable @typescript-eslint/unbound-method */
  const createElement = Document.prototype.createElement;
  const setAttribute = Element.prototype.setAttribute;
  const parseFromString = DOMParser.prototype.parseFromString;
  /* eslint-enable @typescript-eslint/unbound-method */
  Document.prototype.createElement = function (this: Document, tag: string, options?: ElementCreationOptions): HTMLElement {
    const el = createElement.call(this, tag, options);
    if (tag.toLowerCase() === 'style') setAttribute.call(el, 'nonce', nonce);
    return el;
  };
  Element.prototype.setAttribute = function (this: Element, name: string, value: string): void {
    if (name.toLowerCase() === 'style' && (this instanceof HTMLElement || this instanceof SVGElement)) this.style.cssText = value;
    else setAttribute.call(this, name, value);
  };
  DOMParser.prototype.parseFromString = function (this: DOMParser, markup: string | { toString(): string }, type: DOMParserSupportedType): Document {
    // DOMPurify hands over TrustedHTML where the browser has Trusted Types; its text is the markup.
    return parseFromString.call(this, renameStyleAttributes(String(markup)), type);
  };
  try {
    return await fn();
  } finally {
    Document.prototype.createElement = createElement;
    Element.prototype.setAttribute = setAttribute;
    DOMParser.prototype.parseFromString = parseFromString;
  }
}
