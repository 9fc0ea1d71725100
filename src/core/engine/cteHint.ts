/**
 * A better "did you mean" for a misspelt CTE. DuckDB suggests the closest name in its catalog, so
 * `from sourze` in a model whose CTE is `source` gets "Did you mean stg_publishers?"; the name the
 * user meant is usually one of the model's own CTEs, which DuckDB does not offer.
 */
import { closestNames } from '../problems';

// `with name as (`, `, name as (`, with optional `recursive`, quotes and [not] materialized.
const CTE = /(?:\bwith(?:\s+recursive)?|,)\s*("?)([A-Za-z_][\w$]*)\1\s+as\s+(?:(?:not\s+)?materialized\s+)?\(/gi;
const MISSING_TABLE = /^Table with name "?([^"\s!]+)"? does not exist/;

/** The hint for a DuckDB catalog error in `sql`, when the missing table is close to one of its CTEs. */
export function cteHint(detail: string, sql: string): string | undefined {
  const missing = MISSING_TABLE.exec(detail)?.[1];
  if (!missing) return undefined;
  const ctes = new Set(Array.from(sql.matchAll(CTE), (m) => m[2]).filter((n) => !n.startsWith('__dbt__cte__')));
  const [best] = closestNames(missing, ctes, 1);
  return best && best.toLowerCase() !== missing.toLowerCase() ? `Did you mean "${best}", a CTE of this model?` : undefined;
}
