import assert from 'node:assert/strict';
import { Graph, selectNodes, type SelectionOptions } from '../../../src/core/graph';
import { describe, it } from './harness';
import { id, jaffle } from './jaffle';
import { makeManifest, makeNode, nodeId } from './manifest-builder';

const { m, g } = jaffle();
const select = (opts: SelectionOptions): string[] => [...selectNodes(m, g, opts).selected].sort();
const only = (types: string[], ...sel: string[]): string[] =>
  select({ select: sel, resourceTypes: types, indirectSelection: 'empty' });
const models = (...sel: string[]): string[] => only(['model'], ...sel);
const sorted = (...ids: string[]): string[] => [...ids].sort();
const allTests = [id.uniqueStgOrders, id.notNullOrders, id.relOrdersCustomers, id.sourceNotNull, id.rangeCustomers, id.assertRevenue];
const staging = [id.stgOrders, id.stgCustomers, id.stgPayments];

describe('fqn (the default method)', () => {
  it('matches a name of any resource type', () => {
    assert.deepEqual(only(['seed'], 'country_codes'), [id.countryCodes]);
    assert.deepEqual(only(['snapshot'], 'orders_snapshot'), [id.snapshot]);
    assert.deepEqual(only(['test'], 'assert_revenue_positive'), [id.assertRevenue]);
  });

  it('matches folders and dotted paths, with or without the package', () => {
    assert.deepEqual(models('staging'), sorted(...staging));
    assert.deepEqual(models('staging.stg_orders'), [id.stgOrders]);
    assert.deepEqual(models('p.staging.stg_orders'), [id.stgOrders]);
    assert.deepEqual(models('marts.finance'), [id.revenue]);
    assert.deepEqual(models('fqn:marts.finance.revenue'), [id.revenue]);
    assert.equal(models('p').length, 6);
    assert.deepEqual(models('marts.stg_orders'), []);
  });

  it('supports wildcards', () => {
    assert.deepEqual(models('stg_*'), sorted(...staging));
    assert.deepEqual(models('marts.*'), sorted(id.orders, id.customers, id.revenue));
    assert.deepEqual(models('*.finance.*'), [id.revenue]);
    assert.deepEqual(models('stg_[oc]*'), sorted(id.stgOrders, id.stgCustomers));
    assert.equal(models('*').length, 6);
    assert.deepEqual(only(['model', 'test'], 'staging.*'), sorted(...staging, id.uniqueStgOrders));
  });

  it('never matches sources', () => {
    assert.deepEqual(only(['source'], 'raw'), []);
  });

  it('treats dots in fqn segments as separators, as dbt does', () => {
    const manifest = makeManifest([makeNode({ name: 'a', fqn: ['p', 'sub.dir', 'a'] })]);
    const graph = Graph.fromManifest(manifest);
    assert.deepEqual([...selectNodes(manifest, graph, { select: ['sub.dir.a'] }).selected], [nodeId('a')]);
    assert.deepEqual([...selectNodes(manifest, graph, { select: ['sub'] }).selected], [nodeId('a')]);
  });
});

describe('tag, package, resource_type', () => {
  it('tag: matches nodes and sources, with wildcards', () => {
    assert.deepEqual(models('tag:nightly'), sorted(id.stgOrders, id.orders, id.revenue));
    assert.deepEqual(models('tag:night*'), sorted(id.stgOrders, id.orders, id.revenue));
    assert.deepEqual(only(['source', 'model'], 'tag:pii'), [id.rawOrders]);
  });

  it('package: matches the package name', () => {
    assert.equal(only(['model', 'seed', 'source'], 'package:p').length, 9);
    assert.equal(only(['model'], 'package:q*').length, 0);
  });

  it('resource_type: matches the resource type, including source', () => {
    assert.deepEqual(only(['seed', 'model'], 'resource_type:seed'), [id.countryCodes]);
    assert.deepEqual(only(['source'], 'resource_type:source'), sorted(id.rawOrders, id.rawCustomers));
    assert.deepEqual(only(['test'], 'resource_type:test'), sorted(...allTests));
    assert.deepEqual(only(['analysis', 'model'], 'resource_type:analysis'), [id.explore]);
  });
});

