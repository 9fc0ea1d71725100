import assert from 'node:assert/strict';
import { fnmatch, pathMatcher } from '../../../src/core/graph/glob';
import { describe, it } from './harness';

describe('fnmatch (names)', () => {
  it('supports *, ?, [abc], [a-z] and [!x], crossing dots', () => {
    assert.ok(fnmatch('stg_orders', 'stg_*'));
    assert.ok(fnmatch('p.staging.stg_orders', '*.stg_*'));
    assert.ok(fnmatch('a1', 'a?'));
    assert.ok(!fnmatch('a12', 'a?'));
    assert.ok(fnmatch('b', '[abc]'));
    assert.ok(fnmatch('q', '[a-z]'));
    assert.ok(!fnmatch('a', '[!a]'));
    assert.ok(fnmatch('b', '[!a]'));
  });

  it('is case-sensitive and exact without wildcards', () => {
    assert.ok(!fnmatch('Orders', 'orders'));
    assert.ok(!fnmatch('orders_v2', 'orders'));
  });

  it('treats regex characters and an unclosed [ literally', () => {
    assert.ok(fnmatch('a.b', 'a.b*'));
    assert.ok(!fnmatch('axb', 'a.b*'));
    assert.ok(fnmatch('a+b(c)', 'a+b(*)'));
    assert.ok(fnmatch('x[y', 'x[y'));
    assert.ok(fnmatch('x[yz', 'x[y*'));
    assert.ok(fnmatch(']', '[]]'));
  });
});

describe('pathMatcher (path: globs)', () => {
  it('keeps *, ? and [..] inside one folder', () => {
    assert.ok(pathMatcher('models/*')('models/a.sql'));
    assert.ok(!pathMatcher('models/*.sql')('models/sub/a.sql'));
    assert.ok(!pathMatcher('models/?')('models//'));
    assert.ok(!pathMatcher('models[/]x')('models/x'));
  });

  it('lets ** span folders, including none', () => {
    assert.ok(pathMatcher('models/**/a.sql')('models/x/y/a.sql'));
    assert.ok(pathMatcher('models/**/a.sql')('models/a.sql'));
    assert.ok(pathMatcher('models/**')('models/x/y'));
  });
});
