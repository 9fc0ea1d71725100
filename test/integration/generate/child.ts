/**
 * Runs the generator in its own process (for the determinism and kill -9 tests):
 * `node --import tsx child.ts <projectDir> <seed> <scale> [checksums]`. Prints one line per
 * progress report (`progress <phase> <table> <rowsDone>`), then `checksums <json>` when asked.
 */
import { join } from 'node:path';
import { checksums, generate, retailSpec, withDb } from './helpers';

async function main(): Promise<void> {
  const [dir, seed, scale, mode] = process.argv.slice(2);
  await generate(dir, {
    seed: Number(seed),
    scale: Number(scale),
    onProgress: (p) => process.stdout.write(`progress ${p.phase ?? 'generate'} ${p.table} ${p.rowsDone}\n`),
  });
  if (mode === 'checksums') {
    const sums = await withDb(dir, (wh) => checksums(wh, retailSpec(dir)), join(dir, 'warehouse.duckdb'));
    process.stdout.write(`checksums ${JSON.stringify(sums)}\n`);
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
  process.exit(1);
});
