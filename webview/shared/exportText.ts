/** Export file names, Markdown and PNG sizes: apart from the DOM so they are unit-tested. */
import type { ExportFormat } from '../../src/protocol';

/** Browsers refuse canvases past about 16k pixels a side or 268M pixels in all. */
const MAX_SIDE = 16_000;
const MAX_AREA = 120_000_000;

/** The Markdown a reader (GitHub, VS Code's preview) renders back into the same diagram. */
export function mermaidMarkdown(title: string, text: string): string {
  return `# ${title}\n\n\`\`\`mermaid\n${text.endsWith('\n') ? text : `${text}\n`}\`\`\`\n`;
}

/** PNG pixels per SVG pixel: 2 for sharpness, less when the canvas would be too big to exist. */
export function pngScale(w: number, h: number, wanted = 2): number {
  return Math.max(0.1, Math.min(wanted, MAX_SIDE / w, MAX_SIDE / h, Math.sqrt(MAX_AREA / (w * h))));
}

/** `Lineage: stg_orders` → `lineage-stg_orders.svg`. */
export function exportName(title: string, format: ExportFormat): string {
  const base =
    title
      .replace(/^(Lineage|ER):\s*/, (_m, k: string) => `${k.toLowerCase()}-`)
      .replace(/[^A-Za-z0-9_.-]+/g, '_')
      .replace(/^_+|_+$/g, '') || 'diagram';
  return `${base}.${format}`;
}
