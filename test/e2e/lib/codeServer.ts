/**
 * code-server (VS Code 1.100.3 with a real extension host) for end-to-end runs: a throwaway user
 * data dir, the VSIX installed into its own extensions dir, bound to 127.0.0.1 without auth.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

export const REPO = resolve(__dirname, '..', '..', '..');
/** Everything the harness builds or installs; git-ignored through `.cache/`. */
export const E2E_CACHE = join(REPO, '.cache', 'e2e');
export const CODE_SERVER_DIR = process.env.MS_E2E_CODE_SERVER_DIR ?? join(E2E_CACHE, 'code-server');
export const CODE_SERVER = join(CODE_SERVER_DIR, 'node_modules', '.bin', 'code-server');

export interface CodeServerOptions {
  /** VSIXes to install (the extension, the test runner); omit to start without extensions. */
  vsix?: string[];
  /** User settings (settings.json). */
  settings?: Record<string, unknown>;
  /** Leave Workspace Trust on (a folder then asks, and opens in Restricted Mode until trusted). */
  workspaceTrust?: boolean;
  /** Extra environment, inherited by the extension host. */
  env?: Record<string, string>;
}

export interface CodeServer {
  url: string;
  pid: number;
  userDataDir: string;
  extensionsDir: string;
  /** Everything code-server printed, for failure reports. */
  output(): string;
  stop(): Promise<void>;
}

const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'chat.commandCenter.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'window.restoreWindows': 'none',
  // VS Code for the web saves after a delay by default; tests save explicitly, so a run happens only then.
  'files.autoSave': 'off',
  // Tests type whole lines; completion popups and auto-closing would change what lands in the file.
  'editor.quickSuggestions': { other: false, comments: false, strings: false },
  'editor.suggestOnTriggerCharacters': false,
  'editor.autoClosingBrackets': 'never',
  'editor.autoClosingQuotes': 'never',
  'editor.acceptSuggestionOnEnter': 'off',
  // Sticky scroll overlays the first lines of a scrolled editor: screenshots read as if lines were missing.
  'editor.stickyScroll.enabled': false,
  // Going to a line then scrolls short models half a screen past their end, hiding their top.
  'editor.scrollBeyondLastLine': false,
};

export async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => res(port));
    });
  });
}

/**
 * Older installs (the shared script) skipped @vscode/spdlog; without it every log output channel
 * (the extension's included) stays empty. Builds it once, offline, if missing.
 */
export function ensureSpdlog(): void {
  const dir = join(CODE_SERVER_DIR, 'node_modules', 'code-server', 'lib', 'vscode', 'node_modules', '@vscode', 'spdlog');
  if (!existsSync(dir) || existsSync(join(dir, 'build', 'Release', 'spdlog.node'))) return;
  const npm = spawnSync('sh', ['-c', 'readlink -f "$(command -v npm)"'], { encoding: 'utf8' }).stdout.trim();
  const gyp = join(dirname(npm), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
  const r = spawnSync(process.execPath, [gyp, 'rebuild', '--nodedir=/usr'], { cwd: dir, encoding: 'utf8', timeout: 600_000 });
  if (r.status !== 0) throw new Error(`building @vscode/spdlog failed:\n${r.stderr}`);
}

export function installExtension(vsix: string, userDataDir: string, extensionsDir: string): void {
  const r = spawnSync(CODE_SERVER, ['--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--install-extension', vsix, '--force'], { encoding: 'utf8', timeout: 120_000 });
  // code-server may print harmless errors on the way; success is what it says last.
  if (r.status !== 0 || !/successfully installed/.test(r.stdout + r.stderr)) throw new Error(`installing ${vsix} failed:\n${r.stdout}\n${r.stderr}`);
}

/** Process groups of servers still running: killed if the test process exits without stopping them. */
const live = new Set<number>();
process.once('exit', () => {
  for (const pid of live) killGroup(pid, 'SIGKILL');
});

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    // Negative: the whole group, so the extension hosts and the language server go too.
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

export async function startCodeServer(opts: CodeServerOptions = {}): Promise<CodeServer> {
  if (!existsSync(CODE_SERVER)) throw new Error(`code-server is not installed: run test/e2e/install-code-server.sh ${CODE_SERVER_DIR}`);
  const base = mkdtempSync(join(tmpdir(), 'ms-e2e-cs-'));
  const userDataDir = join(base, 'user-data');
  const extensionsDir = join(base, 'extensions');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...QUIET_SETTINGS, ...opts.settings }, null, 2));
  ensureSpdlog();
  for (const v of opts.vsix ?? []) installExtension(v, userDataDir, extensionsDir);
  const port = await freePort();
  const args = ['--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
  args.push('--disable-telemetry', '--disable-update-check', '--disable-getting-started-override', '--ignore-last-opened');
  if (!opts.workspaceTrust) args.push('--disable-workspace-trust');
  const child: ChildProcess = spawn(CODE_SERVER, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so stopping it by PID also stops everything it started.
    detached: true,
    env: { ...process.env, DONT_PROMPT_WSL_INSTALL: '1', ...opts.env },
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`code-server did not start: ${CODE_SERVER}`);
  live.add(pid);
  let log = '';
  child.stdout?.on('data', (b: Buffer) => (log += b.toString()));
  child.stderr?.on('data', (b: Buffer) => (log += b.toString()));
  const exited = new Promise<void>((res) => child.once('exit', () => res()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      killGroup(pid, 'SIGTERM');
      const timer = setTimeout(() => killGroup(pid, 'SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    // Extension hosts may outlive their parent by a moment; the group goes either way.
    killGroup(pid, 'SIGKILL');
    live.delete(pid);
    rmSync(base, { recursive: true, force: true });
  };
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${url}/healthz`, 30_000, () => log);
  } catch (e) {
    await stop();
    throw e;
  }
  return { url, pid, userDataDir, extensionsDir, output: () => log, stop };
}

async function waitForHttp(url: string, ms: number, log: () => string): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`code-server did not answer ${url} within ${ms} ms:\n${log()}`);
}
