/**
 * The shape every `model-studio` subcommand has. Commands live one per file under
 * `src/cli/commands/` and are listed in `src/cli/commands/index.ts`.
 */
export interface CliOptionSpec {
  /** Long name without dashes, e.g. `select`. */
  name: string;
  /** One-letter alias without dash, e.g. `s`. */
  alias?: string;
  /** `boolean` flags take no value; `string` options take one; `list` options may repeat / take several space-separated words. */
  type: 'boolean' | 'string' | 'list';
  description: string;
}

export interface ParsedArgs {
  /** Positional arguments after the command name. */
  positionals: string[];
  /** Options by long name: boolean → true, string → string, list → string[]. */
  options: Record<string, string | boolean | string[] | undefined>;
}

export interface CliIO {
  /** Progress and results for people (stdout). */
  out(line: string): void;
  /** Warnings and errors (stderr). */
  err(line: string): void;
  /** True when --json was given: print one JSON document on stdout instead of progress lines. */
  json: boolean;
  /** Working directory the command was started from. */
  cwd: string;
}

export interface CliCommand {
  name: string;
  summary: string;
  options: CliOptionSpec[];
  /** Returns the process exit code: 0 success, 1 failures in the user's project, 2 bad usage. */
  run(args: ParsedArgs, io: CliIO): Promise<number>;
}
