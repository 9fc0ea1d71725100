// Another process using a DuckDB file, for the lock tests (plain JS: starts in ~50 ms, no tsx).
//   node holdDb.mjs hold <db>        open it (writing), make sure table held_by_other exists, print "ready", wait
//   node holdDb.mjs run <db> <sql>   open it, run the SQL, print "done", exit (fails with exit 3 when locked)
import { DuckDBInstance } from '@duckdb/node-api';

const [mode, db, sql] = process.argv.slice(2);
try {
  const instance = await DuckDBInstance.create(db);
  const connection = await instance.connect();
  if (mode === 'hold') {
    await connection.run('create table if not exists held_by_other as select 42 as answer');
    await connection.run('checkpoint');
    process.stdout.write('ready\n');
    setInterval(() => {}, 1 << 30);
  } else {
    await connection.run(sql);
    connection.closeSync();
    instance.closeSync();
    process.stdout.write('done\n');
  }
} catch (e) {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(/lock/i.test(String(e)) ? 3 : 1);
}