describe('path and file', () => {
  it('path: selects files under a folder, a file, or a glob', () => {
    assert.deepEqual(models('path:models/staging'), sorted(...staging));
    assert.deepEqual(models('path:models/staging/'), sorted(...staging));
    assert.deepEqual(models('path:./models/staging'), sorted(...staging));
    assert.deepEqual(models('path:models/staging/stg_orders.sql'), [id.stgOrders]);
    assert.deepEqual(models('path:models/*/stg_c*.sql'), [id.stgCustomers]);
    assert.deepEqual(models('path:models/**/revenue.sql'), [id.revenue]);
    assert.deepEqual(models('path:models/marts/*'), sorted(id.orders, id.customers, id.revenue));
    assert.deepEqual(models('path:models/stag'), []);
  });

  it('a value with a slash defaults to path:', () => {
    assert.deepEqual(models('models/staging'), sorted(...staging));
    assert.deepEqual(models('models\\staging\\stg_orders.sql'), [id.stgOrders]);
  });

  it('path: matches schema YAML (tests, sources and patched models) and absolute paths', () => {
    assert.deepEqual(only(['model', 'test'], 'path:models/staging/schema.yml'), sorted(id.stgOrders, id.uniqueStgOrders));
    assert.deepEqual(only(['source', 'test'], 'path:models/sources.yml'), sorted(id.rawOrders, id.rawCustomers, id.sourceNotNull));
    assert.deepEqual(models('/project/models/marts/finance'), [id.revenue]);
  });

  it('file: matches the file name; a .sql/.csv value defaults to file:', () => {
    assert.deepEqual(models('file:orders.sql'), [id.orders]);
    assert.deepEqual(models('orders.sql'), [id.orders]);
    assert.deepEqual(models('file:stg_*.sql'), sorted(...staging));
    assert.deepEqual(only(['seed'], 'country_codes.csv'), [id.countryCodes]);
  });
});

describe('config', () => {
  it('matches a top-level key', () => {
    assert.deepEqual(models('config.materialized:view'), sorted(...staging));
    assert.deepEqual(models('config.materialized:incremental'), [id.revenue]);
  });

  it('descends into nested keys and list values', () => {
    assert.deepEqual(models('config.meta.owner:finance'), [id.orders]);
    assert.deepEqual(models('config.partition_by:month'), [id.orders]);
    assert.deepEqual(models('config.tags:finance'), [id.revenue]);
    assert.deepEqual(models('config.contract.enforced:true'), [id.orders]);
    assert.deepEqual(models('config.contract.enforced:false'), []);
    assert.deepEqual(models('config.nope.deeper:x'), []);
  });

  it('compares severity case-insensitively', () => {
    assert.deepEqual(only(['test'], 'config.severity:WARN'), [id.relOrdersCustomers]);
    assert.equal(only(['test'], 'config.severity:error').length, 5);
  });
});

describe('source', () => {
  it('selects by source, source.table and package.source.table, with wildcards', () => {
    const sources = (sel: string): string[] => only(['source'], sel);
    assert.deepEqual(sources('source:raw'), sorted(id.rawOrders, id.rawCustomers));
    assert.deepEqual(sources('source:raw.orders'), [id.rawOrders]);
    assert.deepEqual(sources('source:p.raw.customers'), [id.rawCustomers]);
    assert.deepEqual(sources('source:raw.*'), sorted(id.rawOrders, id.rawCustomers));
    assert.deepEqual(sources('source:r?w.c*'), [id.rawCustomers]);
    assert.deepEqual(sources('source:other.raw.orders'), []);
  });
});

describe('tests', () => {
  it('test_type: generic, singular and data', () => {
    assert.deepEqual(only(['test'], 'test_type:generic'), sorted(...allTests.filter((t) => t !== id.assertRevenue)));
    assert.deepEqual(only(['test'], 'test_type:singular'), [id.assertRevenue]);
    assert.deepEqual(only(['test'], 'test_type:data'), sorted(...allTests));
    assert.deepEqual(only(['test'], 'test_type:unit'), []);
  });

  it('test_name: the generic test macro, with or without its package', () => {
    assert.deepEqual(only(['test'], 'test_name:unique'), [id.uniqueStgOrders]);
    assert.deepEqual(only(['test'], 'test_name:not_null'), sorted(id.notNullOrders, id.sourceNotNull));
    assert.deepEqual(only(['test'], 'test_name:accepted_range'), [id.rangeCustomers]);
    assert.deepEqual(only(['test'], 'test_name:dbt_utils.accepted_range'), [id.rangeCustomers]);
  });
});

describe('group, access, version and resources this project never has', () => {
  it('group: and access: read the node config', () => {
    assert.deepEqual(models('group:sales'), [id.customers]);
    assert.deepEqual(models('access:public'), [id.customers]);
    assert.equal(models('access:protected').length, 5);
  });

  it('version:none is every model; exposure: matches nothing and warns', () => {
    assert.equal(models('version:none').length, 6);
    const r = selectNodes(m, g, { select: ['exposure:dashboard'] });
    assert.equal(r.selected.size, 0);
    assert.equal(r.warnings.length, 1);
  });
});
