// The README's main job: a demo project created from a template, its data generated, built and
// tested, and its diagrams written — all through the `model-studio` CLI, as a user would run it.
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const template = process.argv[2] ?? process.env.DEMO_TEMPLATE ?? 'bookstore';
const dir = resolve('demo', template);
const cli = resolve('dist/cli.js');

function step(title, args, { cwd = dir, allowFail = false } = {}) {
  console.log(`\n$ model-studio ${args.join(' ')}`);
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, stdio: 'inherit' });
  if (r.status !== 0 && !allowFail) {
    console.error(`\nDemo step failed: ${title} (exit ${r.status}).`);
    process.exit(r.status ?? 1);
  }
  return r.status;
}

rmSync(dir, { recursive: true, force: true });
step('create the project', ['init', '--template', template, dir], { cwd: process.cwd() });
if (existsSync(join(dir, 'datasets'))) step('generate synthetic data', ['generate']);
step('build and test', ['build']);
step('lineage diagram', ['lineage', '--out', 'target/lineage.mmd']);
step('ER diagram', ['erd', '--out', 'target/erd.mmd']);
step('quality report', ['quality'], { allowFail: true });
console.log(`\nDemo project: ${dir}`);
console.log(`Database: ${dir}/*.duckdb · diagrams: ${dir}/target/lineage.mmd, ${dir}/target/erd.mmd · quality: ${dir}/target/quality_report.md`);

