/** What the harness and the test-runner extension agree on: no `vscode`, no Node-only paths. */

/** The workspace file that makes the runner extension activate and says where to write results. */
export const HOST_MARKER = '.ms-e2e-host.json';

export interface HostMarker {
  results: string;
}

export interface HostResult {
  title: string;
  state: 'passed' | 'failed' | 'pending';
  durationMs: number;
  error?: string;
}

export interface HostResults {
  tests: HostResult[];
  /** A failure outside any test (the suite did not load, a hook threw). */
  error?: string;
}
