// Bundles the CLI (and, as they land, the extension, language server and webviews) with esbuild.
import { build } from 'esbuild';
import { existsSync, chmodSync } from 'node:fs';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  // Native bindings and packages that read their own files at run time stay outside the bundle.
  external: ['vscode', '@duckdb/node-api', '@duckdb/node-bindings', '@duckdb/node-bindings-*'],
};

const entries = [
  { in: 'src/cli/main.ts', out: 'dist/cli.js', banner: '#!/usr/bin/env node' },
  { in: 'src/extension/main.ts', out: 'dist/extension.js' },
  { in: 'src/server/main.ts', out: 'dist/server.js' },
];

for (const e of entries) {
  if (!existsSync(e.in)) continue;
  await build({ ...common, entryPoints: [e.in], outfile: e.out, banner: e.banner ? { js: e.banner } : undefined });
}
if (existsSync('dist/cli.js')) chmodSync('dist/cli.js', 0o755);
