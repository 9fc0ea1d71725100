/** A throwaway in-memory warehouse and hand-made nodes, to drive the materializations directly. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finalizeConfig, type ManifestNode, type NodeResourceType } from '../../../src/core/project';
import { Warehouse } from '../../../src/core/run';

export async function memoryWarehouse(): Promise<Warehouse> {
  const dir = mkdtempSync(join(tmpdir(), 'ms-incr-'));
  return Warehouse.open({ path: ':memory:', projectRoot: dir, targetDir: join(dir, 'target') });
}

export function node(name: string, config: Record<string, unknown>, type: NodeResourceType = 'model', rawCode = ''): ManifestNode {
  const cfg = finalizeConfig(type, config);
  return {
    unique_id: `${type}.shop.${name}`,
    resource_type: type,
    name,
    package_name: 'shop',
    path: `${name}.sql`,
    original_file_path: `models/${name}.sql`,
    abs_path: `/project/models/${name}.sql`,
    fqn: ['shop', name],
    raw_code: rawCode,
    language: 'sql',
    checksum: { name: 'sha256', checksum: '' },
    config: cfg,
    tags: [],
    description: '',
    columns: {},
    meta: {},
    refs: [],
    sources: [],
    depends_on: { nodes: [], macros: [] },
    database: 'memory',
    schema: 'main',
    alias: name,
    relation_name: `"memory"."main"."${name}"`,
  };
}

/** Rows as plain values (BigInt → number, dates → ISO text) sorted by the given SQL order. */
export async function rows(wh: Warehouse, sql: string): Promise<Array<Record<string, unknown>>> {
  const out = await wh.query(sql);
  return out.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, plain(v)])));
}

function plain(v: unknown): unknown {
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Date) return v.toISOString().replace('T', ' ').replace(/\.000Z$/, '').replace(/ 00:00:00$/, '');
  return v;
}
