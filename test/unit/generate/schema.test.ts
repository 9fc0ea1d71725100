import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';

const ROOT = resolve(__dirname, '..', '..', '..');
const schema = JSON.parse(readFileSync(resolve(ROOT, 'sql/schemas/dataset.schema.json'), 'utf8')) as object;

interface Validator {
  (data: unknown): boolean;
  errors?: Array<{ dataPath?: string; instancePath?: string; message?: string }> | null;
}
type AjvCtor = new (o: object) => { compile(s: object): Validator };

/** ajv comes with ESLint; the editor-completion schema is checked where it is installed. */
function loadAjv(): AjvCtor | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('ajv') as AjvCtor;
  } catch {
    return undefined;
  }
}

const Ajv = loadAjv();
const specs = ['test/fixtures/generate/retail/datasets/retail.yml', 'bench/generate/ten_tables.yml'];

test('the JSON Schema accepts the example specs and rejects typos', { skip: !Ajv && 'ajv is not installed' }, () => {
  const validate = new (Ajv as AjvCtor)({ allErrors: true }).compile(schema);
  for (const file of specs) {
    const doc = parse(readFileSync(resolve(ROOT, file), 'utf8'), { schema: 'core' }) as unknown;
    // YAML dates stay strings in the core schema, as an editor's YAML language server sees them.
    assert.ok(validate(doc), `${file}: ${JSON.stringify(validate.errors)}`);
  }
  assert.equal(validate({ tables: { t: { rows: 5, colums: {} } } }), false);
  assert.equal(validate({ tables: { t: { rows: 5, columns: { a: { int: [1, 2], faker: 'person.firstName' } } } } }), false);
  assert.equal(validate({ tables: { t: { rows: -1, columns: { a: { seq: 1 } } } } }), false);
});
