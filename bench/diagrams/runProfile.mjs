// Profiles the ER view of 40 tables, or with CASE=lineage the expanded 500-node lineage (bench/diagrams/erProfile.ts): builds the panel bundle with
// readable function names into dist/webview/diagrams.js (run `node scripts/build.mjs` afterwards
// for the shipped one), bundles the profiler the way bench/run.mjs bundles benches, and runs it.
import { spawnSync } from 'node:child_process';
import { build } from 'esbuild';
import { mermaidPatch } from '../../webview/build/mermaidPatch.mjs';

await build({ bundle: true, platform: 'browser', target: 'chrome120', format: 'iife', minifyWhitespace: true, minifySyntax: true, logLevel: 'warning', entryPoints: ['webview/shared/main.ts'], outfile: 'dist/webview/diagrams.js', plugins: [mermaidPatch()] });
const out = '.cache/bench/erProfile.cjs';
await build({ entryPoints: ['bench/diagrams/erProfile.ts'], outfile: out, bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'warning', external: ['@duckdb/node-api', '@duckdb/node-bindings', '@duckdb/node-bindings-*', 'jsdom', 'playwright-core'], define: { 'import.meta.url': 'importMetaUrl' }, banner: { js: "const importMetaUrl = require('url').pathToFileURL(__filename).href;" } });
const r = spawnSync(process.execPath, [out], { stdio: 'inherit', env: { ...process.env, MODEL_STUDIO_REPO: process.cwd() } });
process.exit(r.status ?? 1);
