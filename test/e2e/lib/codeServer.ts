/**
 * code-server (VS Code 1.100.3 with a real extension host) for end-to-end runs: a throwaway user
 * data dir, the VSIX installed into its own extensions dir, bound to 127.0.0.1 without auth.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

export const REPO = resolve(__dirname, '..', '..', '..');
export const CODE_SERVER = join(REPO, '.cache', 'code-server', 'node_modules', '.bin', 'code-server');

export interface CodeServerOptions {
  /** VSIX to install; omit to start without the extension. */
  vsix?: string;
  /** User settings (settings.json). */
  settings?: Record<string, unknown>;
  /** Leave Workspace Trust on (the folder then opens in Restricted Mode until trusted). */
  workspaceTrust?: boolean;
}

export interface CodeServer {
  url: string;
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
 * The install script builds kerberos and node-pty but not @vscode/spdlog; without it every log
 * output channel (the extension's included) stays empty. Builds it once, offline, if missing.
 */
export function ensureSpdlog(): void {
  const dir = join(REPO, '.cache', 'code-server', 'node_modules', 'code-server', 'lib', 'vscode', 'node_modules', '@vscode', 'spdlog');
  if (!existsSync(dir) || existsSync(join(dir, 'build', 'Release', 'spdlog.node'))) return;
  const npm = spawnSync('sh', ['-c', 'readlink -f "$(command -v npm)"'], { encoding: 'utf8' }).stdout.trim();
  const gyp = join(dirname(npm), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
  const r = spawnSync(process.execPath, [gyp, 'rebuild', '--nodedir=/usr'], { cwd: dir, encoding: 'utf8', timeout: 600_000 });
  if (r.status !== 0) throw new Error(`building @vscode/spdlog failed:\n${r.stderr}`);
}

export function installExtension(vsix: string, userDataDir: string, extensionsDir: string): void {
  const r = spawnSync(CODE_SERVER, ['--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--install-extension', vsix], { encoding: 'utf8', timeout: 120_000 });
  // code-server also prints a harmless error about its spdlog binding; success is what it says last.
  if (r.status !== 0 || !/successfully installed/.test(r.stdout + r.stderr)) throw new Error(`installing ${vsix} failed:\n${r.stdout}\n${r.stderr}`);
}

export async function startCodeServer(opts: CodeServerOptions = {}): Promise<CodeServer> {
  if (!existsSync(CODE_SERVER)) throw new Error(`code-server is not installed: run /work/shared/tools/install-code-server.sh ${join(REPO, '.cache', 'code-server')}`);
  const base = mkdtempSync(join(tmpdir(), 'ms-e2e-'));
  const userDataDir = join(base, 'user-data');
  const extensionsDir = join(base, 'extensions');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...QUIET_SETTINGS, ...opts.settings }, null, 2));
  ensureSpdlog();
  if (opts.vsix) installExtension(opts.vsix, userDataDir, extensionsDir);
  const port = await freePort();
  const args = ['--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--disable-telemetry', '--disable-update-check', '--disable-getting-started-override'];
  if (!opts.workspaceTrust) args.push('--disable-workspace-trust');
  const child: ChildProcess = spawn(CODE_SERVER, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, DONT_PROMPT_WSL_INSTALL: '1' } });
  let log = '';
  child.stdout?.on('data', (b: Buffer) => (log += b.toString()));
  child.stderr?.on('data', (b: Buffer) => (log += b.toString()));
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/healthz`, 30_000, () => log);
  return {
    url,
    userDataDir,
    extensionsDir,
    output: () => log,
    stop: () =>
      new Promise<void>((res) => {
        if (child.exitCode !== null) return res();
        child.once('exit', () => res());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
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
