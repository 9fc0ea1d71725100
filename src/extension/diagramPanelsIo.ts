/** The diagram panels' small helpers outside the panel class: export bytes and waiting for the server. */
import type { ExportFormat } from '../protocol';
import type { Studio } from './context';

export const EXPORT_FILTERS: Record<ExportFormat, Record<string, string[]>> = {
  svg: { 'SVG image': ['svg'] },
  png: { 'PNG image': ['png'] },
  md: { 'Markdown (Mermaid)': ['md'] },
};

/** What the webview sent as text (SVG, Markdown) or base64 (PNG), as the file's bytes. */
export function exportBytes(format: ExportFormat, data: string): Uint8Array {
  return format === 'png' ? Buffer.from(data, 'base64') : Buffer.from(data, 'utf8');
}

/** Resolves true once the language server runs (a panel restored at startup comes before it), false after `timeoutMs`. */
export async function whenServerReady(studio: Studio, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (!studio.client?.isRunning()) {
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 200));
  }
  // The project list arrives right after the start; a restored panel needs it to pick its project.
  if (!studio.projects.all.length) await studio.projects.refresh();
  return true;
}
