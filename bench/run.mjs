// `npm run bench`: every bench/**/*.bench.ts, one after another, in this process's Node with tsx.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const files = [];
const walk = (d) => {
  for (const n of readdirSync(d).sort()) {
    const p = join(d, n);
    if (statSync(p).isDirectory()) walk(p);
    else if (n.endsWith('.bench.ts')) files.push(p);
  }
};
walk('bench');
const only = process.argv[2];
let failed = 0;
for (const f of files.filter((f) => !only || f.includes(only))) {
  console.log(`\n== ${f}`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', f], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
