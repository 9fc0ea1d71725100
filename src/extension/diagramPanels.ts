/**
 * The lineage and ER diagram panels: one of each, reused. The server builds each view (Mermaid
 * text plus node metadata); the webview draws it and asks for another through typed messages.
 * Panels restore after a reload, follow the active editor (lineage, by setting), and recolour
 * nodes when results arrive or a file is saved.
 */
import { randomBytes } from 'node:crypto';
import { basename, join } from 'node:path';
import * as vscode from 'vscode';
import {
  DiagramRequests,
  isFromDiagramWebview,
  parseDiagramPanelState,
  type DiagramPanelKind,
  type DiagramPanelState,
  type DiagramView,
  type DiagramViewParams,
  type FromDiagramWebview,
  type ToDiagramWebview,
} from '../protocol';
import { readSettings } from './config';
import type { Studio } from './context';
import { diagramPanelHtml } from './diagramPanelsHtml';
import { EXPORT_FILTERS, exportBytes, whenServerReady } from './diagramPanelsIo';
import { makeNonce } from './webviewHtml';

export const DIAGRAM_VIEW_TYPES: Record<DiagramPanelKind, string> = { lineage: 'modelStudio.lineage', er: 'modelStudio.erDiagram' };
const TITLES: Record<DiagramPanelKind, string> = { lineage: 'Lineage', er: 'ER Diagram' };

export class DiagramPanel {
  private static readonly open = new Map<DiagramPanelKind, DiagramPanel>();
  private ready = false;
  private pending: ToDiagramWebview[] = [];
  private generation = 0;
  private view: DiagramView | undefined;
  private statusTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly subs: vscode.Disposable[] = [];

  private constructor(
    private readonly studio: Studio,
    readonly kind: DiagramPanelKind,
    private readonly panel: vscode.WebviewPanel,
    private state: DiagramPanelState,
  ) {
    const root = vscode.Uri.joinPath(studio.ext.extensionUri, 'dist', 'webview');
    const w = panel.webview;
    w.options = { enableScripts: true, localResourceRoots: [root] };
    w.html = diagramPanelHtml({
      kind,
      title: TITLES[kind],
      cspSource: w.cspSource,
      nonce: makeNonce((n) => randomBytes(n)),
      scriptUri: w.asWebviewUri(vscode.Uri.joinPath(root, 'diagrams.js')).toString(),
      styleUri: w.asWebviewUri(vscode.Uri.joinPath(root, 'diagrams.css')).toString(),
    });
    this.subs.push(
      w.onDidReceiveMessage((m: unknown) => {
        if (isFromDiagramWebview(m)) void this.onMessage(m);
      }),
    );
    panel.onDidDispose(() => this.dispose());
    DiagramPanel.open.set(kind, this);
  }

  static current(kind: DiagramPanelKind): DiagramPanel | undefined {
    return DiagramPanel.open.get(kind);
  }

