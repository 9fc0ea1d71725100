/**
 * Parses Mermaid text with the real Mermaid parser in Node. Parsing a flowchart sanitizes labels
 * through DOMPurify, which needs a DOM: jsdom provides one. Parse only — layout and rendering
 * need a browser and are checked by the webview's browser test.
 */
import { JSDOM } from 'jsdom';

interface Diagram {
  type: string;
  db: unknown;
}

interface MermaidApi {
  initialize(config: Record<string, unknown>): void;
  parse(text: string): Promise<unknown>;
  mermaidAPI: { getDiagramFromText(text: string): Promise<Diagram> };
}

interface FlowDb {
  getVertices(): Map<string, { id: string; text: string; classes: string[] }>;
  getEdges(): Array<{ start: string; end: string; stroke: string }>;
  getSubGraphs(): Array<{ id: string; title: string; nodes: string[] }>;
}

interface ErDb {
  getEntities(): Map<string, { attributes: Array<{ type: string; name: string; keys: string[]; comment: string }> }>;
  getRelationships(): Array<{ entityA: string; entityB: string; roleA: string; relSpec: { cardA: string; cardB: string; relType: string } }>;
}

let loaded: Promise<{ mermaid: MermaidApi; decode: (s: string) => string }> | undefined;

function load() {
  loaded ??= (async () => {
    const dom = new JSDOM('<!doctype html><html><body></body></html>');
    const g = globalThis as Record<string, unknown>;
    // DOMPurify binds to `window` when Mermaid is first imported, so the globals come first.
    g.window = dom.window;
    g.document = dom.window.document;
    const mod = (await import('mermaid')) as unknown as { default: MermaidApi };
    mod.default.initialize({ startOnLoad: false, securityLevel: 'strict', maxEdges: 100000, maxTextSize: 10_000_000 });
    const doc = dom.window.document as { createElement(tag: string): { innerHTML: string; value: string } };
    // What the browser shows for a label: Mermaid's entity placeholders back to `&#…;`, then HTML-decoded.
    const decode = (s: string) => {
      const el = doc.createElement('textarea');
      el.innerHTML = s.replace(/ﬂ°°/g, '&#').replace(/ﬂ°/g, '&').replace(/¶ß/g, ';');
      return el.value;
    };
    return { mermaid: mod.default, decode };
  })();
  return loaded;
}

/** Resolves when Mermaid accepts the text; rejects with Mermaid's parse error otherwise. */
export async function parseMermaid(text: string): Promise<void> {
  const { mermaid } = await load();
  await mermaid.parse(text);
}

/** A flowchart as Mermaid understood it, with labels as they would display. */
export async function parseFlowchart(text: string) {
  const { mermaid, decode } = await load();
  const d = await mermaid.mermaidAPI.getDiagramFromText(text);
  const db = d.db as FlowDb;
  return {
    type: d.type,
    vertices: [...db.getVertices().values()].map((v) => ({ id: v.id, label: decode(v.text), classes: v.classes })),
    edges: db.getEdges().map((e) => ({ from: e.start, to: e.end, stroke: e.stroke })),
    subgraphs: db.getSubGraphs().map((s) => ({ id: s.id, title: decode(s.title), nodes: s.nodes })),
  };
}

/** An erDiagram as Mermaid understood it. */
export async function parseEr(text: string) {
  const { mermaid } = await load();
  const d = await mermaid.mermaidAPI.getDiagramFromText(text);
  const db = d.db as ErDb;
  return {
    type: d.type,
    entities: [...db.getEntities().entries()].map(([name, e]) => ({ name, attributes: e.attributes.map((a) => ({ type: a.type, name: a.name, keys: a.keys, comment: a.comment })) })),
    relationships: db.getRelationships().map((r) => ({ a: r.entityA, b: r.entityB, label: r.roleA, spec: r.relSpec })),
  };
}
