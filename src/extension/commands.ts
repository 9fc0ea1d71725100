/**
 * The handler of every contributed command. The table's type makes a missing handler a compile
 * error, and the manifest test checks the table against package.json.
 */
import * as vscode from 'vscode';
import { Requests, type DiagramKind } from '../protocol';
import type { CommandId } from './commandIds';
import type { Studio } from './context';
import { DiagramPanel } from './diagramPanels';
import { generateData } from './generate';
import { reportError } from './log';
import { newProject } from './newProject';
import { showFailure } from './outcome';
import { PreviewPanel } from './previewPanel';
import { runFile, runProject } from './runCommands';
import { pickProject, targetFile } from './target';
import { showCompiled, showText } from './virtualDocs';

type Handler = (studio: Studio, arg?: unknown) => Promise<void> | void;

const HANDLERS: Record<CommandId, Handler> = {
  'modelStudio.generateData': generateData,
  'modelStudio.buildProject': runProject,
  'modelStudio.runModel': (s, a) => runFile(s, a, 'run', false),
  'modelStudio.runModelDownstream': (s, a) => runFile(s, a, 'run', true),
  'modelStudio.testModel': (s, a) => runFile(s, a, 'test', false),
  'modelStudio.showCompiledSql': (_s, a) => withFile(a, showCompiled),
  'modelStudio.previewResults': (s, a) => withFile(a, (f) => PreviewPanel.show(s, f)),
  'modelStudio.showLineage': (s, a) => showDiagram(s, 'lineage', a),
  'modelStudio.showErDiagram': (s, a) => showDiagram(s, 'er', a),
  'modelStudio.newProject': newProject,
  'modelStudio.showQualityReport': showQualityReport,
  'modelStudio.openDatabaseLog': async (s) => showText('Database Log.log', (await s.request(Requests.databaseLog, {})).text, 'log', vscode.ViewColumn.Active),
  'modelStudio.showOutput': (s) => s.log.show(),
  'modelStudio.releaseDatabase': async (s) => {
    const { released } = await s.request(Requests.releaseDatabase, {});
    vscode.window.setStatusBarMessage(`Model Studio: released ${released} database file${released === 1 ? '' : 's'}`, 4000);
  },
  'modelStudio.refreshModels': (s) => s.projects.refresh(),
  'modelStudio.restartServer': async (s) => {
    await s.client?.restart();
    await s.projects.refresh();
  },
};

export function registerCommands(studio: Studio): vscode.Disposable {
  return vscode.Disposable.from(
    ...Object.entries(HANDLERS).map(([id, handler]) =>
      vscode.commands.registerCommand(id, async (arg?: unknown) => {
        try {
          await handler(studio, arg);
        } catch (e) {
          reportError(studio.log, `${id.replace('modelStudio.', '')} failed`, e);
        }
      }),
    ),
  );
}

async function withFile(arg: unknown, fn: (file: string) => Promise<void> | void): Promise<void> {
  const file = targetFile(arg);
  if (!file) {
    void vscode.window.showWarningMessage('Model Studio: open a model file first.');
    return;
  }
  await fn(file);
}

async function showDiagram(studio: Studio, kind: DiagramKind, arg: unknown): Promise<void> {
  const file = targetFile(arg);
  const root = await pickProject(studio.projects.all.map((p) => p.root), file);
  if (root) DiagramPanel.show(studio, kind, root, file);
}

async function showQualityReport(studio: Studio, arg: unknown): Promise<void> {
  const root = await pickProject(studio.projects.all.map((p) => p.root), targetFile(arg));
  if (!root) return;
  const out = await studio.request(Requests.qualityReport, { projectRoot: root });
  if (!out.ok) return showFailure(studio, 'Show Quality Report', out);
  await vscode.commands.executeCommand('markdown.showPreview', vscode.Uri.file(out.path));
}
