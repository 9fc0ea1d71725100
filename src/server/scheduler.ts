/**
 * Ordering of work against one project's DuckDB connection. DuckDB runs one statement at a time
 * per connection, so every job goes through one serial queue; saves are debounced per key (a
 * file), and a new save of the same key aborts that key's job at once — queued or in flight —
 * so a burst of saves ends with exactly one run of the latest text.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private depth = 0;

  run<T>(fn: () => Promise<T>): Promise<T> {
    this.depth++;
    const next = this.tail.then(fn, fn);
    const settled = next.then(
      () => this.depth--,
      () => this.depth--,
    );
    this.tail = settled;
    return next;
  }

  get busy(): boolean {
    return this.depth > 0;
  }

  /** Resolves once everything queued so far has finished. */
  drained(): Promise<void> {
    return this.tail.then(() => undefined);
  }
}

export type Job = (signal: AbortSignal) => Promise<void>;

export interface SchedulerOptions {
  /** Where jobs run: the project's exclusive runner, shared with commands. */
  queue: { run<T>(fn: () => Promise<T>): Promise<T> };
  delayMs: () => number;
  onError: (key: string, error: unknown) => void;
}

export class SaveScheduler {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly live = new Map<string, AbortController>();
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly opts: SchedulerOptions) {}

  /** `delayMs` overrides the debounce (a retry of a save whose database was held by another process). */
  schedule(key: string, job: Job, delayMs = this.opts.delayMs()): void {
    // Abort now rather than after the debounce: the interrupted statement frees the connection sooner.
    this.live.get(key)?.abort();
    const t = this.timers.get(key);
    if (t) clearTimeout(t);
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        this.enqueue(key, job);
      }, delayMs),
    );
  }

  private enqueue(key: string, job: Job): void {
    const ac = new AbortController();
    this.live.set(key, ac);
    const p = this.opts.queue
      .run(async () => {
        if (!ac.signal.aborted) await job(ac.signal);
      })
      .catch((e: unknown) => {
        if (!ac.signal.aborted) this.opts.onError(key, e);
      })
      .finally(() => {
        if (this.live.get(key) === ac) this.live.delete(key);
        this.pending.delete(p);
      });
    this.pending.add(p);
  }

  /** True while a save is waiting out its debounce or its job is queued or running. */
  get busy(): boolean {
    return this.timers.size > 0 || this.pending.size > 0;
  }

  /** Resolves when no save is waiting or running (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.busy) {
      if (this.pending.size) await Promise.allSettled([...this.pending]);
      else await new Promise((r) => setTimeout(r, 5));
    }
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    for (const ac of this.live.values()) ac.abort();
  }
}
