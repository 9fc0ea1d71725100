import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A project of `tables` tables of 8 columns, each child keyed to its parent by a `relationships` test. */
export function erProject(tables: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'ms-bench-er-'));
  const files: Record<string, string> = { 'dbt_project.yml': 'name: erbench\nprofile: erbench\n' };
  const yaml = ['version: 2', 'models:'];
  for (let i = 0; i < tables; i++) {
    const parent = i > 0 ? `t${Math.floor((i - 1) / 2)}` : undefined;
    files[`models/t${i}.sql`] = parent ? `select * from {{ ref('${parent}') }}\n` : 'select 1 as id\n';
    yaml.push(`  - name: t${i}`, '    columns:', '      - name: id', '        data_type: bigint', '        data_tests: [unique, not_null]');
    for (const c of ['name', 'amount', 'created_at', 'status', 'region', 'updated_at']) yaml.push(`      - name: ${c}`, '        data_type: varchar');
    if (parent) yaml.push('      - name: parent_id', '        data_type: bigint', '        data_tests:', `          - relationships: {to: "ref('${parent}')", field: id}`);
  }
  files['models/schema.yml'] = yaml.join('\n') + '\n';
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  return dir;
}
