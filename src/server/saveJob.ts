/**
 * The work a save triggers: re-parse, then compile or run per `modelStudio.onSave`. Runs inside
 * the project's queue; `signal` fires when a newer save of the same file supersedes this one.
 */
import { readFileSync } from 'node:fs';
import type { Engine } from '../core/engine';
import { ProblemError } from '../core/problems';
import type { ManifestNode } from '../core/project';
import { planSave, type PlanNode } from './savePlan';
import type { ProjectSession } from './session';
import { SessionError } from './sessionError';

/** Says what happens after a held lock: the save is tried again (see lockRetry.ts). */
export const RETRY_NOTE = 'Model Studio runs this save again as soon as the file is free.';

/**
 * Returns 'locked' when another process holds the database: the caller tries again later.
 * `retrying` keeps a later attempt from repeating the lock message.
 */
export async function runSave(session: ProjectSession, file: string, text: string | undefined, signal: AbortSignal, retrying = false): Promise<'locked' | undefined> {
  const t0 = Date.now();
  session.forgetResultsIn(file);
  const engine = session.update(file, text ?? readText(file));
  const plan = planSave(session.settings.onSave, file, planNodes(engine));
  session.log.debug(`Save ${file}: ${plan.kind} (parsed in ${Date.now() - t0} ms)`);
  if (plan.kind === 'parse') return;
  if (plan.kind === 'compile' || !session.trusted) {
    const id = plan.kind === 'compile' || plan.kind === 'select' ? plan.nodeId : undefined;
    if (id) compileForDiagnostics(session, engine, engine.manifest.nodes[id]);
    return;
  }
  let label = plan.label;
  try {
    await session.warehouse(engine, { then: RETRY_NOTE, quiet: retrying });
    let ids: string[];
    if (plan.kind === 'select') {
      // A model whose parents were never built would only report "table does not exist": build them too.
      const missing = missingParents(engine, engine.manifest.nodes[plan.nodeId]);
      const selectors = missing.length ? plan.selectors.map((s) => (s.startsWith('+') ? s : `+${s}`)) : plan.selectors;
      ids = engine.select('build', { select: selectors }).ids;
      if (missing.length) label = `build ${selectors.join(' ')} (parents not built yet)`;
    } else {
      ids = plan.ids;
    }
    if (signal.aborted) return;
    // A save runs one model and its tests: its diagnostics should not wait for profiling the table
    // (seconds at ten million rows), and the report of the last whole run should not shrink to it.
    await session.execute(engine, ids, label, signal, { qualityReport: false });
  } catch (e) {
    // Already reported to the user (a lock message, the Restricted Mode status).
    if (e instanceof SessionError && e.kind === 'locked') return 'locked';
    if (e instanceof SessionError && e.kind === 'restricted') return;
    throw e;
  }
  session.log.info(`${label}: done in ${Date.now() - t0} ms after save`);
}

function compileForDiagnostics(session: ProjectSession, engine: Engine, node: ManifestNode | undefined): void {
  if (!node) return;
  try {
    // Restricted Mode renders templates but writes nothing to target/.
    if (session.trusted) engine.compile(node);
    else engine.compiler.compile(node);
    session.setNodeProblems(node.unique_id, []);
  } catch (e) {
    if (!(e instanceof ProblemError)) throw e;
    session.setNodeProblems(node.unique_id, e.problems);
  }
}

function missingParents(engine: Engine, node: ManifestNode | undefined): string[] {
  if (!node) return [];
  const host = engine.host();
  return node.depends_on.nodes.filter((id) => {
    const p = engine.manifest.nodes[id];
    if (!p || p.resource_type === 'test' || p.resource_type === 'analysis' || p.config.materialized === 'ephemeral') return false;
    return !host.relationExists(p);
  });
}

export function planNodes(engine: Engine): PlanNode[] {
  return Object.values(engine.manifest.nodes).map((n) => ({
    unique_id: n.unique_id,
    name: n.name,
    resource_type: n.resource_type,
    abs_path: n.abs_path,
    yamlFile: n.test?.definition?.place.file,
  }));
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    // Deleted between the save and now: the reload that follows reports what is left.
    return '';
  }
}
