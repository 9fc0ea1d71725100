/**
 * A generated project of a given size shaped like a real warehouse: sources feed staging models,
 * staging feeds intermediate models, those feed marts, and about a fifth of the vertices are tests.
 * A fixed-seed generator keeps the shape (and so timings) identical run to run.
 */
import type { Manifest, ManifestNode, SourceTable } from '../../../src/core/project/types';
import { makeManifest, makeNode, makeSource, makeTest, nodeId, sourceId } from './manifest-builder';

export function bigProject(size = 10_000): Manifest {
  let seed = 42;
  const random = (): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];

  const entries: Array<ManifestNode | SourceTable> = [];
  const sourceCount = Math.round(size * 0.01);
  const stagingCount = Math.round(size * 0.1);
  const intermediateCount = Math.round(size * 0.4);
  const martCount = Math.round(size * 0.29);
  const testCount = size - sourceCount - stagingCount - intermediateCount - martCount;

  const sources: string[] = [];
  for (let i = 0; i < sourceCount; i++) {
    entries.push(makeSource({ source: `src${i % 10}`, name: `t${i}` }));
    sources.push(sourceId(`src${i % 10}`, `t${i}`));
  }
  const models: string[] = [];
  const layer = (prefix: string, folder: string, count: number, parents: () => string[], tags: string[], materialized: string): void => {
    for (let i = 0; i < count; i++) {
      const name = `${prefix}_${i}`;
      entries.push(
        makeNode({
          name,
          path: `${folder}/g${i % 25}/${name}.sql`,
          deps: [...new Set(parents())],
          tags: i % 7 === 0 ? [...tags, 'nightly'] : tags,
          materialized: i % 3 === 0 ? 'table' : materialized,
        }),
      );
      models.push(nodeId(name));
    }
  };
  layer('stg', 'staging', stagingCount, () => [pick(sources)], ['staging'], 'view');
  const staging = models.slice();
  layer('int', 'intermediate', intermediateCount, () => {
    // Depend on staging or on earlier intermediate models, so chains get deep.
    const pool = models.length > staging.length && random() < 0.6 ? models.slice(staging.length) : staging;
    return [pick(pool), pick(staging)];
  }, [], 'view');
  const upstream = models.slice();
  layer('mart', 'marts', martCount, () => [pick(upstream), pick(upstream), pick(upstream)], ['mart'], 'table');
  for (let i = 0; i < testCount; i++) {
    const target = pick(models);
    entries.push(makeTest({ name: `not_null_${i}`, on: random() < 0.1 ? [target, pick(models)] : [target], testName: 'not_null' }));
  }
  return makeManifest(entries);
}
