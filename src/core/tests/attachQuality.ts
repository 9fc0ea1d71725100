/** After a run that executed tests: the quality report on disk, and its summary in run_results. */
import type { Project } from '../project';
import type { RunResults, Warehouse } from '../run';
import { buildQualityReport, qualitySummary, writeQualityReport, type QualityReport } from './quality';

/** Returns the report (undefined when the run had no tests); sets `results.quality`. */
export async function attachQuality(project: Project, wh: Warehouse, results: RunResults): Promise<QualityReport | undefined> {
  const report = await buildQualityReport(project, wh, results.results);
  if (!report) return undefined;
  const paths = writeQualityReport(project, report);
  results.quality = qualitySummary(report, paths, project.root);
  return report;
}
