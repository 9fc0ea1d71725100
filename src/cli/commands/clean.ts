/** `clean`: delete the clean-targets of dbt_project.yml (never anything outside the project). */
import { rmSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { loadProject } from '../../core/project';
import type { CliCommand } from '../command';
import { engineOptions, PROJECT_OPTIONS, projectDir } from '../projectOptions';

export const cleanCommand: CliCommand = {
  name: 'clean',
  summary: 'Delete target/ and the other clean-targets',
  options: PROJECT_OPTIONS,
  // eslint-disable-next-line @typescript-eslint/require-await
  async run(args, io) {
    const project = loadProject(projectDir(args, io), engineOptions(args));
    for (const t of project.config.cleanTargets) {
      const abs = resolve(project.root, t);
      if (!abs.startsWith(project.root + sep)) {
        io.err(`Refusing to delete ${t}: it is outside the project folder.`);
        continue;
      }
      rmSync(abs, { recursive: true, force: true });
      io.out(`Cleaned ${t}/`);
    }
    return 0;
  },
};
