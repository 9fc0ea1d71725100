import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import type { TestDefinition } from '../../../src/core/project';
import { buildRawCode } from '../../../src/core/tests/rawCode';

const def = (args: Record<string, unknown>): TestDefinition => ({
  testName: 'accepted_values',
  args,
  config: {},
  attachedKind: 'model',
  attachedName: 'orders',
  columnName: 'status',
  place: { file: 'models/schema.yml', line: 1, column: 1 },
  yamlPath: 'models/schema.yml',
});

void test('a kwarg that is one {{ expression }} passes its value (dbt renders kwargs natively)', () => {
  assert.match(buildRawCode(def({ values: "{{ var('statuses') }}" }), undefined), /test_accepted_values\(values=\(var\('statuses'\)\), column_name='status'/);
  assert.match(buildRawCode(def({ values: "{{- var('statuses') -}}" }), undefined), /values=\(var\('statuses'\)\)/);
  // Text around the expression, or two expressions, still render to a string.
  const mixed = buildRawCode(def({ values: "date '{{ var('d') }}'" }), undefined);
  assert.match(mixed, /^\{%- set __dbt_test_arg_0 -%\}date '\{\{ var\('d'\) \}\}'\{%- endset -%\}/);
  assert.match(buildRawCode(def({ values: "{{ a }}-{{ b }}" }), undefined), /values=__dbt_test_arg_0/);
});
