/** The realistic models under test/fixtures/format, and a project in which all of them compile. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO, writeProject } from '../../helpers/tempProject';

export const FIXTURES = join(REPO, 'test', 'fixtures', 'format');

export interface FormatFixture {
  name: string;
  input: string;
  /** The expected output, from `<name>.formatted.sql`. */
  expected: string;
}

export function formatFixtures(): FormatFixture[] {
  return readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.sql') && !f.endsWith('.formatted.sql'))
    .sort()
    .map((f) => {
      const name = f.slice(0, -'.sql'.length);
      return { name, input: readFileSync(join(FIXTURES, f), 'utf8'), expected: readFileSync(join(FIXTURES, `${name}.formatted.sql`), 'utf8') };
    });
}

/**
 * The project has no packages, so calls to `dbt_utils.x`/`dbt.x` are rewritten to project macros
 * of the same shape — on both sides of every comparison alike.
 */
export function withoutPackages(sql: string): string {
  return sql.replace(/\bdbt_utils\.(\w+)/g, 'utils_$1').replace(/\bdbt\.(\w+)/g, 'cross_$1');
}

const sourceTables = (name: string, tables: string[]) =>
  [`  - name: ${name}`, '    tables:', ...tables.map((t) => `      - name: ${t}`)].join('\n');

export function compileProject(): string {
  const models = ['stg_orders', 'fx_rates', 'stg_users', 'orders', 'payments', 'stg_sessions', 'events', 'stg_customers', 'sales', 'sessions', 'stg_order_lines', 'stg_payments', 'order_payments', 'raw_customers', 'raw_orders', 'raw_payments'];
  return writeProject({
    'dbt_project.yml': [
      'name: fmt',
      'profile: fmt',
      'vars:',
      "  start_date: '2024-01-01'",
      "  end_date: '2024-12-31'",
      "  min_order_date: '2018-01-01'",
      '  statuses: [placed, shipped]',
      '  min_amount: 5',
      '  suffix: eur',
      '  quoted_col: Order Total',
      '  year: 2024',
      '  lookback_days: 14',
      '  payment_methods: [credit_card, coupon]',
      '',
    ].join('\n'),
    ...Object.fromEntries(models.map((m) => [`models/${m}.sql`, 'select 1 as id'])),
    'models/sources.yml': ['version: 2', 'sources:', sourceTables('raw', ['events', 'orders']), sourceTables('crm', ['customers']), ...['eu', 'us', 'apac'].map((r) => sourceTables(`shop_${r}`, ['orders'])), ''].join('\n'),
    'macros/helpers.sql': [
      "{% macro cents_to_dollars(column_name, scale=2) %}round({{ column_name }} / 100.0, {{ scale }}){% endmacro %}",
      "{% macro utils_star(from, except=[]) %}* exclude ({{ except | join(', ') }}){% endmacro %}",
      "{% macro utils_generate_surrogate_key(fields) %}md5({{ fields | join(\" || '-' || \") }}){% endmacro %}",
      "{% macro cross_date_trunc(part, expr) %}date_trunc('{{ part }}', {{ expr }}){% endmacro %}",
      '',
    ].join('\n'),
  });
}
