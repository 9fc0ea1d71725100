/** Preview Results: one webview panel, reused, showing the first rows of the chosen model. */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { isFromPreviewWebview, Requests, type ToPreviewWebview } from '../protocol';
import type { Studio } from './context';
import { makeNonce, webviewShell } from './webviewHtml';

export class PreviewPanel {
  private static current: PreviewPanel | undefined;
  private ready = false;
  private pending: ToPreviewWebview | undefined;
  private generation = 0;

  private constructor(
    private readonly studio: Studio,
    private readonly panel: vscode.WebviewPanel,
    private file: string,
  ) {
    const root = vscode.Uri.joinPath(studio.ext.extensionUri, 'dist', 'webview');
    const w = panel.webview;
    w.options = { enableScripts: true, localResourceRoots: [root] };
    w.html = webviewShell({
      title: 'Preview Results',
      cspSource: w.cspSource,
      nonce: makeNonce((n) => randomBytes(n)),
      scriptUri: w.asWebviewUri(vscode.Uri.joinPath(root, 'preview.js')).toString(),
      styleUri: w.asWebviewUri(vscode.Uri.joinPath(root, 'preview.css')).toString(),
      body: '<header><span id="title"></span><span id="meta"></span><vscode-button id="refresh" secondary>Refresh</vscode-button></header><main id="body"></main>',
    });
    w.onDidReceiveMessage((m: unknown) => {
      if (!isFromPreviewWebview(m)) return;
      if (m.type === 'ready') {
        this.ready = true;
        if (this.pending) void w.postMessage(this.pending);
        this.pending = undefined;
      } else void this.load();
    });
    panel.onDidDispose(() => (PreviewPanel.current = undefined));
  }

  static show(studio: Studio, file: string): void {
    const existing = PreviewPanel.current;
    if (existing) {
      existing.file = file;
      existing.panel.reveal(vscode.ViewColumn.Beside, true);
      void existing.load();
      return;
    }
    const panel = vscode.window.createWebviewPanel('modelStudio.preview', 'Preview Results', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {});
    PreviewPanel.current = new PreviewPanel(studio, panel, file);
    void PreviewPanel.current.load();
  }

  private post(m: ToPreviewWebview): void {
    if (this.ready) void this.panel.webview.postMessage(m);
    else this.pending = m;
  }

  private async load(): Promise<void> {
    const gen = ++this.generation;
    const name = this.file.slice(this.file.lastIndexOf('/') + 1).replace(/\.\w+$/, '');
    this.panel.title = `Preview: ${name}`;
    this.post({ type: 'loading', title: name });
    let m: ToPreviewWebview;
    try {
      const out = await this.studio.request(Requests.preview, { source: 'file', file: this.file });
      m = out.ok ? { type: 'data', data: out.data } : { type: 'error', title: name, message: out.message };
    } catch (e) {
      m = { type: 'error', title: name, message: e instanceof Error ? e.message : String(e) };
    }
    // A newer load (another model, a refresh) owns the panel now.
    if (gen === this.generation) this.post(m);
  }
}
