/** `init [--template name] [dir]`: a new project from a shipped template. */
import { cpSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { shippedSqlDir } from '../../core/engine';
import type { CliCommand, CliIO } from '../command';

export function templateNames(): string[] {
  return readdirSync(join(shippedSqlDir(), 'templates')).filter((n) => existsSync(join(shippedSqlDir(), 'templates', n, 'dbt_project.yml'))).sort();
}

/**
 * One line about a template, from its README: the heading without the template's name, or, when
 * the heading is only the name, the first sentence of the first paragraph.
 */
export function templateSummary(name: string): string {
  let text = '';
  try {
    text = readFileSync(join(shippedSqlDir(), 'templates', name, 'README.md'), 'utf8');
  } catch {
    return '';
  }
  const lines = text.split('\n');
  const clean = (s: string) => s.replace(/[*`]/g, '').replace(/\s+/g, ' ').trim();
  const heading = clean((lines.find((l) => l.trim()) ?? '').replace(/^#+\s*/, ''));
  const rest = heading.startsWith(name) ? heading.slice(name.length).replace(/^\s*[:—–-]\s*/, '').trim() : heading;
  let summary = /^(\(.*\))?$/.test(rest) ? '' : rest;
  if (!summary) {
    const start = lines.findIndex((l, i) => i > 0 && l.trim() && !l.startsWith('#'));
    const para: string[] = [];
    for (let i = start; i >= 0 && i < lines.length && lines[i].trim(); i++) para.push(lines[i].trim());
    summary = clean(para.join(' ')).split(/(?<=\S)[.:](\s|$)/)[0];
  }
  return summary.length > 100 ? `${summary.slice(0, 99)}…` : summary;
}

function printTemplates(io: CliIO, names: string[]): void {
  if (io.json) {
    io.out(JSON.stringify({ templates: names.map((name) => ({ name, description: templateSummary(name) })) }, null, 2));
    return;
  }
  io.out('Templates (model-studio init --template NAME [DIR]):');
  const width = Math.max(...names.map((n) => n.length)) + 2;
  for (const n of names) io.out(`  ${n.padEnd(width)}${templateSummary(n)}`);
}

export const initCommand: CliCommand = {
  name: 'init',
  summary: 'Create a project from a template',
  options: [
    { name: 'template', type: 'string', description: 'Template name (without it, init lists the templates)' },
    { name: 'list', type: 'boolean', description: 'List the templates' },
    { name: 'force', type: 'boolean', description: 'Write into a folder that is not empty' },
    { name: 'json', type: 'boolean', description: 'Print JSON (the templates, or the created project)' },
  ],
  // eslint-disable-next-line @typescript-eslint/require-await
  async run(args, io) {
    const names = templateNames();
    if (args.options.list || typeof args.options.template !== 'string') {
      printTemplates(io, names);
      if (args.options.list || args.positionals.length === 0) return 0;
      // A folder without a template used to mean jaffle_shop: say why nothing was created.
      io.err(`\nChoose a template for ${args.positionals[0]}: model-studio init --template NAME ${args.positionals[0]}`);
      return 2;
    }
    const name = args.options.template;
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
