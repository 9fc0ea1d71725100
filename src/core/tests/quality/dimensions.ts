/**
 * The five quality dimensions of the pipeline's validation step (completeness, uniqueness,
 * validity, consistency, referential integrity), and which tests speak to which. A test's
 * `meta: {quality_dimension: …}` overrides the default.
 */
import type { ManifestNode } from '../../project';
import { splitTestName } from '../naming';

export const DIMENSIONS = ['completeness', 'uniqueness', 'validity', 'consistency', 'referential_integrity'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export const DIMENSION_TITLES: Record<Dimension, string> = {
  completeness: 'Completeness',
  uniqueness: 'Uniqueness',
  validity: 'Validity',
  consistency: 'Consistency',
  referential_integrity: 'Referential integrity',
};

const BY_TEST: Record<string, Dimension> = {
  not_null: 'completeness',
  not_null_proportion: 'completeness',
  at_least_one: 'completeness',
  not_empty_string: 'completeness',
  unique: 'uniqueness',
  unique_combination_of_columns: 'uniqueness',
  accepted_values: 'validity',
  accepted_range: 'validity',
  recency: 'validity',
  expression_is_true: 'consistency',
  equal_rowcount: 'consistency',
  relationships: 'referential_integrity',
};

/** Tests that judge the table as a whole: their failure count is not a number of bad rows. */
const TABLE_LEVEL = new Set(['not_null_proportion', 'at_least_one', 'recency', 'equal_rowcount']);

export function dimensionOf(node: ManifestNode): Dimension {
  const meta = node.config.meta ?? {};
  const wanted = String(meta.quality_dimension ?? '').toLowerCase().replace(/[\s-]+/g, '_');
  if ((DIMENSIONS as readonly string[]).includes(wanted)) return wanted as Dimension;
  const def = node.test?.definition;
  if (!def) return 'consistency'; // singular tests state business rules
  const known = BY_TEST[splitTestName(def.testName).name];
  if (known) return known;
  // A custom generic test on a column checks its values; one on the whole model states a rule.
  return def.columnName ? 'validity' : 'consistency';
}

export function isTableLevel(node: ManifestNode): boolean {
  const def = node.test?.definition;
  return !!def && TABLE_LEVEL.has(splitTestName(def.testName).name);
}
