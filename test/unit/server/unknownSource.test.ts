// An undeclared source is found twice, by dependency resolution at load and by compiling the
// model; the editor de-duplicates problems by message, so both must say it the same way.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { Engine } from '../../../src/core/engine';
import { ProblemError } from '../../../src/core/problems';
import { writeProject } from '../../helpers/tempProject';

void test('an undeclared source: the load problem and the compile problem are the same problem', () => {
  const dir = writeProject({
    'dbt_project.yml': 'name: p\nversion: "1"\nconfig-version: 2\nprofile: p\n',
    'profiles.yml': 'p:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: p.duckdb\n',
    'models/sources.yml': 'version: 2\nsources:\n  - name: raw\n    tables:\n      - name: books\n',
    'models/stg.sql': "select * from {{ source('raw', 'bookz') }}\n",
  });
  const engine = Engine.load(dir);
  const atLoad = engine.errors().filter((p) => p.code === 'unknown-source');
  assert.equal(atLoad.length, 1);
  let atCompile: unknown;
  try {
    engine.compile(engine.nodeByName('stg')!);
  } catch (e) {
    atCompile = e;
  }
  assert.ok(atCompile instanceof ProblemError);
  const [p] = atCompile.problems;
  const key = (x: typeof p) => [x.file, x.line, x.column, x.code, x.message].join('|');
  assert.equal(key(p), key(atLoad[0]));
  assert.match(p.message, /model 'stg' uses source\('raw', 'bookz'\), which is not declared\. Did you mean 'raw\.books'\?/);
});
