/**
 * DuckDB's file lock: one writing process per database file, and (found by trying in 1.5.6) no
 * read-only opening either while a writer holds it. This module names the holder in words a person
 * can act on, and makes the one browsing fallback there is: a copy of the file as of its last
 * checkpoint.
 */
import { constants, copyFileSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';

export class WarehouseLockedError extends Error {
  constructor(
    readonly path: string,
    /** e.g. `/usr/bin/node (PID 4242: node dist/cli.js run)`. */
    readonly holder: string,
    readonly pid?: number,
  ) {
    super(
      `The database ${path} is in use by ${holder}. DuckDB allows one writing process per file (and no readers beside it): ` +
        `close the other program (another VS Code window, a model-studio run or a duckdb shell) or wait for it to finish, then try again.`,
    );
    this.name = 'WarehouseLockedError';
  }
}

export function translateOpenError(e: unknown, path: string): Error {
  const msg = e instanceof Error ? e.message : String(e);
  const m = /Conflicting lock is held in (.+?) \(PID (\d+)\)/.exec(msg);
  if (m) {
    const pid = Number(m[2]);
    const command = commandLineOf(pid);
    return new WarehouseLockedError(path, `${m[1]} (PID ${pid}${command ? `: ${command}` : ''})`, pid);
  }
  if (/Could not set lock on file/.test(msg)) return new WarehouseLockedError(path, 'another process');
  return e instanceof Error ? e : new Error(msg);
}

/** The holder's command line (Linux /proc), shortened: "node" alone says little when VS Code and a CLI run both are. */
function commandLineOf(pid: number): string | undefined {
  try {
    const words = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    const line = words.map((w) => (w.length > 60 ? `…${w.slice(-59)}` : w)).join(' ');
    return line.length > 160 ? `${line.slice(0, 159)}…` : line || undefined;
  } catch {
    return undefined;
  }
}

export interface LockedSnapshot {
  /** Who holds the real file. */
  holder: string;
  pid?: number;
  /** The copy that was opened (under target/). */
  path: string;
  copiedAt: Date;
}

/** Big files are not copied: browsing a stale copy is not worth gigabytes of disk and seconds of I/O. */
export const MAX_SNAPSHOT_BYTES = 1 << 30;

/**
 * Copies the database file (not its WAL) into `targetDir`, for read-only browsing while another
 * process writes. The copy holds the data as of the holder's last checkpoint: DuckDB writes a new
 * checkpoint's blocks before the header that points to them, so the header copied is consistent
 * with the blocks it names unless two checkpoints complete during the copy (the caller opens the
 * copy and runs a query to catch that).
 */
export function copyForBrowsing(path: string, targetDir: string, maxBytes = MAX_SNAPSHOT_BYTES): string | undefined {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    return undefined;
  }
  if (size > maxBytes) return undefined;
  const dir = join(targetDir, 'duckdb_snapshot');
  mkdirSync(dir, { recursive: true });
  const copy = join(dir, basename(path));
  rmSync(`${copy}.wal`, { force: true });
  copyFileSync(path, copy, constants.COPYFILE_FICLONE);
  return copy;
}
