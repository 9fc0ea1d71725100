/**
 * Counts the engine runs of one project as they start and end, so "one run in flight at a time"
 * and "no run left behind" can be observed from outside (the serverStats request, the tests)
 * instead of being taken on trust from the queue's design.
 */
import type { RunCounts } from '../protocol';

export class RunCounter {
  private counts: RunCounts = { started: 0, finished: 0, cancelled: 0, failed: 0, inFlight: 0, peakInFlight: 0 };

  start(): void {
    this.counts.started++;
    this.counts.inFlight++;
    this.counts.peakInFlight = Math.max(this.counts.peakInFlight, this.counts.inFlight);
  }

  end(how: 'finished' | 'cancelled' | 'failed'): void {
    this.counts[how]++;
    this.counts.inFlight--;
  }

  snapshot(): RunCounts {
    return { ...this.counts };
  }
}
