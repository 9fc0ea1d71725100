/**
 * How long a save waits before trying a held database file again. DuckDB has no "tell me when the
 * lock frees", and opening the file is the only test, so the server polls: soon at first (a CLI
 * run often finishes in a second), then every couple of seconds, and gives up after a while so a
 * forgotten DuckDB shell does not keep a timer alive all day.
 */
export const LOCK_RETRY_FIRST_MS = 200;
export const LOCK_RETRY_MAX_DELAY_MS = 2000;
export const LOCK_RETRY_GIVE_UP_MS = 10 * 60_000;

export class LockBackoff {
  private delay = LOCK_RETRY_FIRST_MS;
  private readonly since: number;

  constructor(
    private readonly now: () => number = Date.now,
    private readonly giveUpMs = LOCK_RETRY_GIVE_UP_MS,
  ) {
    this.since = now();
  }

  /** The wait before the next attempt, or undefined once it is time to give up. */
  next(): number | undefined {
    if (this.now() - this.since >= this.giveUpMs) return undefined;
    const d = this.delay;
    this.delay = Math.min(LOCK_RETRY_MAX_DELAY_MS, Math.round(this.delay * 1.5));
    return d;
  }

  get waitedMs(): number {
    return this.now() - this.since;
  }
}
