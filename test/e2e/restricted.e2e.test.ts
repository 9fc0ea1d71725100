/**
 * Scenario 6 in its own VS Code: a fresh, already built bookstore project opened with Workspace
 * Trust denied at the prompt (Restricted Mode).
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { readArtifacts } from './lib/artifacts';
import { REPO } from './lib/codeServer';
import { openSession, scenario, type Session } from './lib/session';
import { resetModel } from './scenarios/editing';
import { restrictedSave } from './scenarios/restricted';

const MINUTE = 60_000;
let s: Session;

before(async () => {
  s = await openSession({
    template: 'bookstore',
    trust: 'deny',
    vsix: [readArtifacts().vsix],
    prepareProject: (dir) => {
      const cli = join(REPO, 'dist', 'cli.js');
      execFileSync(process.execPath, [cli, 'generate'], { cwd: dir, stdio: 'pipe' });
      execFileSync(process.execPath, [cli, 'build'], { cwd: dir, stdio: 'pipe' });
    },
  });
}, { timeout: 3 * MINUTE });

after(async () => {
  await s?.close();
});

test('6. Restricted Mode: saving runs no SQL (the DuckDB file is unchanged) and the user is told why', { timeout: 3 * MINUTE }, async (t) => {
  await scenario(t, s, '6-restricted', () => restrictedSave(s, join(s.project, 'bookstore.duckdb')), { reset: () => resetModel(s, ['models/staging/stg_publishers.sql', 'models/staging/stg_books.sql']) });
});
