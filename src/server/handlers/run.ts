/** `modelStudio/run`: Build Project, Run/Test/Compile Current Model, Test Explorer runs. */
import { readFileSync } from 'node:fs';
import type { Engine } from '../../core/engine';
import { ProblemError, type Problem } from '../../core/problems';
import type { ManifestNode } from '../../core/project';
import type { NodeResultInfo, RunOutcome, RunParams } from '../../protocol';
import { definitionPlace, summarize } from '../results';
import type { ProjectSession } from '../session';
import { failure, SessionError } from '../sessionError';
import type { Workspace } from '../workspace';

export async function handleRun(ws: Workspace, p: RunParams, signal?: AbortSignal): Promise<RunOutcome> {
  const session = p.target === 'file' ? ws.sessionFor(p.file) : ws.session(p.projectRoot);
  if (!session) return { ok: false, kind: 'not-found', message: 'This file is not inside a dbt project (no dbt_project.yml above it).' };
  return session.exclusive(async () => {
    try {
      const engine = p.target === 'file' ? session.update(p.file, readFileSync(p.file, 'utf8')) : session.current();
      const { ids, what } = selection(engine, p);
      if (ids.length === 0) throw new SessionError('not-found', `Nothing to ${p.command}: the selection matched no nodes.`);
      if (p.command === 'compile') return { ok: true, ...compileAll(session, engine, ids, what) };
      const out = await session.execute(engine, ids, what, signal);
      if (!out) return { ok: false, kind: 'cancelled', message: `${what} was cancelled.` };
      return { ok: true, ...out };
    } catch (e) {
      return failure(e, session.root);
    }
  });
}

function selection(engine: Engine, p: RunParams): { ids: string[]; what: string } {
  switch (p.target) {
    case 'project':
      return { ids: engine.select(p.command).ids, what: `${p.command} ${engine.project.config.name}` };
    case 'nodes': {
      const ids = p.uniqueIds.filter((id) => engine.manifest.nodes[id]);
      const only = ids.length === 1 ? engine.manifest.nodes[ids[0]].name : `${ids.length} nodes`;
      return { ids, what: `${p.command} ${only}` };
    }
    case 'file': {
      // A schema YAML defines no node of its own: running it means running the tests it declares.
      const node = Object.values(engine.manifest.nodes).find((n) => n.abs_path === p.file && n.resource_type !== 'test');
      if (!node) {
        const tests = Object.values(engine.manifest.nodes).filter((n) => n.resource_type === 'test' && definitionPlace(n).file === p.file);
        if (tests.length) return { ids: tests.map((t) => t.unique_id), what: `test ${tests.length} tests in this file` };
        throw new SessionError('not-found', 'This file defines no model, seed, snapshot or test.');
      }
      const selector = p.downstream ? `${node.name}+` : node.name;
      return { ids: engine.select(p.command, { select: [selector] }).ids, what: `${p.command} ${selector}` };
    }
  }
}

export function nodeOfFile(engine: Engine, file: string): ManifestNode | undefined {
  return Object.values(engine.manifest.nodes).find((n) => n.abs_path === file && n.resource_type !== 'test') ?? Object.values(engine.manifest.nodes).find((n) => n.abs_path === file);
}

function compileAll(session: ProjectSession, engine: Engine, ids: string[], what: string): { summary: ReturnType<typeof summarize>; results: NodeResultInfo[] } {
  const t0 = Date.now();
  const results: NodeResultInfo[] = [];
  const statuses: Array<{ status: 'success' | 'error' }> = [];
  for (const id of ids) {
    const node = engine.manifest.nodes[id];
    let problems: Problem[] = [];
    try {
      if (session.trusted) engine.compile(node);
      else engine.compiler.compile(node);
    } catch (e) {
      if (!(e instanceof ProblemError)) throw e;
      problems = e.problems;
    }
    session.diagnostics.set(`node:${id}`, problems);
    const status = problems.length ? 'error' : 'success';
    statuses.push({ status });
    results.push({ uniqueId: id, name: node.name, kind: node.resource_type, state: { status, finishedAt: Date.now(), executionSeconds: 0, message: problems[0]?.message } });
  }
  session.diagnostics.flush();
  const finishedAt = Date.now();
  const summary = summarize(what, statuses.map((s, i) => ({ ...s, unique_id: ids[i], timing: [], thread_id: '', execution_time: 0, adapter_response: {}, message: null, failures: null })), finishedAt - t0, finishedAt);
  return { summary, results };
}
