/**
 * A save whose database another process holds is not dropped: it is tried again, with backoff,
 * until the file is free (then it runs and its diagnostics appear without another save), until a
 * newer save of the same file replaces it, or until LockBackoff gives up.
 */
import { LockBackoff } from './lockBackoff';
import { runSave } from './saveJob';
import type { Job } from './scheduler';
import type { ProjectSession } from './session';

export function saveWithLockRetry(session: ProjectSession, file: string, text: string | undefined, backoff?: LockBackoff): Job {
  return async (signal) => {
    const outcome = await runSave(session, file, text, signal, backoff !== undefined);
    if (outcome !== 'locked' || signal.aborted) return;
    const b = backoff ?? new LockBackoff();
    const delay = b.next();
    if (delay === undefined) {
      session.gaveUpOnLock(`save of ${file}`, b.waitedMs);
      return;
    }
    // Same key as the save: a newer save of this file clears this timer, and so the retry.
    session.scheduler.schedule(file, saveWithLockRetry(session, file, text, b), delay);
  };
}
