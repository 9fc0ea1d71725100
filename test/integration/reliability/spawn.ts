/** The CLI (or another script) in a child process, for the tests that interrupt or kill it. */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { REPO } from '../../helpers/tempProject';

export interface Child {
  proc: ChildProcessWithoutNullStreams;
  out: () => string;
  err: () => string;
  /** Resolves when stdout matches; rejects when the process exits first. */
  waitFor(re: RegExp, timeoutMs?: number): Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
}

export function spawnScript(script: string, args: string[]): Child {
  const proc = spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: REPO });
  let out = '';
  let err = '';
  proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal, at: performance.now() })));
  return {
    proc,
    out: () => out,
    err: () => err,
    exited,
    waitFor: (re, timeoutMs = 60_000) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out waiting for ${re}: ${out}\n${err}`)), timeoutMs);
        const check = () => {
          if (!re.test(out)) return;
          clearTimeout(timer);
          proc.stdout.off('data', check);
          resolve();
        };
        proc.stdout.on('data', check);
        check();
        void exited.then(() => {
          clearTimeout(timer);
          if (!re.test(out)) reject(new Error(`exited before ${re}: ${out}\n${err}`));
        });
      }),
  };
}

/** `model-studio <args> --project-dir <dir>`, started from the repository (where tsx resolves). */
export function spawnCli(args: string[], dir: string): Child {
  return spawnScript(join(REPO, 'src/cli/main.ts'), [...args, '--project-dir', dir]);
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
