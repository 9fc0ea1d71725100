/**
 * What a save should do, decided from the setting and the kind of file saved. Kept apart from the
 * engine so the rules can be read (and tested) on their own.
 */
import type { OnSaveMode } from '../protocol';

export interface PlanNode {
  unique_id: string;
  name: string;
  resource_type: 'model' | 'seed' | 'snapshot' | 'test' | 'analysis';
  abs_path: string;
  /** Generic tests: the schema YAML that declares them. */
  yamlFile?: string;
}

export type SavePlan =
  /** Re-parse the project only: diagnostics for YAML, Jinja, refs and cycles. */
  | { kind: 'parse' }
  | { kind: 'compile'; nodeId: string }
  /** Run through dbt selection (`build` of the node, with its tests; `node+` for build mode). */
  | { kind: 'select'; label: string; selectors: string[]; nodeId: string }
  /** Run these nodes exactly (the tests declared in a saved YAML file, a singular test). */
  | { kind: 'nodes'; label: string; ids: string[] };

export function planSave(mode: OnSaveMode, file: string, nodes: Iterable<PlanNode>): SavePlan {
  if (mode === 'off') return { kind: 'parse' };
  const all = [...nodes];
  const own = all.find((n) => n.abs_path === file && n.resource_type !== 'test');
  if (own) {
    if (mode === 'compile' || own.resource_type === 'analysis') return { kind: 'compile', nodeId: own.unique_id };
    const selector = mode === 'build' ? `${own.name}+` : own.name;
    return { kind: 'select', label: `${mode} ${selector}`, selectors: [selector], nodeId: own.unique_id };
  }
  if (mode === 'compile') return { kind: 'parse' };
  const tests = all.filter((n) => n.resource_type === 'test' && (n.yamlFile === file || n.abs_path === file));
  if (tests.length) return { kind: 'nodes', label: `test ${tests.length === 1 ? tests[0].name : `${tests.length} tests in ${baseName(file)}`}`, ids: tests.map((t) => t.unique_id) };
  return { kind: 'parse' };
}

function baseName(file: string): string {
  return file.slice(file.lastIndexOf('/') + 1);
}
