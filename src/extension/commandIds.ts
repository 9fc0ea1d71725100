/**
 * Every command the extension contributes. No `vscode` import, so the manifest test can read it
 * without an editor; `commands.ts` must give each id a handler (the type checker enforces it).
 */
export const COMMAND_IDS = [
  'modelStudio.generateData',
  'modelStudio.buildProject',
  'modelStudio.runModel',
  'modelStudio.runModelDownstream',
  'modelStudio.testModel',
  'modelStudio.showCompiledSql',
  'modelStudio.previewResults',
  'modelStudio.showLineage',
  'modelStudio.showErDiagram',
  'modelStudio.newProject',
  'modelStudio.showQualityReport',
  'modelStudio.openDatabaseLog',
  'modelStudio.showOutput',
  'modelStudio.releaseDatabase',
  'modelStudio.refreshModels',
  'modelStudio.restartServer',
] as const;

export type CommandId = (typeof COMMAND_IDS)[number];

export const VIEW_MODELS = 'modelStudio.models';
export const CONTAINER = 'modelStudio';
export const COMPILED_SCHEME = 'model-studio-compiled';
export const TEXT_SCHEME = 'model-studio';
