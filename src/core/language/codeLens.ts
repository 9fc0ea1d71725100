/**
 * The actions above a model: Run | Run + downstream | Compiled SQL | Preview | Lineage. The
 * extension registers the command ids; each takes the model file's absolute path.
 */
import type { Manifest } from '../project';
import type { CodeLens, LanguageContext, TextDocumentInput } from './types';

export const MODEL_COMMANDS = [
  { title: '▶ Run', command: 'modelStudio.runModel' },
  { title: 'Run + downstream', command: 'modelStudio.runModelDownstream' },
  { title: 'Compiled SQL', command: 'modelStudio.showCompiledSql' },
  { title: 'Preview', command: 'modelStudio.previewResults' },
  { title: 'Lineage', command: 'modelStudio.showLineage' },
] as const;

/**
 * One row of lenses on the file's first line, for files the manifest knows as models (a model
 * is a whole file in dbt). Disabled models get none: none of the commands can act on them.
 */
export function codeLenses(ctx: LanguageContext, doc: TextDocumentInput): CodeLens[] {
  if (!isModelFile(ctx.manifest, doc.path)) return [];
  const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return MODEL_COMMANDS.map((c) => ({ range, command: { title: c.title, command: c.command, arguments: [doc.path] } }));
}

export function isModelFile(manifest: Manifest, path: string): boolean {
  return Object.values(manifest.nodes).some((n) => n.resource_type === 'model' && n.abs_path === path);
}
