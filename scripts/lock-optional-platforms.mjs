// Keeps package-lock.json installable with `npm ci`: @duckdb/node-bindings lists optional
// per-platform packages, but only linux-x64 is published at the pinned version in the registry
// used here, so `npm install` leaves the others out of the lock and `npm ci` then refuses it
// ("Missing: … from lock file"). This adds os/cpu-tagged entries npm skips on other platforms.
import { readFileSync, writeFileSync } from 'node:fs';

const path = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(path, 'utf8'));
const pkgs = lock.packages;
const bindings = pkgs['node_modules/@duckdb/node-bindings'];
if (!bindings) process.exit(0);
let added = 0;
for (const [name, version] of Object.entries(bindings.optionalDependencies ?? {})) {
  const key = `node_modules/${name}`;
  if (pkgs[key]) continue;
  const m = /node-bindings-(darwin|linux|win32)-(x64|arm64)(-musl)?$/.exec(name);
  if (!m) continue;
  pkgs[key] = { version, cpu: [m[2]], license: 'MIT', optional: true, os: [m[1]], ...(m[1] === 'linux' ? { libc: [m[3] ? 'musl' : 'glibc'] } : {}) };
  added++;
}
if (added) {
  lock.packages = Object.fromEntries(Object.entries(pkgs).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : a > b ? 1 : 0)));
  writeFileSync(path, JSON.stringify(lock, null, 2) + '\n');
  console.log(`package-lock.json: added ${added} unpublished optional DuckDB platform entries`);
}
