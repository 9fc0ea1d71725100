/**
 * `modelStudio/generate`: synthetic data from a dataset spec into the project's DuckDB file. It
 * runs in this process, off the editor's thread; progress is throttled to a few updates a second.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CancellationToken } from 'vscode-languageserver';
import { CancelledError, generateDataset, type Progress } from '../../core/generate';
import type { GenerateOutcome, GenerateParams, GenerateProgress } from '../../protocol';
import { failure, SessionError } from '../sessionError';
import type { Workspace } from '../workspace';

const SPEC_DIRS = ['datasets'];

/** Dataset specs of a project: `datasets/*.yml`, as paths relative to the project. */
export function datasetSpecs(projectRoot: string): string[] {
  const out: string[] = [];
  for (const d of SPEC_DIRS) {
    try {
      for (const name of readdirSync(join(projectRoot, d)).sort()) if (/\.ya?ml$/.test(name)) out.push(`${d}/${name}`);
    } catch {
      // No datasets folder: nothing to offer.
    }
  }
  return out;
}

export async function handleGenerate(ws: Workspace, p: GenerateParams, token: CancellationToken, report: (p: GenerateProgress) => void): Promise<GenerateOutcome> {
  const session = ws.session(p.projectRoot);
  if (!session) return { ok: false, kind: 'not-found', message: `No dbt project at ${p.projectRoot}.` };
  if (!session.trusted) return failure(new SessionError('restricted', 'Generating data writes to the database, which Model Studio does not do in Restricted Mode.'));
  return session.exclusive(async () => {
    const ac = new AbortController();
    const sub = token.onCancellationRequested(() => ac.abort());
    const t0 = Date.now();
    try {
      const engine = session.current();
      // The generator swaps a finished file into place, so this server must not hold it open.
      session.closeDatabase('generating data');
      let lastSent = 0;
      const onProgress = (pr: Progress) => {
        const now = Date.now();
        if (now - lastSent < 250 && pr.rowsDone < pr.rowsTotal) return;
        lastSent = now;
        report({
          progressToken: p.progressToken,
          message: `${pr.table}: ${pr.rowsDone.toLocaleString('en-US')} of ${pr.rowsTotal.toLocaleString('en-US')} rows (${Math.round(pr.rowsPerSec).toLocaleString('en-US')} rows/s)`,
          fraction: pr.rowsTotal > 0 ? pr.rowsDone / pr.rowsTotal : undefined,
          rows: pr.rowsDone,
          rowsPerSecond: pr.rowsPerSec,
        });
      };
      const r = await generateDataset({
        projectRoot: session.root,
        specFile: join(session.root, p.specFile),
        dbPath: engine.project.target.path,
        targetDir: engine.targetDir,
        scale: p.scale,
        seed: p.seed,
        threads: session.settings.threads || undefined,
        onProgress,
        signal: ac.signal,
      });
      const rows = r.tables.reduce((n, t) => n + t.rows, 0);
      session.log.info(`Generated ${r.dataset}: ${r.tables.length} tables, ${rows} rows in ${Date.now() - t0} ms`);
      return { ok: true, tables: r.tables.length, rows, elapsedMs: Date.now() - t0 };
    } catch (e) {
      if (e instanceof CancelledError || ac.signal.aborted) return { ok: false, kind: 'cancelled', message: 'Generation was cancelled; the database is unchanged.' };
      return failure(e, session.root);
    } finally {
      sub.dispose();
    }
  });
}
