/** A small dbt project on disk (sources, YAML docs, a macro, a docs block, a seed) loaded into a manifest. */
import { join } from 'node:path';
import { loadProject, type Manifest } from '../../../src/core/project';
import type { Position } from '../../../src/core/language';
import { writeProject } from '../../helpers/tempProject';

export const ORDERS_SQL = [
  "{{ config(materialized='table') }}",
  '',
  'with orders as (',
  "    select * from {{ ref('stg_orders') }}",
  '),',
  'payments as (',
  "    select * from {{ ref('raw_payments') }}",
  ')',
  'select',
  '    orders.order_id,',
  "    {{ cents_to_dollars('payments.amount') }} as amount",
  'from orders',
  'join payments using (order_id)',
  '',
].join('\n');

export const STG_ORDERS_SQL = [
  'select',
  '    id as order_id,',
  '    status,',
  '    amount_cents',
  "from {{ source('raw', 'orders') }}",
  '',
].join('\n');

export interface Shop {
  dir: string;
  manifest: Manifest;
  path: (rel: string) => string;
}

export function shopProject(): Shop {
  const dir = writeProject({
    'dbt_project.yml': 'name: shop\nprofile: shop\n',
    'models/staging/sources.yml': [
      'version: 2',
      'sources:',
      '  - name: raw',
      '    description: Raw tables loaded by the generator.',
      '    tables:',
      '      - name: orders',
      '        description: One row per order as placed.',
      '        columns:',
      '          - name: id',
      '            data_type: integer',
      '          - name: amount_cents',
      '            data_type: bigint',
      '      - name: customers',
      '  - name: crm',
      '    tables:',
      '      - name: accounts',
      '',
    ].join('\n'),
    'models/staging/schema.yml': [
      'version: 2',
      'models:',
      '  - name: stg_orders',
      '    description: Orders | cleaned.',
      '    columns:',
      '      - name: order_id',
      '        description: Primary key.',
      '        data_type: integer',
      '      - name: status',
      "        description: \"{{ doc('order_status') }}\"",
      '',
    ].join('\n'),
    'models/staging/stg_orders.sql': STG_ORDERS_SQL,
    'models/marts/orders.sql': ORDERS_SQL,
    'macros/money.sql': [
      '{% macro cents_to_dollars(column_name, scale=2) -%}',
      '    round({{ column_name }} / 100.0, {{ scale }})',
      '{%- endmacro %}',
      '',
      '{% test positive(model, column_name) %}',
      'select * from {{ model }} where {{ column_name }} < 0',
      '{% endtest %}',
      '',
    ].join('\n'),
    'models/docs.md': '{% docs order_status %}\nOne of placed, shipped, returned.\n{% enddocs %}\n',
    'seeds/raw_payments.csv': 'id,order_id,amount\n1,1,100\n',
  });
  return { dir, manifest: loadProject(dir).manifest, path: (rel) => join(dir, rel) };
}

/** The position of the `n`-th occurrence of `marker` in `text`, plus `delta` characters. */
export function at(text: string, marker: string, delta = 0, n = 1): Position {
  let i = -1;
  for (let k = 0; k < n; k++) {
    i = text.indexOf(marker, i + 1);
    if (i < 0) throw new Error(`marker ${JSON.stringify(marker)} not found`);
  }
  const o = i + delta;
  const before = text.slice(0, o);
  return { line: before.split('\n').length - 1, character: o - before.lastIndexOf('\n') - 1 };
}
