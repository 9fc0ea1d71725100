/**
 * What an ER table box keeps of Mermaid's drawing. Mermaid (erBox) draws four labels per
 * attribute row, type, name, keys and comment, each `g.label > g > rect.background` plus
 * `text > tspan > tspan`, and measures them all. Most rows have no keys and no comment: those
 * labels hold no text and draw nothing, and the `rect.background` of every label has no size
 * (createFormattedText sizes it only for edge labels) and draws nothing either. Together they
 * were over half of an ER diagram's SVG elements, each sanitised, parsed again, styled and laid
 * out. Called by the bundle's Mermaid patch (webview/build/mermaidPatch.mjs) once a table is
 * measured and positioned, before Mermaid reads its bounds: no number Mermaid computes changes,
 * and the picture does not either (the browser test compares the drawn text with the view).
 */
export function pruneErEntity(box: El): void {
  for (const label of Array.from(box.children)) {
    if (!label.classList.contains('label')) continue;
    if (!label.textContent?.trim()) {
      label.remove();
      continue;
    }
    for (const g of Array.from(label.children)) if (isEmptyBackground(g)) g.remove();
  }
}

/** A `g` holding only a `rect.background` without geometry (nothing drawn). */
function isEmptyBackground(g: El): boolean {
  if (g.tagName !== 'g' || g.attributes.length || g.children.length !== 1) return false;
  const rect = g.firstElementChild;
  return rect?.tagName === 'rect' && rect.classList.contains('background') && !['x', 'y', 'width', 'height'].some((a) => rect.hasAttribute(a));
}

/** What is used of an element (the unit tests' type check has no DOM library; jsdom and the browser both fit). */
interface El {
  readonly tagName: string;
  readonly children: ArrayLike<El>;
  readonly firstElementChild: El | null;
  readonly attributes: { readonly length: number };
  readonly textContent: string | null;
  readonly classList: { contains(token: string): boolean };
  hasAttribute(name: string): boolean;
  remove(): void;
}
