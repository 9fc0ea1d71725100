/** New Project from Template: the CLI's `init`, run by the server, then the folder opened. */
import * as vscode from 'vscode';
import { Requests } from '../protocol';
import type { Studio } from './context';
import { showFailure } from './outcome';

export async function newProject(studio: Studio): Promise<void> {
  const templates = await studio.request(Requests.templates, {});
  const template = templates.length === 1 ? templates[0] : await vscode.window.showQuickPick(templates, { placeHolder: 'Template' });
  if (!template) return;
  const parent = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, canSelectMany: false, openLabel: 'Create the project in this folder' });
  if (!parent?.[0]) return;
  const name = await vscode.window.showInputBox({ prompt: 'Project folder name', value: template, validateInput: (v) => (/^[\w.-]+$/.test(v) ? undefined : 'Use letters, digits, ".", "-" or "_"') });
  if (!name) return;
  const folder = vscode.Uri.joinPath(parent[0], name).fsPath;
  const out = await studio.request(Requests.newProject, { template, folder });
  if (!out.ok) return showFailure(studio, 'New Project from Template', out);
  const pick = await vscode.window.showInformationMessage(`Model Studio: created ${name} from the ${template} template.`, 'Open Folder', 'Add to Workspace');
  const uri = vscode.Uri.file(out.path);
  if (pick === 'Open Folder') await vscode.commands.executeCommand('vscode.openFolder', uri);
  else if (pick === 'Add to Workspace') vscode.workspace.updateWorkspaceFolders(vscode.workspace.workspaceFolders?.length ?? 0, 0, { uri });
}
