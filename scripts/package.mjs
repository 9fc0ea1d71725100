// Packs the built extension into a linux-x64 VSIX (the only platform the DuckDB binding is installed for here).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';

for (const f of ['dist/extension.js', 'dist/server.js', 'dist/webview/preview.js']) {
  if (!existsSync(f)) {
    console.error(`${f} is missing: run npm run build first.`);
    process.exit(1);
  }
}
if (!existsSync('node_modules/@duckdb/node-bindings-linux-x64')) {
  console.error('node_modules/@duckdb/node-bindings-linux-x64 is missing: the VSIX would not open any database.');
  process.exit(1);
}
const { name, version } = JSON.parse(readFileSync('package.json', 'utf8'));
mkdirSync('out', { recursive: true });
const outFile = `out/${name}-${version}-linux-x64.vsix`;
// There is no published repository to resolve README links against: vsce refuses relative links
// (docs/…) unless told to leave them as they are.
const args = ['vsce', 'package', '--target', 'linux-x64', '--allow-missing-repository', '--skip-license', '--no-rewrite-relative-links', '-o', outFile];
const r = spawnSync('npx', args, { stdio: 'inherit' });
if (r.status !== 0) process.exit(r.status ?? 1);
console.log(`Wrote ${outFile}`);
