/**
 * A full garbage collection on request (serverStats with `collect`), so memory figures show what
 * the server keeps rather than what awaits collection. V8 exposes `gc` only behind a flag; setting
 * the flag at run time and fetching `gc` from a fresh context works without restarting the server.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let gc: (() => void) | undefined;

export function collectGarbage(): void {
  if (!gc) {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  }
  gc();
}
