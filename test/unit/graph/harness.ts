/**
 * node:test's describe/it return promises the runner already tracks; these wrappers return
 * void so the no-floating-promises lint rule stays on for real async code in the tests.
 */
import { describe as nodeDescribe, it as nodeIt, type TestContext } from 'node:test';

export function describe(name: string, fn: () => void): void {
  void nodeDescribe(name, fn);
}

export function it(name: string, fn: (t: TestContext) => void | Promise<void>): void {
  void nodeIt(name, fn);
}