  /** Opens (or reveals) the panel on a project; `focusFile` chooses the model drawn as the focus. */
  static show(studio: Studio, kind: DiagramPanelKind, projectRoot: string, focusFile: string | undefined): void {
    let p = DiagramPanel.open.get(kind);
    if (p) p.panel.reveal(undefined, true);
    else {
      const panel = vscode.window.createWebviewPanel(DIAGRAM_VIEW_TYPES[kind], TITLES[kind], { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {});
      p = new DiagramPanel(studio, kind, panel, { kind, projectRoot });
    }
    // A command is a fresh look: keep the toggles, let the server choose focus, scope and collapse.
    const keep = p.state.projectRoot === projectRoot ? p.state.lineage : undefined;
    p.state = { ...p.state, projectRoot };
    const lineage = keep ? { upstream: keep.upstream, downstream: keep.downstream, showTests: keep.showTests, groupBy: keep.groupBy } : undefined;
    void p.load(kind === 'lineage' ? { kind, projectRoot, focusFile, options: lineage } : { kind, projectRoot, focusFile, options: focusFile ? undefined : p.state.er });
  }

  /** A panel VS Code kept across a reload, with the state its webview saved. */
  static restore(studio: Studio, kind: DiagramPanelKind, panel: vscode.WebviewPanel, saved: unknown): void {
    DiagramPanel.open.get(kind)?.panel.dispose();
    const state = parseDiagramPanelState(saved) ?? { kind, projectRoot: '' };
    const p = new DiagramPanel(studio, kind, panel, { ...state, kind });
    void p.restoreView();
  }

  private async restoreView(): Promise<void> {
    this.post({ type: 'loading', message: 'Waiting for the Model Studio server…' });
    if (!(await whenServerReady(this.studio, 30_000))) return this.post({ type: 'error', message: 'The Model Studio server did not start; see Model Studio: Show Output.' });
    const roots = this.studio.projects.all.map((p) => p.root);
    const root = roots.includes(this.state.projectRoot) ? this.state.projectRoot : roots[0];
    if (!root) return this.post({ type: 'error', message: 'No dbt project is open in this window.' });
    this.state.projectRoot = root;
    await this.load(this.kind === 'lineage' ? { kind: 'lineage', projectRoot: root, options: this.state.lineage } : { kind: 'er', projectRoot: root, options: this.state.er });
  }

  get projectRoot(): string {
    return this.state.projectRoot;
  }

  get focus(): string | undefined {
    return this.view?.kind === 'lineage' ? this.view.options.focus : undefined;
  }

  get visible(): boolean {
    return this.panel.visible;
  }

  /** The active editor now shows `uniqueId`: focus on it, keeping the other choices. */
  follow(projectRoot: string, uniqueId: string): void {
    if (this.kind !== 'lineage' || (this.focus === uniqueId && projectRoot === this.state.projectRoot)) return;
    const same = projectRoot === this.state.projectRoot && this.view?.kind === 'lineage';
    const o = same && this.view?.kind === 'lineage' ? this.view.options : undefined;
    this.state.projectRoot = projectRoot;
    void this.load({ kind: 'lineage', projectRoot, options: o ? { ...o, focus: uniqueId } : { focus: uniqueId } });
  }

  /** Results or a save changed node colours: ask the server, recolour in place (debounced). */
  statusChanged(projectRoot: string): void {
    if (this.kind !== 'lineage' || projectRoot !== this.state.projectRoot) return;
    if (this.statusTimer) clearTimeout(this.statusTimer);
    this.statusTimer = setTimeout(() => {
      this.statusTimer = undefined;
      this.studio
        .request(DiagramRequests.status, { projectRoot })
        .then((status) => this.post({ type: 'status', status }))
        .catch((e: unknown) => this.studio.log.debug(`Diagram status: ${e instanceof Error ? e.message : String(e)}`));
    }, 200);
  }

  /** The project's files changed shape: draw the current view again. */
  reload(): void {
    const v = this.view;
    const projectRoot = this.state.projectRoot;
    if (v) void this.load(v.kind === 'lineage' ? { kind: 'lineage', projectRoot, options: v.options } : { kind: 'er', projectRoot, options: v.options });
  }

  private async load(params: DiagramViewParams): Promise<void> {
    const gen = ++this.generation;
    this.post({ type: 'loading', message: `Building the ${this.kind === 'lineage' ? 'lineage' : 'ER diagram'}…` });
    let m: ToDiagramWebview;
    try {
      const out = await this.studio.request(DiagramRequests.view, params);
      if (out.ok) {
        this.view = out.view;
        this.state = { kind: this.kind, projectRoot: out.view.projectRoot, ...(out.view.kind === 'lineage' ? { lineage: out.view.options, er: this.state.er } : { er: out.view.options, lineage: this.state.lineage }) };
        this.panel.title = out.view.title;
        m = { type: 'view', view: out.view };
      } else m = { type: 'error', message: out.message };
    } catch (e) {
      m = { type: 'error', message: e instanceof Error ? e.message : String(e) };
    }
    // A newer request (another focus, another toggle) owns the panel now.
    if (gen === this.generation) this.post(m);
  }

  private post(m: ToDiagramWebview): void {
    if (this.ready) {
      void this.panel.webview.postMessage(m);
      return;
    }
    // Before `ready` only the latest picture matters, plus the latest colours.
    this.pending = this.pending.filter((p) => (m.type === 'status' ? p.type !== 'status' : p.type === 'status'));
    this.pending.push(m);
  }

  private async onMessage(m: FromDiagramWebview): Promise<void> {
    switch (m.type) {
      case 'ready':
        this.ready = true;
        for (const p of this.pending.splice(0)) void this.panel.webview.postMessage(p);
        return;
      case 'lineageOptions':
        return this.load({ kind: 'lineage', projectRoot: this.state.projectRoot, options: m.options });
      case 'erOptions':
        return this.load({ kind: 'er', projectRoot: this.state.projectRoot, options: m.options });
      case 'refresh':
        return this.reload();
      case 'open':
        return this.openNode(m.uniqueId);
      case 'export':
        return this.save(m.format, m.name, m.data);
      case 'rendered':
        this.studio.log.debug(`${TITLES[this.kind]}: drew ${m.nodes} nodes, ${m.edges} edges in ${m.ms} ms`);
        return;
      case 'renderError':
        this.studio.log.warn(`${TITLES[this.kind]} could not be drawn: ${m.message}`);
        return;
    }
  }

  private async openNode(uniqueId: string): Promise<void> {
    const place = await this.studio.request(DiagramRequests.place, { projectRoot: this.state.projectRoot, uniqueId });
    if (!place) return void vscode.window.showWarningMessage(`Model Studio: ${uniqueId} is no longer in the project.`);
    const pos = new vscode.Position(Math.max(0, place.line - 1), Math.max(0, place.column - 1));
    // Beside the panel, not over it.
    const column = this.panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One;
    await vscode.window.showTextDocument(vscode.Uri.file(place.file), { viewColumn: column, selection: new vscode.Range(pos, pos), preview: true });
  }

  private async save(format: 'svg' | 'png' | 'md', name: string, data: string): Promise<void> {
    const target = await vscode.window.showSaveDialog({
      defaultUri: vscode.Uri.file(join(this.state.projectRoot || '.', basename(name))),
      filters: EXPORT_FILTERS[format],
      title: `Export ${TITLES[this.kind]}`,
    });
    if (!target) return;
    await vscode.workspace.fs.writeFile(target, exportBytes(format, data));
    const pick = await vscode.window.showInformationMessage(`Model Studio: saved ${basename(target.fsPath)}`, 'Open');
    if (pick) await vscode.commands.executeCommand('vscode.open', target);
  }

  private dispose(): void {
    if (this.statusTimer) clearTimeout(this.statusTimer);
    for (const s of this.subs.splice(0)) s.dispose();
    if (DiagramPanel.open.get(this.kind) === this) DiagramPanel.open.delete(this.kind);
  }
}

/** Serializers (restore after reload), editor following, live colours, and reloads on project changes. */
export function registerDiagramPanels(studio: Studio): vscode.Disposable {
  const each = (fn: (p: DiagramPanel) => void) => {
    for (const kind of ['lineage', 'er'] as const) {
      const p = DiagramPanel.current(kind);
      if (p) fn(p);
    }
  };
  let reloadTimer: ReturnType<typeof setTimeout> | undefined;
  return vscode.Disposable.from(
    ...(['lineage', 'er'] as const).map((kind) =>
      vscode.window.registerWebviewPanelSerializer(DIAGRAM_VIEW_TYPES[kind], {
        deserializeWebviewPanel: (panel, state: unknown) => Promise.resolve(DiagramPanel.restore(studio, kind, panel, state)),
      }),
    ),
    vscode.window.onDidChangeActiveTextEditor((editor) => {
      const p = DiagramPanel.current('lineage');
      const doc = editor?.document;
      if (!p || !p.visible || doc?.uri.scheme !== 'file' || !readSettings().lineageFollowsActiveEditor) return;
      studio
        .request(DiagramRequests.nodeOfFile, { file: doc.uri.fsPath })
        .then((hit) => hit && p.follow(hit.projectRoot, hit.uniqueId))
        .catch(() => undefined);
    }),
    studio.onResults.event(({ projectRoot }) => each((p) => p.statusChanged(projectRoot))),
    vscode.workspace.onDidSaveTextDocument((doc) => each((p) => doc.uri.fsPath.startsWith(p.projectRoot + '/') && p.statusChanged(p.projectRoot))),
    studio.onProjectsChanged.event(() => {
      if (reloadTimer) clearTimeout(reloadTimer);
      reloadTimer = setTimeout(() => each((p) => p.reload()), 300);
    }),
    { dispose: () => reloadTimer && clearTimeout(reloadTimer) },
  );
}
