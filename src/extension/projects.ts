/** The projects and nodes the server knows, kept current from its notifications; the tree and Test Explorer read this. */
import * as vscode from 'vscode';
import { Requests, type NodeInfo, type ProjectInfo } from '../protocol';
import type { Studio } from './context';

export class ProjectsStore implements vscode.Disposable {
  private list: ProjectInfo[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly subs: vscode.Disposable[];
  private refreshing: Promise<void> | undefined;

  constructor(private readonly studio: Studio) {
    this.subs = [
      studio.onProjectsChanged.event(() => void this.refresh()),
      studio.onResults.event(({ projectRoot, results }) => {
        const p = this.list.find((x) => x.root === projectRoot);
        if (!p) return;
        for (const r of results) {
          const n = p.nodes.find((x) => x.uniqueId === r.uniqueId);
          if (n) n.last = r.state;
        }
        this.changed.fire();
      }),
    ];
  }

  get all(): readonly ProjectInfo[] {
    return this.list;
  }

  refresh(): Promise<void> {
    // Notifications can arrive in bursts (a reload per project); one request answers them all.
    this.refreshing ??= this.studio
      .request(Requests.projects, {})
      .then((l) => {
        this.list = l;
        this.changed.fire();
      })
      .catch((e: unknown) => this.studio.log.warn(`Could not list projects: ${e instanceof Error ? e.message : String(e)}`))
      .finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  projectOf(file: string): ProjectInfo | undefined {
    return this.list.filter((p) => file.startsWith(p.root + '/')).sort((a, b) => b.root.length - a.root.length)[0];
  }

  node(uniqueId: string): NodeInfo | undefined {
    for (const p of this.list) {
      const n = p.nodes.find((x) => x.uniqueId === uniqueId);
      if (n) return n;
    }
    return undefined;
  }

  dispose(): void {
    for (const s of this.subs) s.dispose();
    this.changed.dispose();
  }
}
