/**
 * The sandbox, tried through real builds: every escape a model, macro, test or seed can attempt is
 * refused with a problem at its file and line that says the sandbox refused it and why, nothing
 * outside the project is read or written, and the project's own files stay readable.
 *
 * Each case names the line whose removal it guards (src/core/run/warehouse.ts `applySandbox`/
 * `openDb`, src/core/run/sandbox.ts `SandboxGuard`).
 */
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { Engine } from '../../../src/core/engine';
import { Warehouse, type NodeResult } from '../../../src/core/run';
import { cli } from '../../helpers/cli';
import { injected, resultOf, sandboxProject } from './project';

interface Escape {
  /** Model (or node) id suffix. */
  name: string;
  sql: (p: { base: string; root: string; secret: string }) => string;
  /** What the message must say about why. */
  why: RegExp;
  /** The line of warehouse.ts / sandbox.ts whose removal this case catches. */
  guards: string;
}

const ESCAPES: Escape[] = [
  { name: 'read_passwd', sql: () => "-- reads a system file\nselect *\nfrom read_csv('/etc/passwd')", why: /refused access to "\/etc\/passwd": it is outside the project folder/, guards: 'SET enable_external_access = false' },
  { name: 'traversal_abs', sql: ({ root }) => `-- climbs out with ..\nselect *\nfrom read_csv('${root}/data/../../secret.csv')`, why: /refused access to ".*\.\.\/\.\.\/secret\.csv": it is outside the project folder/, guards: 'SET allowed_directories (project, target only)' },
  { name: 'traversal_rel', sql: () => "-- relative climb\nselect *\nfrom read_csv('../secret.csv')", why: /refused access to "\.\.\/secret\.csv"/, guards: 'SET enable_external_access = false' },
  { name: 'symlink_file', sql: ({ root }) => `-- a link inside the project to a file outside\nselect *\nfrom read_csv('${root}/data/link.csv')`, why: /is a symbolic link to .*secret\.csv, which is outside the project folder/, guards: 'DuckDB resolves links before allowed_directories; sandbox.ts whyOutside names the link' },
  { name: 'symlink_dir', sql: ({ root }) => `-- a linked folder\nselect *\nfrom read_csv('${root}/data/outside/secret.csv')`, why: /is a symbolic link to .*secret\.csv/, guards: 'DuckDB resolves links before allowed_directories' },
  { name: 'glob_outside', sql: () => "-- a glob over the system\nselect *\nfrom glob('/etc/*')", why: /refused access to "\/etc\/\*"/, guards: 'SET enable_external_access = false' },
  { name: 'copy_out', sql: ({ base }) => injected(`copy (select 42 as stolen) to '${base}/out.csv'`), why: /refused access to ".*\/out\.csv": it is outside the project folder/, guards: 'SET enable_external_access = false (COPY … TO)' },
  { name: 'attach_out', sql: ({ base }) => injected(`attach '${base}/other.duckdb' as other`), why: /refused SQL holding 3 statements.*Statement 2 is an ATTACH/, guards: 'sandbox.ts screen: several statements' },
  { name: 'install_ext', sql: () => injected('install httpfs'), why: /Statement 2 is an INSTALL or LOAD of an extension/, guards: 'sandbox.ts screen: LOAD/UPDATE_EXTENSIONS statements' },
  { name: 'install_url', sql: () => injected("force install httpfs from 'http://example.com'"), why: /INSTALL or LOAD of an extension/, guards: 'sandbox.ts screen: LOAD/UPDATE_EXTENSIONS statements' },
  { name: 'load_ext', sql: () => injected('load httpfs'), why: /refused to install or load a DuckDB extension/, guards: 'autoload/autoinstall off + enable_external_access = false (LOAD)' },
  { name: 'set_access', sql: () => injected('set enable_external_access = true'), why: /refused to change the setting enable_external_access: DuckDB's configuration is locked/, guards: 'SET lock_configuration = true' },
  { name: 'set_dirs', sql: () => injected("set allowed_directories = ['/']"), why: /refused to change the setting allowed_directories/, guards: 'SET lock_configuration = true' },
  { name: 'reset_access', sql: () => injected('reset enable_external_access'), why: /refused to change the setting enable_external_access/, guards: 'SET lock_configuration = true' },
  { name: 'pragma_setting', sql: () => injected("pragma memory_limit = '100GB'"), why: /refused to change the setting memory_limit/, guards: 'SET lock_configuration = true' },
  { name: 'pragma_spill', sql: ({ base }) => injected(`pragma temp_directory = '${base}/spill'`), why: /refused to change the setting temp_directory/, guards: 'SET lock_configuration = true' },
  {
    name: 'logging_file',
    sql: ({ base }) => `-- hides the function's name from a text search\nselect *\nfrom query('select * from enable_' || 'logging(storage=''file'', storage_path=''${base}/logs'')')`,
    why: /refused to call enable_logging\(\)/,
    guards: 'sandbox.ts shadow macros, and the EXPLAIN plan check (else every later statement fails and DuckDB aborts the process on close)',
  },
  {
    name: 'logging_qualified',
    sql: ({ base }) => `-- past the shadow macro\nselect *\nfrom system.main.enable_logging(storage = 'file', storage_path = '${base}/logs')`,
    why: /refused to call enable_logging\(\)/,
    guards: 'sandbox.ts screen: EXPLAIN plan check (FORBIDDEN_PLAN)',
  },
  {
    name: 'profiling_file',
    sql: ({ base }) => `-- profiling output outside\nselect *\nfrom query('select * from enable_' || 'profiling(save_location=''${base}/profile.json'', format=''json'')')`,
    why: /refused to call enable_profiling\(\)/,
    guards: 'sandbox.ts shadow macros, and the EXPLAIN plan check (else every later query fails)',
  },
];

test('every escape from a model is refused at its line, with the reason, and nothing outside is touched', { timeout: 60_000 }, async () => {
  const p = sandboxProject((paths) => {
    const files: Record<string, string> = { 'data/people.csv': 'id,name\n1,ada\n2,grace\n', 'models/after.sql': 'select 1 as still_works' };
    for (const e of ESCAPES) files[`models/${e.name}.sql`] = e.sql(paths);
    return files;
  });
  symlinkSync(p.secret, join(p.root, 'data/link.csv'));
  symlinkSync(p.base, join(p.root, 'data/outside'));
  // A fresh engine per escape: once SQL has mentioned a trigger word the guard checks every later
  // statement itself, which would hide whether DuckDB's own setting still holds.
  for (const e of ESCAPES) {
    const where = `${e.name} (guards: ${e.guards})`;
    const engine = Engine.load(p.root);
    assert.deepEqual(engine.errors(), []);
    try {
      const rr = await engine.execute([`model.sec.${e.name}`, 'model.sec.after']);
      const r = resultOf(rr.results, `model.sec.${e.name}`);
      assert.equal(r.status, 'error', `${where} was not refused`);
      const pr = r.problems?.[0];
      assert.ok(pr, where);
      assert.equal(pr.file, join(p.root, 'models', `${e.name}.sql`), where);
      assert.equal(pr.line, 3, `${where}: placed at line ${pr.line}: ${pr.message}`);
      assert.match(pr.message, /^Sandbox error in model \w+: the sandbox refused/, where);
      assert.match(`${pr.message}\n${pr.hint ?? ''}`, e.why, `${where}: ${pr.message}`);
      // Refused at once, never by waiting for a download that cannot happen.
      assert.ok(r.execution_time < 0.5, `${where} took ${r.execution_time} s`);
      // The connection survived the attempt (the logging one would break it for good).
      const after = resultOf(rr.results, 'model.sec.after');
      assert.equal(after.status, 'success', `${where}: the next model failed: ${after.message}`);
    } finally {
      engine.close();
    }
  }
  for (const f of ['out.csv', 'other.duckdb', 'profile.json', 'logs', 'spill']) assert.ok(!existsSync(join(p.base, f)), `${f} was written outside the project`);
});

test("the project's own CSV, JSON and Parquet files stay readable, by absolute and relative path", { timeout: 60_000 }, async () => {
  const p = sandboxProject(({ root }) => ({
    'data/people.csv': 'id,name\n1,ada\n2,grace\n',
    'data/more_people.csv': 'id,name\n3,edsger\n',
    'data/people.json': '[{"id": 1, "name": "ada"}, {"id": 2, "name": "grace"}]',
    'models/from_csv.sql': `select * from read_csv('${root}/data/people.csv')`,
    'models/from_glob.sql': `select * from read_csv('${root}/data/*people.csv')`,
    'models/from_json.sql': `select * from read_json('${root}/data/people.json')`,
    'models/from_parquet.sql': `select * from read_parquet('${root}/data/people.parquet')`,
    'models/relative.sql': "select * from read_csv('data/people.csv')",
    'models/to_target.sql': 'select 1 as x',
  }));
  const maker = await Warehouse.open({ path: ':memory:', projectRoot: p.root, targetDir: join(p.root, 'target'), unsandboxed: true });
  await maker.run(`copy (select 1 as id, 'ada' as name union all select 2, 'grace') to '${p.root}/data/people.parquet' (format parquet)`);
  maker.close();
  const cwd = process.cwd();
  // Relative paths are read from the working folder, as with dbt: the CLI runs in the project.
  process.chdir(p.root);
  const engine = Engine.load(p.root);
  try {
    const rr = await engine.execute(engine.select('run').ids);
    for (const r of rr.results) assert.equal(r.status, 'success', `${r.unique_id}: ${r.message}`);
    const wh = await engine.warehouse();
    const counts = await wh.query('select (select count(*) from from_csv) a, (select count(*) from from_glob) b, (select count(*) from from_json) c, (select count(*) from from_parquet) d, (select count(*) from relative) e');
    assert.deepEqual(counts, [{ a: 2n, b: 3n, c: 2n, d: 2n, e: 2n }]);
  } finally {
    engine.close();
    process.chdir(cwd);
  }
});

test('macros, singular tests, generic tests and seeds are held to the same sandbox, at their own places', { timeout: 60_000 }, async () => {
  const p = sandboxProject(() => ({
    'data/people.csv': 'id,name\n1,ada\n',
    'macros/leak.sql': "{% macro leak() %}read_csv('/etc/passwd'){% endmacro %}\n",
    'models/via_macro.sql': '-- the macro reads the file\nselect *\nfrom {{ leak() }}\n',
    'models/ok.sql': 'select 1 as id',
    'models/schema.yml': [
      'version: 2',
      'models:',
      '  - name: ok',
      '    columns:',
      '      - name: id',
      '        data_tests:',
      '          - not_null:',
      '              config:',
      "                where: \"id in (select 1 from read_csv('/etc/passwd'))\"",
      '',
    ].join('\n'),
    'tests/leak_test.sql': "-- a singular test reading outside\nselect *\nfrom read_csv('/etc/passwd')\n",
  }));
  // Guards: DuckDB resolves the link of a seed file too; the seed is refused, not loaded.
  mkdirSync(join(p.root, 'seeds'), { recursive: true });
  symlinkSync(p.secret, join(p.root, 'seeds/linked_seed.csv'));
  const engine = Engine.load(p.root);
  assert.deepEqual(engine.errors(), []);
  try {
    const rr = await engine.execute(engine.select('build').ids);
    const check = (id: string, file: string, line: number, why: RegExp) => {
      const r: NodeResult = resultOf(rr.results, id);
      assert.equal(r.status, 'error', `${id}: ${r.status} ${r.message}`);
      const pr = r.problems?.[0];
      assert.ok(pr, id);
      assert.equal(pr.file, join(p.root, file), id);
      assert.equal(pr.line, line, `${id}: ${pr.message}`);
      assert.match(pr.message, /the sandbox refused/, id);
      assert.match(pr.message, why, id);
    };
    check('model.sec.via_macro', 'models/via_macro.sql', 3, /"\/etc\/passwd": it is outside the project folder/);
    check('test.sec.leak_test', 'tests/leak_test.sql', 3, /"\/etc\/passwd"/);
    check('seed.sec.linked_seed', 'seeds/linked_seed.csv', 1, /is a symbolic link to .*secret\.csv/);
    const generic = rr.results.find((r) => r.unique_id.startsWith('test.sec.not_null_ok_id'));
    assert.ok(generic, rr.results.map((r) => r.unique_id).join(', '));
    assert.equal(generic.status, 'error');
    assert.equal(generic.problems?.[0].file, join(p.root, 'models/schema.yml'));
    assert.equal(generic.problems?.[0].line, 7);
    assert.match(generic.problems?.[0].message ?? '', /Sandbox error in test .*the sandbox refused access to "\/etc\/passwd"/);
  } finally {
    engine.close();
  }
});

test('a database file outside the project opens, but its folder stays closed', { timeout: 30_000 }, async () => {
  const p = sandboxProject(({ base }) => ({
    'profiles.yml': `sec:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: ${base}/dbdir/warehouse.duckdb\n`,
    'models/ok.sql': 'select 1 as id',
    'models/sibling.sql': `-- reads next to the database file\nselect *\nfrom read_csv('${base}/dbdir/sibling.csv')`,
  }));
  mkdirSync(join(p.base, 'dbdir'), { recursive: true });
  writeFileSync(join(p.base, 'dbdir/sibling.csv'), 'a\n1\n');
  const engine = Engine.load(p.root);
  try {
    const rr = await engine.execute(engine.select('run').ids);
    assert.equal(resultOf(rr.results, 'model.sec.ok').status, 'success');
    // Guards: allowed_paths = [db, db.wal] instead of the database's folder in allowed_directories.
    const s = resultOf(rr.results, 'model.sec.sibling');
    assert.equal(s.status, 'error');
    assert.match(s.problems?.[0].message ?? '', /the sandbox refused access to ".*sibling\.csv"/);
  } finally {
    engine.close();
  }
});

test('raw statements: ATTACH, INSTALL, UPDATE EXTENSIONS and logging are refused', { timeout: 30_000 }, async () => {
  const p = sandboxProject(() => ({}));
  const wh = await Warehouse.open({ path: join(p.root, 'warehouse.duckdb'), projectRoot: p.root, targetDir: join(p.root, 'target') });
  try {
    await refused(wh, `attach '${p.base}/other.duckdb' as other`, /refused access to ".*other\.duckdb": it is outside the project folder/);
    await refused(wh, "install httpfs from 'http://example.com'", /refused to install or load/);
    await refused(wh, 'install httpfs', /refused to install or load/);
    await refused(wh, 'update extensions', /refused to install or load/);
    await refused(wh, "call enable_logging(storage = 'stdout')", /refused to call enable_logging/);
    // Inside the project, ATTACH is the user's business.
    await wh.run(`attach '${p.root}/target/side.duckdb' as side`);
    assert.deepEqual(await wh.query('select 42 as answer'), [{ answer: 42 }]);
  } finally {
    wh.close();
  }
});

test('a database prepared elsewhere with a poisoned macro or view is caught on first use', { timeout: 30_000 }, async () => {
  const p = sandboxProject(() => ({}));
  const target = join(p.root, 'target');
  const prepared = async (name: string, sql: string): Promise<string> => {
    const path = join(p.root, `${name}.duckdb`);
    const maker = await Warehouse.open({ path, projectRoot: p.root, targetDir: target, unsandboxed: true });
    await maker.run(sql.replace('LOGS', `${p.base}/logs`));
    maker.close();
    return path;
  };
  // Each first statement names nothing suspicious, so only the guard under test can stop it.
  // Guards: SandboxGuard.shadow (stored macros are not scanned; the temporary macro answers the call).
  const withMacro = await prepared('macro', "create macro harmless() as table select * from enable_logging(storage = 'file', storage_path = 'LOGS')");
  let wh = await Warehouse.open({ path: withMacro, projectRoot: p.root, targetDir: target });
  try {
    await refused(wh, 'select * from harmless()', /refused to call enable_logging/);
    assert.deepEqual(await wh.query('select 1 as still_works'), [{ still_works: 1 }]);
  } finally {
    wh.close();
  }
  // Guards: SandboxGuard.scanStored (a qualified name passes the shadow macro; the plan check must be on).
  const withView = await prepared('view', "create view innocent as select * from system.main.enable_logging(storage = 'file', storage_path = 'LOGS')");
  wh = await Warehouse.open({ path: withView, projectRoot: p.root, targetDir: target });
  try {
    await refused(wh, 'select * from innocent', /refused to call enable_logging/);
    assert.deepEqual(await wh.query('select 1 as still_works'), [{ still_works: 1 }]);
  } finally {
    wh.close();
  }
  assert.ok(!existsSync(join(p.base, 'logs')));
});

async function refused(wh: Warehouse, sql: string, why: RegExp): Promise<void> {
  const t0 = performance.now();
  await assert.rejects(wh.run(sql), (e: Error) => e.name === 'SandboxError' && why.test(e.message), sql);
  assert.ok(performance.now() - t0 < 500, `${sql}: ${performance.now() - t0} ms`);
}

test('the CLI prints a refusal as file:line: error with the reason', { timeout: 30_000 }, async () => {
  const p = sandboxProject(() => ({ 'models/leak.sql': "-- reads a system file\nselect *\nfrom read_csv('/etc/passwd')\n" }));
  const r = await cli(p.root, 'run');
  assert.equal(r.code, 1);
  assert.match(r.out + r.err, /models\/leak\.sql:3:\d+: error: Sandbox error in model leak: the sandbox refused access to "\/etc\/passwd": it is outside the project folder\./);
});
