/** The webview side of the message contract: typed posting, typed state, and the page's nonce. */
import type { DiagramPanelState, FromDiagramWebview, ToDiagramWebview } from '../../src/protocol';

interface VsCodeApi {
  postMessage(message: FromDiagramWebview): void;
  getState(): unknown;
  setState(state: DiagramPanelState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const api = acquireVsCodeApi();

export function post(m: FromDiagramWebview): void {
  api.postMessage(m);
}

export function saveState(s: DiagramPanelState): void {
  api.setState(s);
}

/** Messages from the extension; anything without a known `type` is ignored. */
export function onMessage(handler: (m: ToDiagramWebview) => void): void {
  window.addEventListener('message', (e: MessageEvent<unknown>) => {
    const m = e.data;
    if (typeof m !== 'object' || m === null) return;
    const t = (m as { type?: unknown }).type;
    if (t === 'loading' || t === 'view' || t === 'status' || t === 'error') handler(m as ToDiagramWebview);
  });
}

/**
 * The nonce the page's script tag carries. Mermaid's `<style>` element gets it too, so the
 * policy can stay `style-src <webview> 'nonce-…'` with no 'unsafe-inline'.
 */
export const pageNonce: string = (document.currentScript as HTMLScriptElement | null)?.nonce ?? document.querySelector<HTMLScriptElement>('script[nonce]')?.nonce ?? '';
