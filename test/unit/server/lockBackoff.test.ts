import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LOCK_RETRY_MAX_DELAY_MS, LockBackoff } from '../../../src/server/lockBackoff';

void test('lock retries start soon, slow down to every 2 s, and give up after the limit', () => {
  let now = 0;
  const b = new LockBackoff(() => now, 60_000);
  const delays: number[] = [];
  for (let d = b.next(); d !== undefined; d = b.next()) {
    delays.push(d);
    now += d;
  }
  assert.deepEqual(delays.slice(0, 5), [200, 300, 450, 675, 1013]);
  assert.ok(delays.slice(8).every((d) => d === LOCK_RETRY_MAX_DELAY_MS));
  assert.ok(now >= 60_000 && now < 62_000, `gave up after ${now} ms`);
  assert.equal(b.waitedMs, now);
});
