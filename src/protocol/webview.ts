/** Messages between the extension and the Preview Results webview. */
import type { PreviewData } from './messages';

export type ToPreviewWebview =
  | { type: 'loading'; title: string }
  | { type: 'data'; data: PreviewData }
  | { type: 'error'; title: string; message: string };

export type FromPreviewWebview = { type: 'ready' } | { type: 'refresh' };

export function isFromPreviewWebview(v: unknown): v is FromPreviewWebview {
  if (typeof v !== 'object' || v === null) return false;
  const t = (v as { type?: unknown }).type;
  return t === 'ready' || t === 'refresh';
}
