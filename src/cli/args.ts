/** Turns argv into positionals and options by the command's option specs (no dependency needed). */
import type { CliOptionSpec, ParsedArgs } from './command';

export class UsageError extends Error {}

export function parseArgs(argv: string[], specs: CliOptionSpec[]): ParsedArgs {
  const byName = new Map<string, CliOptionSpec>();
  for (const s of specs) {
    byName.set(s.name, s);
    if (s.alias) byName.set(s.alias, s);
  }
  const out: ParsedArgs = { positionals: [], options: {} };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      out.positionals.push(...argv.slice(i + 1));
      break;
    }
    const m = /^--?([A-Za-z][\w-]*)(?:=(.*))?$/.exec(a);
    if (!m || /^-\d/.test(a)) {
      out.positionals.push(a);
      continue;
    }
    const spec = byName.get(m[1]) ?? byName.get(m[1].replace(/_/g, '-'));
    if (!spec) throw new UsageError(`Unknown option ${a}. Run with --help to see the options.`);
    if (spec.type === 'boolean') {
      out.options[spec.name] = m[2] === undefined ? true : m[2] !== 'false';
      continue;
    }
    const values: string[] = [];
    if (m[2] !== undefined) values.push(m[2]);
    else {
      // A list option takes every following word up to the next option, as dbt's --select does.
      while (i + 1 < argv.length && !/^--?[A-Za-z]/.test(argv[i + 1])) {
        values.push(argv[++i]);
        if (spec.type === 'string') break;
      }
    }
    if (values.length === 0) throw new UsageError(`Option --${spec.name} needs a value.`);
    if (spec.type === 'string') out.options[spec.name] = values[0];
    else out.options[spec.name] = [...((out.options[spec.name] as string[] | undefined) ?? []), ...values.flatMap((v) => v.split(/\s+/).filter(Boolean))];
  }
  return out;
}

export function helpText(name: string, summary: string, specs: CliOptionSpec[]): string {
  const lines = [`model-studio ${name}: ${summary}`, '', 'Options:'];
  for (const s of specs) {
    const flag = `${s.alias ? `-${s.alias}, ` : '    '}--${s.name}${s.type === 'boolean' ? '' : ' <value>'}`;
    lines.push(`  ${flag.padEnd(30)} ${s.description}`);
  }
  return lines.join('\n');
}
