/** The server's log: LSP `window/logMessage`, which the extension writes to its one log channel. */
import { logs, type LogLevel } from '../protocol';

export interface Logger {
  error(message: string): void;
  warn(message: string): void;
  info(message: string): void;
  debug(message: string): void;
}

export interface ConsoleLike {
  error(message: string): void;
  warn(message: string): void;
  info(message: string): void;
  debug(message: string): void;
}

export function leveledLogger(console: ConsoleLike, level: () => LogLevel): Logger {
  return {
    error: (m) => logs(level(), 'error') && console.error(m),
    warn: (m) => logs(level(), 'warn') && console.warn(m),
    info: (m) => logs(level(), 'info') && console.info(m),
    debug: (m) => logs(level(), 'debug') && console.debug(m),
  };
}

/**
 * What happened to the DuckDB file and when, for "Open Database Log": opens, releases, locks and
 * every run with its outcome. A ring, so a long session never grows without bound.
 */
export class DatabaseLog {
  private readonly lines: string[] = [];

  constructor(private readonly max = 2000) {}

  add(projectRoot: string, message: string): void {
    // The folder name is enough to tell projects apart; full paths push the message off-screen.
    this.lines.push(`${new Date().toISOString()}  ${projectRoot.slice(projectRoot.lastIndexOf('/') + 1)}  ${message}`);
    if (this.lines.length > this.max) this.lines.splice(0, this.lines.length - this.max);
  }

  text(): string {
    return this.lines.length ? this.lines.join('\n') + '\n' : 'Nothing has touched a database yet in this session.\n';
  }
}
