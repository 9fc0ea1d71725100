/** Debounced, cancellable, serial save jobs. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SaveScheduler, SerialQueue } from '../../../src/server/scheduler';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function scheduler(delay = 20) {
  const errors: unknown[] = [];
  const queue = new SerialQueue();
  const s = new SaveScheduler({ queue, delayMs: () => delay, onError: (_k, e) => errors.push(e) });
  return { s, queue, errors };
}

void test('a burst of saves of one file runs once, with the last text', async () => {
  const { s } = scheduler();
  const ran: number[] = [];
  for (let i = 1; i <= 5; i++) s.schedule('a.sql', () => Promise.resolve(void ran.push(i)));
  await s.settled();
  assert.deepEqual(ran, [5]);
});

void test('a new save aborts the run in flight for that file, and the new run follows', async () => {
  const { s } = scheduler(5);
  const events: string[] = [];
  s.schedule('a.sql', async (signal) => {
    events.push('first started');
    await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve()));
    events.push('first aborted');
  });
  await sleep(30);
  s.schedule('a.sql', () => Promise.resolve(void events.push('second ran')));
  await s.settled();
  assert.deepEqual(events, ['first started', 'first aborted', 'second ran']);
});

void test('saves of different files run one after another, never at once', async () => {
  const { s } = scheduler(1);
  let running = 0;
  let maxRunning = 0;
  const job = async () => {
    running++;
    maxRunning = Math.max(maxRunning, running);
    await sleep(10);
    running--;
  };
  s.schedule('a.sql', job);
  s.schedule('b.sql', job);
  s.schedule('c.sql', job);
  await s.settled();
  assert.equal(maxRunning, 1);
});

void test('a queued job superseded before it starts never runs; failures are reported, not thrown', async () => {
  const { s, queue, errors } = scheduler(1);
  let release!: () => void;
  void queue.run(() => new Promise<void>((r) => (release = r)));
  const ran: string[] = [];
  s.schedule('a.sql', () => Promise.resolve(void ran.push('old')));
  await sleep(20);
  s.schedule('a.sql', () => Promise.resolve(void ran.push('new')));
  s.schedule('b.sql', () => Promise.reject(new Error('boom')));
  await sleep(20);
  release();
  await s.settled();
  assert.deepEqual(ran, ['new']);
  assert.equal(errors.length, 1);
  assert.match(String(errors[0]), /boom/);
});

void test('the queue runs in call order and survives a failing job', async () => {
  const q = new SerialQueue();
  const order: number[] = [];
  const a = q.run(async () => {
    await sleep(5);
    order.push(1);
  });
  const b = q.run(() => Promise.reject(new Error('x')));
  const c = q.run(() => Promise.resolve(void order.push(3)));
  await a;
  await assert.rejects(b);
  await c;
  assert.deepEqual(order, [1, 3]);
  assert.equal(q.busy, false);
});
