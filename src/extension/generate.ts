/** Generate Synthetic Data: pick a spec, scale and seed; a cancellable notification shows rows/s. */
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { Requests } from '../protocol';
import { readSettings } from './config';
import type { Studio } from './context';
import { restrictedMessage, showFailure } from './outcome';
import { seconds } from './statusText';
import { pickProject, targetFile } from './target';

export async function generateData(studio: Studio, arg: unknown): Promise<void> {
  if (!vscode.workspace.isTrusted) return restrictedMessage();
  const root = await pickProject(studio.projects.all.map((p) => p.root), targetFile(arg));
  if (!root) return;
  const specs = await studio.request(Requests.datasetSpecs, { projectRoot: root });
  if (specs.length === 0) {
    void vscode.window.showWarningMessage('Model Studio: this project has no dataset specs. Add one as datasets/<name>.yml (see the template projects).');
    return;
  }
  const spec = specs.length === 1 ? specs[0] : await vscode.window.showQuickPick(specs, { placeHolder: 'Dataset spec to generate' });
  if (!spec) return;
  const defaults = readSettings();
  const scale = await askNumber('Scale (1 = the row counts in the spec)', defaults.defaultScale, (n) => n > 0);
  if (scale === undefined) return;
  const seed = await askNumber('Seed (the same seed gives the same data)', defaults.defaultSeed, (n) => Number.isInteger(n) && n >= 0);
  if (seed === undefined) return;
  await runGenerate(studio, root, spec, scale, seed);
}

/** One generation with the chosen settings; a held database offers Retry with the same ones. */
async function runGenerate(studio: Studio, root: string, spec: string, scale: number, seed: number): Promise<void> {
  const progressToken = randomUUID();
  const out = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Generating ${spec} (scale ${scale}, seed ${seed})`, cancellable: true },
    async (progress, token) => {
      let lastFraction = 0;
      let lastMessage = '';
      const sub = studio.onGenerateProgress.event((p) => {
        if (p.progressToken !== progressToken) return;
        const table = p.message.split(':')[0];
        // Each table restarts at 0: the bar shows the table in progress.
        if (table !== lastMessage) lastFraction = 0;
        lastMessage = table;
        const increment = p.fraction === undefined ? undefined : Math.max(0, (p.fraction - lastFraction) * 100);
        if (p.fraction !== undefined) lastFraction = p.fraction;
        progress.report({ message: p.message, increment });
      });
      try {
        return await studio.request(Requests.generate, { projectRoot: root, specFile: spec, scale, seed, progressToken }, token);
      } finally {
        sub.dispose();
      }
    },
  );
  if (!out.ok) return showFailure(studio, 'Generate Synthetic Data', out, () => runGenerate(studio, root, spec, scale, seed));
  const pick = await vscode.window.showInformationMessage(
    `Model Studio: generated ${out.rows.toLocaleString('en-US')} rows in ${out.tables} tables in ${seconds(out.elapsedMs)}.`,
    'Build Project',
  );
  if (pick) await vscode.commands.executeCommand('modelStudio.buildProject');
}

async function askNumber(prompt: string, value: number, valid: (n: number) => boolean): Promise<number | undefined> {
  const s = await vscode.window.showInputBox({
    prompt,
    value: String(value),
    validateInput: (v) => (v.trim() !== '' && valid(Number(v)) ? undefined : 'Enter a valid number'),
  });
  return s === undefined ? undefined : Number(s);
}
