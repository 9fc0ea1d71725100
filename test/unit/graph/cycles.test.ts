import assert from 'node:assert/strict';
import { describe, it } from './harness';
import { Graph, MAX_CYCLES_PER_COMPONENT, cycleProblems, findCycles } from '../../../src/core/graph';
import { makeManifest, makeNode, nodeId } from './manifest-builder';

const m = (name: string): string => nodeId(name);

/** Models named by letter; `edges` maps child -> parents (its refs). */
function project(edges: Record<string, string[]>) {
  const names = new Set([...Object.keys(edges), ...Object.values(edges).flat()]);
  const manifest = makeManifest([...names].map((n) => makeNode({ name: n, refs: edges[n] ?? [] })));
  return { m: manifest, g: Graph.fromManifest(manifest) };
}

describe('findCycles', () => {
  it('finds nothing in a DAG', () => {
    assert.deepEqual(findCycles(project({ b: ['a'], c: ['a', 'b'] }).g), []);
  });

  it('finds a 2-cycle, starting at the smallest id, in edge direction', () => {
    // a refs b and b refs a.
    assert.deepEqual(findCycles(project({ a: ['b'], b: ['a'] }).g), [[m('a'), m('b')]]);
  });

  it('finds a 3-cycle in dependency order', () => {
    // c refs b, b refs a, a refs c: edges a -> b -> c -> a.
    assert.deepEqual(findCycles(project({ b: ['a'], c: ['b'], a: ['c'] }).g), [[m('a'), m('b'), m('c')]]);
  });

  it('finds a self-reference as a one-element cycle', () => {
    assert.deepEqual(findCycles(project({ a: ['a'], b: ['a'] }).g), [[m('a')]]);
  });

  it('lists two separate cycles upstream first', () => {
    // x <-> y feeds z; z <-> w downstream. Upstream cycle is listed first although "w" < "x".
    const { g } = project({ x: ['y'], y: ['x'], z: ['y', 'w'], w: ['z'] });
    assert.deepEqual(findCycles(g), [
      [m('x'), m('y')],
      [m('w'), m('z')],
    ]);
  });

  it('finds every elementary cycle inside one tangle', () => {
    // a <-> b and b <-> c share b: one component, two cycles.
    const { g } = project({ a: ['b'], b: ['a', 'c'], c: ['b'] });
    assert.deepEqual(findCycles(g), [
      [m('a'), m('b')],
      [m('b'), m('c')],
    ]);
  });

  it('caps the cycles reported for a dense component', () => {
    const names = 'abcdefg'.split('');
    const edges = Object.fromEntries(names.map((n) => [n, names.filter((o) => o !== n)]));
    const cycles = findCycles(project(edges).g);
    assert.equal(cycles.length, MAX_CYCLES_PER_COMPONENT);
    for (const c of cycles) assert.equal(new Set(c).size, c.length, 'elementary');
  });

  it('handles a long ring without overflowing the stack', () => {
    const n = 20000;
    const nodes = Array.from({ length: n }, (_, i) => makeNode({ name: `n${i}`, refs: [`n${(i + n - 1) % n}`] }));
    const cycles = findCycles(Graph.fromManifest(makeManifest(nodes)));
    assert.equal(cycles.length, 1);
    assert.equal(cycles[0].length, n);
  });

  it('does not make topoOrder hang: cycle members come last', () => {
    const { g } = project({ a: ['b'], b: ['a'], c: [] });
    assert.deepEqual(g.topoOrder(), [m('c'), m('a'), m('b')]);
    assert.deepEqual(g.layers(), [[m('c')], [m('a'), m('b')]]);
  });
});

describe('cycleProblems', () => {
  it('names every model and file in order, placed at the first model', () => {
    const { m: manifest, g } = project({ a: ['b'], b: ['a'] });
    const [p] = cycleProblems(manifest, findCycles(g));
    assert.equal(p.code, 'cycle');
    assert.equal(p.severity, 'error');
    assert.equal(p.message, 'Found a cycle: model.p.a (models/a.sql) → model.p.b (models/b.sql) → model.p.a');
    assert.deepEqual([p.file, p.line, p.column], ['/project/models/a.sql', 1, 1]);
    assert.deepEqual(
      p.related?.map((r) => [r.file, r.message]),
      [
        ['/project/models/a.sql', 'model.p.a (models/a.sql) depends on model.p.b'],
        ['/project/models/b.sql', 'model.p.b (models/b.sql) depends on model.p.a'],
      ],
    );
    assert.ok(p.hint);
  });

  it('uses the ref() position from the callback when given', () => {
    const { m: manifest, g } = project({ b: ['a'], c: ['b'], a: ['c'] });
    const asked: string[] = [];
    const problems = cycleProblems(manifest, findCycles(g), (from, to) => {
      asked.push(`${from}->${to}`);
      return from === m('c') ? undefined : { file: `/project/models/${from.slice(8)}.sql`, line: 3, column: 12 };
    });
    assert.equal(problems.length, 1);
    const [p] = problems;
    // a's file holds the ref('c') that closes a -> b -> c -> a.
    assert.deepEqual([p.file, p.line, p.column], ['/project/models/a.sql', 3, 12]);
    assert.ok(asked.includes(`${m('a')}->${m('c')}`));
    assert.deepEqual(
      p.related?.map((r) => [r.file, r.line, r.column]),
      [
        ['/project/models/a.sql', 3, 12],
        ['/project/models/b.sql', 3, 12],
        ['/project/models/c.sql', 1, 1],
      ],
    );
    assert.match(p.message, /model\.p\.a \(models\/a\.sql\) → model\.p\.b \(models\/b\.sql\) → model\.p\.c \(models\/c\.sql\) → model\.p\.a$/);
  });

  it('describes a self-reference', () => {
    const { m: manifest, g } = project({ a: ['a'] });
    const [p] = cycleProblems(manifest, findCycles(g));
    assert.equal(p.message, 'Found a cycle: model.p.a (models/a.sql) → model.p.a');
    assert.equal(p.related?.[0].message, 'model.p.a (models/a.sql) refers to itself');
    assert.match(p.hint ?? '', /this/);
  });

  it('makes one problem per cycle', () => {
    const { m: manifest, g } = project({ x: ['y'], y: ['x'], z: ['y', 'w'], w: ['z'] });
    const problems = cycleProblems(manifest, findCycles(g));
    assert.deepEqual(
      problems.map((p) => p.file),
      ['/project/models/x.sql', '/project/models/w.sql'],
    );
  });
});
