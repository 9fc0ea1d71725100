/** Build Project, Run Current Model (± downstream), Test Current Model. */
import * as vscode from 'vscode';
import { Requests, type RunParams } from '../protocol';
import type { Studio } from './context';
import { restrictedMessage, showFailure } from './outcome';
import { seconds } from './statusText';
import { pickProject, targetFile } from './target';

export async function runProject(studio: Studio, arg: unknown): Promise<void> {
  const root = await pickProject(studio.projects.all.map((p) => p.root), targetFile(arg));
  if (root) await run(studio, { target: 'project', projectRoot: root, command: 'build' });
}

export async function runFile(studio: Studio, arg: unknown, command: 'run' | 'test', downstream: boolean): Promise<void> {
  const file = targetFile(arg);
  if (!file) {
    void vscode.window.showWarningMessage('Model Studio: open a model file first.');
    return;
  }
  // The server runs what is on disk: save first so the run matches the editor.
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === file);
  if (doc?.isDirty) await doc.save();
  await run(studio, { target: 'file', file, downstream, command });
}

async function run(studio: Studio, params: RunParams): Promise<void> {
  if (!vscode.workspace.isTrusted) return restrictedMessage();
  const out = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Model Studio', cancellable: true }, (_p, token) =>
    studio.request(Requests.run, params, token),
  );
  if (!out.ok) return showFailure(studio, params.command, out, () => run(studio, params));
  const s = out.summary;
  studio.log.info(`${s.what}: ${s.counts} in ${seconds(s.elapsedMs)}`);
  if (s.ok) {
    vscode.window.setStatusBarMessage(`$(check) ${s.what}: ${s.counts}`, 5000);
    return;
  }
  const pick = await vscode.window.showWarningMessage(`Model Studio: ${s.what} finished with problems (${s.counts}).`, 'Show Problems');
  if (pick) await vscode.commands.executeCommand('workbench.actions.view.problems');
}
