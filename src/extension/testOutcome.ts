/**
 * How a dbt result shows in VS Code's Test Explorer, which knows passed, failed, errored and
 * skipped only. A `warn` test did find rows, but dbt does not fail on it (`severity: warn`), so it
 * shows as passed, with its message in the test output and a warning in the Problems panel:
 * painting it red would claim a failure the build does not have.
 */
import type { RunStatus } from '../protocol';

export interface TestOutcome {
  state: 'passed' | 'failed' | 'errored' | 'skipped';
  /** Written to the run's output, at the test's place. */
  note?: string;
}

export function testOutcome(status: RunStatus, message: string): TestOutcome {
  switch (status) {
    case 'pass':
    case 'success':
      return { state: 'passed' };
    case 'warn':
      return { state: 'passed', note: `warning: ${message}` };
    case 'fail':
      return { state: 'failed' };
    case 'skipped':
      return { state: 'skipped' };
    default:
      return { state: 'errored' };
  }
}
