/** `model-studio`: the engine, headless, for CI and the terminal. */
import { formatProblem, ProblemError } from '../core/problems';
import { WarehouseLockedError } from '../core/run';
import { helpText, parseArgs, UsageError } from './args';
import type { CliIO } from './command';
import { COMMANDS } from './commands';

export async function main(argv: string[], io: Omit<CliIO, 'json'> = { out: (l) => console.log(l), err: (l) => console.error(l), cwd: process.cwd() }): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out('Usage: model-studio <command> [options]\n\nCommands:');
    for (const c of COMMANDS) io.out(`  ${c.name.padEnd(10)} ${c.summary}`);
    io.out('\nRun `model-studio <command> --help` for its options.');
    return name ? 0 : 2;
  }
  if (name === '--version' || name === 'version') {
    io.out('model-studio 0.1.0');
    return 0;
  }
  const cmd = COMMANDS.find((c) => c.name === name);
  if (!cmd) {
    io.err(`Unknown command '${name}'. Commands: ${COMMANDS.map((c) => c.name).join(', ')}.`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(helpText(cmd.name, cmd.summary, cmd.options));
    return 0;
  }
  try {
    const args = parseArgs(rest, cmd.options);
    return await cmd.run(args, { ...io, json: args.options.json === true });
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(e.message);
      return 2;
    }
    if (e instanceof ProblemError) {
      for (const p of e.problems) io.err(formatProblem(p, io.cwd));
      return 1;
    }
    if (e instanceof WarehouseLockedError) {
      io.err(e.message);
      return 1;
    }
    io.err(`model-studio ${name} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    return 1;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
