/**
 * Typed registration of the custom messages in `src/protocol` on a server connection. The
 * payload types are fixed by the shared specs, so the string-method overloads are safe here.
 */
import type { CancellationToken, Connection, Disposable } from 'vscode-languageserver';
import type { NotificationSpec, RequestSpec } from '../protocol';

export function onRequest<P, R>(conn: Connection, spec: RequestSpec<P, R>, handler: (params: P, token: CancellationToken) => Promise<R> | R): Disposable {
  // Handlers return plain values; wrapping in a promise fits the library's conditional result type.
  return conn.onRequest(spec.method, async (params: P, token: CancellationToken): Promise<unknown> => handler(params, token));
}

export function onNotification<P>(conn: Connection, spec: NotificationSpec<P>, handler: (params: P) => void): Disposable {
  return conn.onNotification(spec.method, (params: P) => handler(params));
}

export function notify<P>(conn: Connection, spec: NotificationSpec<P>, params: P): void {
  void conn.sendNotification(spec.method, params);
}

/** An AbortSignal that fires when the client cancels the request. */
export function signalOf(token: CancellationToken): AbortSignal {
  const ac = new AbortController();
  if (token.isCancellationRequested) ac.abort();
  else token.onCancellationRequested(() => ac.abort());
  return ac.signal;
}
