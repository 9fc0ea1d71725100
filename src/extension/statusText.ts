/** What the status bar says for a server status; no `vscode` here so it is unit-tested. */
import type { RunSummary, ServerStatus } from '../protocol';

export interface StatusView {
  text: string;
  tooltip: string;
  /** `error` and `warning` map to the status bar's themed backgrounds. */
  tone: 'normal' | 'warning' | 'error';
}

export function clock(epochMs: number): string {
  const d = new Date(epochMs);
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}

export function seconds(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

function lastLine(last: RunSummary | undefined): string {
  return last ? `Last: ${last.what} — ${last.ok ? 'OK' : 'failed'} (${last.counts}) in ${seconds(last.elapsedMs)} at ${clock(last.finishedAt)}` : 'Nothing has run yet.';
}

export function statusView(s: ServerStatus): StatusView {
  switch (s.kind) {
    case 'starting':
      return { text: '$(loading~spin) Model Studio', tooltip: 'Model Studio is starting its language server.', tone: 'normal' };
    case 'running':
      return { text: `$(sync~spin) ${s.what}`, tooltip: `Model Studio is running ${s.what} (since ${clock(s.startedAt)}).`, tone: 'normal' };
    case 'locked':
      return { text: '$(lock) Database in use', tooltip: `${s.message}\n\n${lastLine(s.last)}`, tone: 'warning' };
    case 'restricted':
      return { text: '$(shield) Model Studio: Restricted', tooltip: 'Restricted Mode: Model Studio checks YAML, Jinja and refs, but runs no SQL until you trust this folder.', tone: 'normal' };
    case 'idle':
      if (!s.last) return { text: '$(database) Model Studio', tooltip: 'Model Studio is ready. Save a model to run it.', tone: 'normal' };
      return { text: `${s.last.ok ? '$(check)' : '$(error)'} ${s.last.what} · ${clock(s.last.finishedAt)}`, tooltip: lastLine(s.last), tone: s.last.ok ? 'normal' : 'error' };
  }
}
