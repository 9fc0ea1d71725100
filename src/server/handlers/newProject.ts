/** New Project from Template: the CLI's `init` command, run in the server so both behave alike. */
import { initCommand, templateNames } from '../../cli/commands/init';
import type { Outcome } from '../../protocol';

export { templateNames };

export async function newProject(template: string, folder: string): Promise<Outcome<{ path: string }>> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await initCommand.run({ positionals: [folder], options: { template } }, { out: (l) => out.push(l), err: (l) => err.push(l), json: true, cwd: folder });
  if (code !== 0) return { ok: false, kind: 'error', message: err.join('\n') || `Could not create the project in ${folder}.` };
  return { ok: true, path: folder };
}
