/**
 * `quality`: run the selected data tests against what is already built, then score each tested
 * table 0–100 over completeness, uniqueness, validity, consistency and referential integrity,
 * and say what lost points. Failing tests lower the score; they do not fail the command (use
 * --min-score for that in CI). Errored tests do, since the report is then incomplete.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIMENSIONS, type QualityReport } from '../../core/tests';
import type { CliCommand, CliIO } from '../command';
import { UsageError } from '../args';
import { openEngine, PROJECT_OPTIONS, SELECT_OPTIONS, selection, printProblems } from '../projectOptions';
import { resultLine } from '../progress';
import { formatTable } from '../table';

const SHORT: Record<(typeof DIMENSIONS)[number], string> = {
  completeness: 'Complete',
  uniqueness: 'Unique',
  validity: 'Valid',
  consistency: 'Consistent',
  referential_integrity: 'Ref. integrity',
};

export const qualityCommand: CliCommand = {
  name: 'quality',
  summary: 'Run the data tests and score data quality 0-100 per table (target/quality_report.md)',
  options: [...PROJECT_OPTIONS, ...SELECT_OPTIONS, { name: 'min-score', type: 'string', description: 'Exit with 1 when the overall score is below this (0-100)' }],
  async run(args, io) {
    const minRaw = args.options['min-score'];
    const minScore = typeof minRaw === 'string' ? Number(minRaw) : undefined;
    if (minScore !== undefined && !(minScore >= 0 && minScore <= 100)) throw new UsageError('--min-score must be a number from 0 to 100.');
    const engine = openEngine(args, io);
    if (!engine) return 1;
    try {
      const { ids, warnings } = engine.select('test', selection(args));
      printProblems(io, warnings, engine.project.root);
      if (ids.length === 0) {
        if (io.json) io.out(JSON.stringify({ score: null, tables: [] }));
        else io.out('No data tests selected: nothing to score. Declare tests in schema YAML (data_tests:) or add tests/*.sql.');
        return 0;
      }
      const rr = await engine.execute(ids, { onResult: (node, r, i, n) => !io.json && io.out(resultLine(node, r, i, n)) }, { which: 'quality', select: args.options.select, exclude: args.options.exclude });
      const errored = rr.results.filter((r) => r.status === 'error');
      const report = JSON.parse(readFileSync(join(engine.targetDir, 'quality_report.json'), 'utf8')) as QualityReport;
      if (io.json) io.out(JSON.stringify(report, null, 2));
      else printReport(io, report, engine.project.config.targetPath);
      for (const r of errored) printProblems(io, r.problems ?? [], engine.project.root);
      if (errored.length) {
        io.err(`${errored.length} test(s) could not run, so the score leaves them out: fix them and run again.`);
        return 1;
      }
      if (minScore !== undefined && (report.score ?? 0) < minScore) {
        io.err(`Quality score ${report.score ?? '–'} is below --min-score ${minScore}.`);
        return 1;
      }
      return 0;
    } finally {
      engine.close();
    }
  },
};

function printReport(io: CliIO, r: QualityReport, targetPath: string): void {
  const f = (n: number | null) => (n === null ? '–' : n.toFixed(1));
  io.out('');
  io.out(`Quality score: ${f(r.score)} / 100 over ${r.tables.length} table${r.tables.length === 1 ? '' : 's'}`);
  io.out('');
  const rows = r.tables.map((t) => [t.name, t.rows ?? '–', f(t.score), ...DIMENSIONS.map((d) => f(t.dimensions[d]))]);
  rows.push(['overall', '', f(r.score), ...DIMENSIONS.map((d) => f(r.dimensions[d]))]);
  io.out(formatTable(['Table', 'Rows', 'Score', ...DIMENSIONS.map((d) => SHORT[d])], rows));
  const losses = r.tables
    .flatMap((t) => t.checks.filter((c) => c.lost_points > 0).map((c) => ({ t, c })))
    .sort((a, b) => b.c.lost_points - a.c.lost_points)
    .slice(0, 8);
  if (losses.length) {
    io.out('');
    io.out('Largest losses:');
    for (const { t, c } of losses) {
      const what = c.source === 'test' ? `${c.name}${c.location ? ` (${c.location.file}:${c.location.line})` : ''}` : `profile of ${c.column ?? ''}`;
      io.out(`  -${c.lost_points.toFixed(1)} ${t.name} ${c.dimension.replace('_', ' ')}: ${what}: ${c.detail}`);
    }
  }
  io.out('');
  io.out(`Full report with the method and column profiles: ${targetPath}/quality_report.md (and .json)`);
}
