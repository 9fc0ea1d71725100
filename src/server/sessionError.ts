/** Failures a request reports back as values (see `Outcome`), with the kind the extension words its message by. */
import { ProblemError, formatProblem } from '../core/problems';
import { WarehouseLockedError } from '../core/run';
import type { FailureKind } from '../protocol';

export class SessionError extends Error {
  constructor(
    readonly kind: FailureKind,
    message: string,
  ) {
    super(message);
    this.name = 'SessionError';
  }
}

export function failure(e: unknown, root?: string): { ok: false; kind: FailureKind; message: string } {
  if (e instanceof SessionError) return { ok: false, kind: e.kind, message: e.message };
  if (e instanceof WarehouseLockedError) return { ok: false, kind: 'locked', message: e.message };
  if (e instanceof ProblemError) return { ok: false, kind: 'problems', message: e.problems.map((p) => formatProblem(p, root)).join('\n') };
  return { ok: false, kind: 'error', message: e instanceof Error ? e.message : String(e) };
}
