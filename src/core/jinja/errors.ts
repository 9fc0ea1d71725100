/**
 * Errors inside the engine carry a place in the user's source; at the public boundary they become
 * `ProblemError`s. Exceptions thrown by context functions (ref(), var() …) are wrapped while they
 * travel through the engine and unwrapped at the boundary, so callers see them unchanged.
 */
import { ProblemError, problem, type RelatedPlace } from '../problems';

export interface SourcePlace {
  file: string;
  line: number;
  column: number;
}

export class JinjaError extends Error {
  constructor(
    readonly kind: 'syntax' | 'render',
    message: string,
    public place?: SourcePlace,
    readonly hint?: string,
    readonly related?: RelatedPlace[],
    readonly suggestions?: string[],
  ) {
    super(message);
    this.name = 'JinjaError';
  }
}

/** Carries an exception from a context function through the engine untouched. */
export class ExternalError extends Error {
  constructor(readonly error: unknown) {
    super('error in a context function');
    this.name = 'ExternalError';
  }
}

/** dbt's `{{ return(x) }}`: unwinds to the innermost project macro call, which yields `x`. */
export class MacroReturn {
  constructor(readonly value: unknown) {}
}

/**
 * Attach the place of the node being evaluated to an error that has none yet. Errors we did not
 * raise ourselves (a bug in a filter, a stack overflow from runaway recursion) are reported at that
 * place too, rather than escaping as a bare JS exception.
 */
export function at(e: unknown, file: string, line: number, column: number): unknown {
  if (e instanceof JinjaError) {
    if (!e.place) e.place = { file, line, column };
    return e;
  }
  if (e instanceof ExternalError || e instanceof MacroReturn || e instanceof ProblemError) return e;
  const message = e instanceof RangeError && /call stack/i.test(e.message)
    ? 'maximum recursion depth exceeded (a macro probably calls itself without end)'
    : e instanceof Error ? e.message : String(e);
  return new JinjaError('render', message, { file, line, column });
}

/** Convert anything thrown inside the engine into what the public API throws. */
export function toPublic(e: unknown, fallback: SourcePlace): unknown {
  if (e instanceof ExternalError) return e.error;
  if (e instanceof ProblemError) return e;
  if (e instanceof MacroReturn) {
    return new ProblemError(problem('jinja-render', 'return() was called outside of a macro', fallback));
  }
  if (e instanceof JinjaError) {
    const place = e.place ?? fallback;
    const extra = {
      ...(e.hint ? { hint: e.hint } : {}),
      ...(e.related ? { related: e.related } : {}),
      ...(e.suggestions ? { suggestions: e.suggestions } : {}),
    };
    return new ProblemError(problem(e.kind === 'syntax' ? 'jinja-syntax' : 'jinja-render', e.message, place, extra));
  }
  const message = e instanceof Error ? e.message : String(e);
  return new ProblemError(problem('jinja-render', message, fallback));
}

export function syntaxError(message: string, file: string, line: number, column: number, hint?: string): JinjaError {
  return new JinjaError('syntax', message, { file, line, column }, hint);
}

export function renderError(message: string): JinjaError {
  return new JinjaError('render', message);
}
