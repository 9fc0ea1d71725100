// Bundles the CLI, the extension, the language server (Node) and the webviews (browser) with esbuild.
import { build } from 'esbuild';
import { copyFileSync, existsSync, chmodSync, mkdirSync } from 'node:fs';
import { mermaidPatch } from '../webview/build/mermaidPatch.mjs';

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

// Webviews run in the editor's browser sandbox: one self-contained script and one stylesheet
// each, loaded from dist/webview only (the panels' localResourceRoots).
const webviews = [
  { name: 'preview', dir: 'webview/preview' },
  { name: 'diagrams', dir: 'webview/shared', plugins: [mermaidPatch()] },
];
for (const w of webviews) {
  if (!existsSync(`${w.dir}/main.ts`)) continue;
  mkdirSync('dist/webview', { recursive: true });
  await build({
    bundle: true,
    platform: 'browser',
    target: 'chrome120',
    format: 'iife',
    minify: true,
    sourcemap: false,
    logLevel: 'warning',
    entryPoints: [`${w.dir}/main.ts`],
    outfile: `dist/webview/${w.name}.js`,
    plugins: w.plugins ?? [],
  });
  if (existsSync(`${w.dir}/${w.name}.css`)) copyFileSync(`${w.dir}/${w.name}.css`, `dist/webview/${w.name}.css`);
}
