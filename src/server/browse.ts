/**
 * Reading the database (previews, the ER catalog) while another process holds it. DuckDB 1.5.6
 * lets no process open a file that another process writes, not even read-only, so the read goes
 * to a copy of the file as of the holder's last checkpoint (Warehouse.openReadOnly), and the
 * answer says so. Runs and saves never use this: they wait for the real file (lockRetry.ts).
 */
import type { Engine } from '../core/engine';
import { Warehouse } from '../core/run';
import type { ProjectSession } from './session';
import { SessionError } from './sessionError';

/** `note` is set when `fn` read a copy instead of the project's database. */
export async function browse<T>(session: ProjectSession, engine: Engine, fn: (wh: Warehouse, note?: string) => Promise<T>): Promise<T> {
  let wh: Warehouse;
  try {
    wh = await session.warehouse(engine, { quiet: true });
  } catch (e) {
    if (!(e instanceof SessionError && e.kind === 'locked')) throw e;
    const t = engine.project.target;
    const { warehouse, snapshot } = await Warehouse.openReadOnly({ path: t.path, projectRoot: engine.project.root, targetDir: engine.targetDir });
    try {
      const note = snapshot ? `read-only copy as of ${snapshot.copiedAt.toLocaleTimeString('en-GB')}; the database is in use by ${snapshot.holder}` : 'read-only';
      return await fn(warehouse, note);
    } finally {
      warehouse.close();
    }
  }
  return fn(wh);
}
