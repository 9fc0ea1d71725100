/** `init [--template name] [dir]`: a new project from a shipped template. */
import { cpSync, existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { shippedSqlDir } from '../../core/engine';
import type { CliCommand } from '../command';

export function templateNames(): string[] {
  return readdirSync(join(shippedSqlDir(), 'templates')).filter((n) => existsSync(join(shippedSqlDir(), 'templates', n, 'dbt_project.yml'))).sort();
}

export const initCommand: CliCommand = {
  name: 'init',
  summary: 'Create a project from a template',
  options: [
    { name: 'template', type: 'string', description: `Template name (${'see --list'})` },
    { name: 'list', type: 'boolean', description: 'List the templates' },
    { name: 'force', type: 'boolean', description: 'Write into a folder that is not empty' },
  ],
  // eslint-disable-next-line @typescript-eslint/require-await
  async run(args, io) {
    const names = templateNames();
    if (args.options.list) {
      for (const n of names) io.out(n);
      return 0;
    }
    const name = typeof args.options.template === 'string' ? args.options.template : 'jaffle_shop';
    if (!names.includes(name)) {
      io.err(`No template '${name}'. Templates: ${names.join(', ')}.`);
      return 2;
    }
    const dest = resolve(io.cwd, args.positionals[0] ?? name);
    if (existsSync(dest) && readdirSync(dest).length > 0 && !args.options.force) {
      io.err(`${dest} is not empty; choose another folder or pass --force.`);
      return 2;
    }
    const src = join(shippedSqlDir(), 'templates', name);
    cpSync(src, dest, { recursive: true, filter: (p) => !/(\/target|\.duckdb(\.wal)?)$/.test(p) });
    if (io.json) io.out(JSON.stringify({ template: name, path: dest }));
    else io.out(`Created ${name} project in ${dest}.\nNext: cd ${dest} && model-studio build`);
    return 0;
  },
};
