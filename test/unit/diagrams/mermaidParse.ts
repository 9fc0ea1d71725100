/**
 * Parses Mermaid text with the real Mermaid parser in Node. Parsing a flowchart sanitizes labels
 * through DOMPurify, which needs a DOM: jsdom provides one. Parse only — layout and rendering
 * need a browser and are checked by the webview's browser test.
 */
import { JSDOM } from 'jsdom';

interface MermaidApi {
  initialize(config: Record<string, unknown>): void;
  parse(text: string): Promise<unknown>;
}

let loaded: Promise<MermaidApi> | undefined;

function mermaid(): Promise<MermaidApi> {
  loaded ??= (async () => {
    const dom = new JSDOM('<!doctype html><html><body></body></html>');
    const g = globalThis as Record<string, unknown>;
    // DOMPurify binds to `window` when Mermaid is first imported, so the globals come first.
    g.window = dom.window;
    g.document = dom.window.document;
    const mod = (await import('mermaid')) as unknown as { default: MermaidApi };
    mod.default.initialize({ startOnLoad: false, securityLevel: 'strict', maxEdges: 100000, maxTextSize: 10_000_000 });
    return mod.default;
  })();
  return loaded;
}

/** Resolves when Mermaid accepts the text; rejects with Mermaid's parse error otherwise. */
export async function parseMermaid(text: string): Promise<void> {
  const m = await mermaid();
  await m.parse(text);
}
