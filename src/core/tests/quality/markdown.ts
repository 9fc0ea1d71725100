/** target/quality_report.md: the scores, what lost points (check by check, with places), the method, the profiles. */
import type { QualityReport } from './report';
import { DIMENSIONS, DIMENSION_TITLES } from './dimensions';
import { PROFILE_WEIGHT, TEST_WEIGHT, type QualityCheck, type TableQuality } from './score';

export function qualityMarkdown(r: QualityReport): string {
  const out: string[] = [];
  out.push(`# Data quality report: ${r.project}`, '');
  out.push(r.score === null ? 'No table could be scored.' : `Overall score: **${fmt(r.score)} / 100** over ${r.tables.length} table${r.tables.length === 1 ? '' : 's'}.`, '');
  out.push(`Generated ${r.generated_at} (invocation ${r.invocation_id}).`, '');
  out.push(`| Table | Rows | Score | ${DIMENSIONS.map((d) => DIMENSION_TITLES[d]).join(' | ')} |`);
  out.push(`|---|--:|--:|${DIMENSIONS.map(() => '--:').join('|')}|`);
  for (const t of r.tables) out.push(`| ${t.name} | ${t.rows ?? '–'} | ${fmt(t.score)} | ${DIMENSIONS.map((d) => fmt(t.dimensions[d])).join(' | ')} |`);
  out.push(`| **overall** | | **${fmt(r.score)}** | ${DIMENSIONS.map((d) => fmt(r.dimensions[d])).join(' | ')} |`, '');

  out.push('## What lost points', '');
  const losing = r.tables.filter((t) => t.checks.some((c) => c.lost_points > 0) || t.not_evaluated.length || t.note);
  if (losing.length === 0) out.push('Nothing: every check found what it expected.', '');
  for (const t of losing) out.push(...tableLosses(t));

  out.push('## How the score is computed', '');
  out.push(
    `Each table is scored on the five dimensions of the pipeline's validation step. Every data test belongs to one: ` +
      `completeness (not_null, not_null_proportion, at_least_one, not_empty_string), uniqueness (unique, unique_combination_of_columns), ` +
      `validity (accepted_values, accepted_range, recency, custom tests on a column), consistency (expression_is_true, equal_rowcount, singular tests, custom tests on a model) ` +
      `and referential integrity (relationships); \`meta: {quality_dimension: …}\` on a test moves it.`,
    '',
    `A row-level test scores 100 × (1 − flagged rows ÷ table rows), counting every row involved (for unique and accepted_values: the rows sharing a duplicated or unexpected value). ` +
      `A table-level test (recency, equal_rowcount, at_least_one, not_null_proportion) scores 100 when it passes and 0 when it finds anything. ` +
      `Where no test covers a dimension, column profiling fills in: null share of every untested column (completeness), repeated values in a first column named like a key (uniqueness), ` +
      `negative amounts/prices/quantities and dates in the future (validity). Distinct counts are estimates above 1,000,000 rows.`,
    '',
    `A dimension is the weighted mean of its checks (a test weighs ${TEST_WEIGHT}, a profile check ${PROFILE_WEIGHT}); a table is the mean of the dimensions it has checks in; ` +
      `the overall score is the mean of the tables. "Lost" is how many points a check took off its table's score; a table's losses add up to 100 minus its score. ` +
      `Tests that errored or were skipped are listed but not scored.`,
    '',
  );

  out.push('## Column profiles', '');
  for (const t of r.tables) {
    out.push(`### ${t.name} (${t.rows === null ? 'not readable' : `${t.rows} rows`})`, '');
    if (t.columns.length === 0) {
      out.push(t.note ?? 'No columns.', '');
      continue;
    }
    out.push('| Column | Type | Nulls | Distinct | Min | Max |', '|---|---|--:|--:|---|---|');
    for (const c of t.columns) out.push(`| ${c.name} | ${c.type} | ${c.nulls} | ${c.distinct ?? '–'} | ${cell(c.min)} | ${cell(c.max)} |`);
    out.push('');
  }
  return out.join('\n');
}

function tableLosses(t: TableQuality): string[] {
  const out = [`### ${t.name}: ${fmt(t.score)}`, ''];
  if (t.note) out.push(t.note, '');
  const lost = t.checks.filter((c) => c.lost_points > 0).sort((a, b) => b.lost_points - a.lost_points);
  for (const c of lost) out.push(`- **−${fmt(c.lost_points)}** ${DIMENSION_TITLES[c.dimension].toLowerCase()}: ${describe(c)}`);
  for (const n of t.not_evaluated) out.push(`- not scored: \`${n.name}\` (${n.status})${n.message ? `: ${n.message.split('\n')[0]}` : ''}`);
  out.push('');
  return out;
}

function describe(c: QualityCheck): string {
  const where = c.location ? ` at ${c.location.file}:${c.location.line}` : '';
  if (c.source === 'test') return `test \`${c.name}\`${c.column ? ` on ${c.column}` : ''} (${c.status.toUpperCase()}, scores ${fmt(c.score)}): ${c.detail}${where}`;
  return `profile of ${c.column ?? 'the table'} (scores ${fmt(c.score)}): ${c.detail}`;
}

function fmt(n: number | null): string {
  return n === null ? '–' : n.toFixed(1);
}

function cell(s: string | null): string {
  if (s === null) return '–';
  const t = s.length > 40 ? `${s.slice(0, 37)}…` : s;
  return t.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
