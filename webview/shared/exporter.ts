/**
 * The diagram as a standalone file: SVG (with the panel's status colours and a background, so it
 * reads the same outside the editor), PNG (that SVG drawn on a canvas at 2×), or Markdown with a
 * mermaid block. The extension does the saving; this only produces the bytes.
 */
import { pngScale } from './exportText';

/**
 * Serializes the live SVG (reading attributes never re-applies them, so the page's CSP is not
 * involved) and adds a background rectangle plus extra CSS as a plain `<style>`.
 */
export function standaloneSvg(svg: SVGSVGElement, extraCss: string, background: string): string {
  const w = svg.viewBox.baseVal.width || Number(svg.getAttribute('width')) || 800;
  const h = svg.viewBox.baseVal.height || Number(svg.getAttribute('height')) || 600;
  const x = svg.viewBox.baseVal.x;
  const y = svg.viewBox.baseVal.y;
  let text = new XMLSerializer().serializeToString(svg);
  text = text.replace(/\snonce="[^"]*"/g, '');
  const open = /^<svg\b[^>]*>/.exec(text);
  if (!open) return text;
  const extra = `<style>${extraCss}</style><rect x="${x}" y="${y}" width="${w}" height="${h}" fill="${background}"/>`;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${open[0]}${extra}${text.slice(open[0].length)}`;
}

/** PNG as base64 (no data: prefix), drawn from the standalone SVG through a blob: image. */
export async function svgToPngBase64(svgText: string, w: number, h: number): Promise<string> {
  const scale = pngScale(w, h);
  const url = URL.createObjectURL(new Blob([svgText], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.decoding = 'async';
    const loaded = new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error('the browser could not draw the SVG as an image'));
    });
    img.src = url;
    await loaded;
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil(w * scale);
    canvas.height = Math.ceil(h * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2D canvas');
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    return canvas.toDataURL('image/png').replace(/^data:image\/png;base64,/, '');
  } finally {
    URL.revokeObjectURL(url);
  }
}
