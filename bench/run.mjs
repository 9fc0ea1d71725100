// `npm run bench`: every bench/**/*.bench.ts, bundled with esbuild the way the product ships
// (tsx's per-call helpers would inflate the figures), then run one after another.
import { readdirSync, statSync, mkdirSync } from 'node:fs';
import { join, basename } from 'node:path';
import { spawnSync } from 'node:child_process';
import { build } from 'esbuild';

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
const outDir = join('.cache', 'bench');
mkdirSync(outDir, { recursive: true });
let failed = 0;
for (const f of files.filter((f) => !only || f.includes(only))) {
  console.log(`\n== ${f}`);
  const out = join(outDir, basename(f).replace(/\.ts$/, '.cjs'));
  await build({ entryPoints: [f], outfile: out, bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'warning', external: ['@duckdb/node-api', '@duckdb/node-bindings', '@duckdb/node-bindings-*', 'jsdom', 'playwright-core'], define: { 'import.meta.url': 'importMetaUrl' }, banner: { js: "const importMetaUrl = require('url').pathToFileURL(__filename).href;" } });
  const r = spawnSync(process.execPath, [out], { stdio: 'inherit', env: { ...process.env, MODEL_STUDIO_REPO: process.cwd() } });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
