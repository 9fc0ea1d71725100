/** Every `model-studio` subcommand, in the order `--help` lists them. */
import type { CliCommand } from '../command';
import { cleanCommand } from './clean';
import { compileCommand } from './compile';
import { erdCommand } from './erd';
import { generateCommand } from './generate';
import { exportCommand } from './exportAirflow';
import { initCommand } from './init';
import { lineageCommand } from './lineage';
import { lsCommand } from './ls';
import { qualityCommand } from './quality';
import { runLikeCommand } from './runLike';
import { showCommand } from './show';

export const COMMANDS: CliCommand[] = [
  initCommand,
  generateCommand,
  compileCommand,
  runLikeCommand('run'),
  runLikeCommand('seed'),
  runLikeCommand('snapshot'),
  runLikeCommand('build'),
  runLikeCommand('test'),
  qualityCommand,
  lineageCommand,
  erdCommand,
  exportCommand,
  lsCommand,
  showCommand,
  cleanCommand,
];
