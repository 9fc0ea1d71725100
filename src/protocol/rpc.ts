/**
 * Request and notification descriptors: a method name plus phantom parameter and result types,
 * so the server and the extension share one definition and neither side can drift.
 */
export interface RequestSpec<P, R> {
  readonly method: string;
  /** Never set at run time; carries the types for the compiler. */
  readonly types?: { params: P; result: R };
}

export interface NotificationSpec<P> {
  readonly method: string;
  readonly types?: { params: P };
}

export function requestSpec<P, R>(method: string): RequestSpec<P, R> {
  return { method };
}

export function notificationSpec<P>(method: string): NotificationSpec<P> {
  return { method };
}

export type ParamsOf<S> = S extends RequestSpec<infer P, infer _R> ? P : S extends NotificationSpec<infer P> ? P : never;
export type ResultOf<S> = S extends RequestSpec<infer _P, infer R> ? R : never;

/** Why a request could not do its work; the extension words its message by kind. */
export type FailureKind = 'restricted' | 'locked' | 'not-found' | 'problems' | 'cancelled' | 'error';

/** A result that is either the value or a reason a person can act on. */
export type Outcome<T> = ({ ok: true } & T) | { ok: false; kind: FailureKind; message: string };
