/**
 * Gets everything the E2E tests need, once: chromium and code-server (cached under
 * `.cache/e2e/`), the extension's VSIX, the test-runner extension and the extension-host suite.
 * Exit codes: 0 ready; 75 (EX_TEMPFAIL) cannot be installed here (not root), with the reason on
 * stderr, so `npm test` can skip E2E on a laptop; anything else is a failure.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build, type BuildOptions } from 'esbuild';
import { createVSIX } from '@vscode/vsce';
import { ARTIFACTS_FILE, HOST_MARKER, vsixKey, type Artifacts } from './lib/artifacts';
import { CHROMIUM } from './lib/browser';
import { CODE_SERVER, CODE_SERVER_DIR, E2E_CACHE, REPO } from './lib/codeServer';

const UNAVAILABLE = 75;
const CODE_SERVER_VERSION = '4.100.3';

function step(what: string): () => void {
  const t0 = Date.now();
  process.stdout.write(`e2e prepare: ${what} … `);
  return () => console.log(`${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

function installed(): boolean {
  const marker = join(CODE_SERVER_DIR, '.installed');
  return existsSync(CHROMIUM) && existsSync(CODE_SERVER) && existsSync(marker) && readFileSync(marker, 'utf8').trim() === CODE_SERVER_VERSION;
}

function installBrowserAndCodeServer(): void {
  if (installed()) return;
  const done = step(`installing code-server ${CODE_SERVER_VERSION} into ${CODE_SERVER_DIR} (and chromium if missing)`);
  const r = spawnSync('bash', [join(__dirname, 'install-code-server.sh'), CODE_SERVER_DIR], {
    encoding: 'utf8',
    env: { ...process.env, CODE_SERVER_VERSION },
    timeout: 20 * 60_000,
  });
  if (r.status === UNAVAILABLE) {
    console.log('unavailable');
    console.error(r.stderr.trim());
    process.exit(UNAVAILABLE);
  }
  if (r.status !== 0) {
    console.log('failed');
    console.error(r.stdout, r.stderr);
    process.exit(1);
  }
  done();
}

function extensionVsix(): string {
  const dir = join(E2E_CACHE, 'vsix');
  const key = vsixKey();
  const cached = join(dir, `model-studio-${key}.vsix`);
  if (existsSync(cached)) return cached;
  const done = step('packaging the extension (npm run package)');
  const r = spawnSync('node', ['scripts/package.mjs'], { cwd: REPO, encoding: 'utf8', timeout: 10 * 60_000 });
  if (r.status !== 0) {
    console.log('failed');
    console.error(r.stdout, r.stderr);
    process.exit(1);
  }
  const { name, version } = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { name: string; version: string };
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  copyFileSync(join(REPO, 'out', `${name}-${version}-linux-x64.vsix`), cached);
  done();
  return cached;
}

/**
 * The host suite and the runner are bundled whole (mocha included): the runner is installed into
 * a throwaway extensions dir, and Electron's Node may not `require()` ESM-only mocha.
 */
async function hostBundles(): Promise<{ suite: string; runnerVsix: string }> {
  const done = step('bundling the extension-host suite and its runner extension');
  const out = join(E2E_CACHE, 'host');
  const runnerDir = join(out, 'runner');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(runnerDir, { recursive: true });
  const common: BuildOptions = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', external: ['vscode'], logLevel: 'error' };
  const suite = join(runnerDir, 'suite.js');
  await build({ ...common, entryPoints: [join(__dirname, 'host', 'suite', 'index.ts')], outfile: suite });
  await build({ ...common, entryPoints: [join(__dirname, 'host', 'runner.ts')], outfile: join(runnerDir, 'extension.js') });
  const manifest = {
    name: 'e2e-runner',
    displayName: 'Model Studio E2E runner',
    description: 'Runs the extension-host suite of the Model Studio E2E tests; installed only by the test harness.',
    version: '0.0.1',
    publisher: 'model-studio-tests',
    license: 'MIT',
    engines: { vscode: '^1.100.0' },
    main: './extension.js',
    activationEvents: [`workspaceContains:${HOST_MARKER}`],
    extensionDependencies: ['model-studio.duckdb-model-studio'],
    files: ['extension.js', 'suite.js'],
  };
  writeFileSync(join(runnerDir, 'package.json'), JSON.stringify(manifest, null, 2));
  writeFileSync(join(runnerDir, 'README.md'), `# ${manifest.displayName}\n\n${manifest.description}\n`);
  const runnerVsix = join(out, 'e2e-runner.vsix');
  await quietly(() => createVSIX({ cwd: runnerDir, packagePath: runnerVsix, dependencies: false, allowMissingRepository: true, skipLicense: true }));
  done();
  return { suite, runnerVsix };
}

/** vsce lists every file it packs and warns about the suite's size; only its errors matter here. */
async function quietly<T>(fn: () => Promise<T>): Promise<T> {
  const { log, info, warn } = console;
  console.log = console.info = console.warn = () => undefined;
  try {
    return await fn();
  } finally {
    Object.assign(console, { log, info, warn });
  }
}

async function main(): Promise<void> {
  mkdirSync(E2E_CACHE, { recursive: true });
  installBrowserAndCodeServer();
  const vsix = extensionVsix();
  const { suite, runnerVsix } = await hostBundles();
  const artifacts: Artifacts = { vsix, runnerVsix, suite };
  writeFileSync(ARTIFACTS_FILE, JSON.stringify(artifacts, null, 2));
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
