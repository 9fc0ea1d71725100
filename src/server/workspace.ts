/**
 * Every project in the open workspace folders, and the events that reach them: saves, files
 * created or deleted outside the editor, trust and settings changes.
 */
import { basename } from 'node:path';
import { DEFAULT_SETTINGS, type Settings } from '../protocol';
import { findProjectRoots, ownerOf } from './projects';
import { saveWithLockRetry } from './lockRetry';
import { ProjectSession, type SessionHost } from './session';

export type FileChange = { file: string; change: 'created' | 'changed' | 'deleted' };

export type WorkspaceHost = Omit<SessionHost, 'settings' | 'trusted'>;

const PROJECT_FILES = /\.(sql|ya?ml|csv|md)$/;

export class Workspace {
  readonly sessions = new Map<string, ProjectSession>();
  private folders: string[] = [];
  private settingsValue: Settings = { ...DEFAULT_SETTINGS };
  private trust = false;

  constructor(private readonly host: WorkspaceHost) {}

  get settings(): Settings {
    return this.settingsValue;
  }

  get trusted(): boolean {
    return this.trust;
  }

  setFolders(folders: string[]): void {
    this.folders = folders;
    this.rediscover();
  }

  /** Finds projects again; new ones are loaded (diagnostics appear), vanished ones cleared. */
  rediscover(): void {
    const roots = new Set(this.folders.flatMap((f) => findProjectRoots(f)));
    for (const [root, s] of [...this.sessions]) {
      if (roots.has(root)) continue;
      s.dispose();
      this.sessions.delete(root);
    }
    for (const root of roots) {
      if (this.sessions.has(root)) continue;
      const session = new ProjectSession(root, { ...this.host, settings: () => this.settingsValue, trusted: () => this.trust });
      this.sessions.set(root, session);
      this.reloadLater(session);
    }
    this.host.projectsChanged();
  }

  sessionFor(file: string): ProjectSession | undefined {
    const root = ownerOf(file, this.sessions.keys());
    return root ? this.sessions.get(root) : undefined;
  }

  session(root: string): ProjectSession | undefined {
    return this.sessions.get(root);
  }

  saved(file: string, text: string | undefined): void {
    if (basename(file) === 'dbt_project.yml' && !this.sessions.has(file.slice(0, -'/dbt_project.yml'.length))) {
      this.rediscover();
      return;
    }
    const s = this.sessionFor(file);
    if (!s || !PROJECT_FILES.test(file)) return;
    s.scheduler.schedule(file, saveWithLockRetry(s, file, text));
  }

  /** File events from the editor's watcher; saves of open files arrive as `saved` instead. */
  filesChanged(changes: FileChange[], isOpen: (file: string) => boolean): void {
    if (changes.some((c) => basename(c.file) === 'dbt_project.yml' && c.change !== 'changed')) this.rediscover();
    const touched = new Set<ProjectSession>();
    for (const c of changes) {
      const s = this.sessionFor(c.file);
      if (!s || !PROJECT_FILES.test(c.file)) continue;
      if (c.change === 'changed' && isOpen(c.file)) continue;
      if (c.change === 'deleted') {
        s.forgetResultsIn(c.file);
        s.diagnostics.forgetFile(c.file);
        s.diagnostics.flush();
      }
      touched.add(s);
    }
    for (const s of touched) this.reloadLater(s);
  }

  setTrust(trusted: boolean): void {
    this.trust = trusted;
    if (!trusted) for (const s of this.sessions.values()) void s.exclusive(() => Promise.resolve(s.closeDatabase('restricted mode')));
  }

  setSettings(next: Settings): void {
    const prev = this.settingsValue;
    this.settingsValue = next;
    // These change which file the engine opens, so the projects load again.
    if (prev.databasePath !== next.databasePath || prev.threads !== next.threads) for (const s of this.sessions.values()) this.reloadLater(s);
  }

  /** Reloads through the save scheduler, so a burst of file events becomes one reload. */
  private reloadLater(s: ProjectSession): void {
    s.scheduler.schedule(`reload:${s.root}`, () => Promise.resolve(void s.reload()));
  }

  /** Resolves when no project has work waiting (tests and shutdown). */
  async settled(): Promise<void> {
    await Promise.all([...this.sessions.values()].map((s) => s.scheduler.settled()));
  }

  dispose(): void {
    for (const s of this.sessions.values()) s.dispose();
    this.sessions.clear();
  }
}
