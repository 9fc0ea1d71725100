/**
 * `export airflow [--granularity layer|model] [--runner dbt|model-studio] [--out file]`: writes an
 * Airflow DAG (default `target/airflow/<project>_dag.py`) whose tasks follow the project's graph.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { AirflowExportError, airflowDag, type AirflowGranularity, type AirflowRunner } from '../../core/export';
import { UsageError } from '../args';
import type { CliCommand, ParsedArgs } from '../command';
import { openEngine, PROJECT_OPTIONS, SELECT_OPTIONS, selection } from '../projectOptions';

const FORMATS = ['airflow'];

export const exportCommand: CliCommand = {
  name: 'export',
  summary: 'Export the project for another tool: `export airflow` writes an Airflow DAG',
  options: [
    ...PROJECT_OPTIONS,
    ...SELECT_OPTIONS,
    { name: 'granularity', type: 'string', description: 'One task per layer (first folder under models/, default) or per model' },
    { name: 'runner', type: 'string', description: 'What the tasks run: dbt (dbt-core, default) or model-studio' },
    { name: 'dag-id', type: 'string', description: 'The DAG id (default <project>_dbt)' },
    { name: 'schedule', type: 'string', description: "Airflow schedule (default '@daily')" },
    { name: 'start-date', type: 'string', description: 'The DAG start date, YYYY-MM-DD (default 2025-01-01)' },
    { name: 'owner', type: 'string', description: "default_args owner (default 'airflow')" },
    { name: 'out', alias: 'o', type: 'string', description: 'File to write (default target/airflow/<project>_dag.py)' },
  ],
  // eslint-disable-next-line @typescript-eslint/require-await
  async run(args, io) {
    const format = args.positionals[0];
    if (!format || !FORMATS.includes(format)) throw new UsageError(`Usage: model-studio export airflow [options]; formats: ${FORMATS.join(', ')}${format ? ` (not '${format}')` : ''}.`);
    const granularity = oneOf(args, 'granularity', ['layer', 'model'], 'layer') as AirflowGranularity;
    const runner = oneOf(args, 'runner', ['dbt', 'model-studio'], 'dbt') as AirflowRunner;
    const startDate = str(args, 'start-date');
    if (startDate !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(startDate)) throw new UsageError(`--start-date is YYYY-MM-DD, not '${startDate}'.`);
    const engine = openEngine(args, io);
    if (!engine) return 1;
    try {
      const sel = selection(args);
      const only = sel.select || sel.exclude ? engine.select('run', sel).ids : undefined;
      const project = engine.project;
      const dag = airflowDag(engine.manifest, {
        projectName: project.config.name,
        projectDir: project.root,
        granularity,
        runner,
        dagId: str(args, 'dag-id'),
        schedule: str(args, 'schedule'),
        startDate,
        owner: str(args, 'owner'),
        vars: project.config.vars,
        only,
      });
      const out = str(args, 'out');
      const file = out ? resolve(io.cwd, out) : join(engine.targetDir, 'airflow', `${project.config.name}_dag.py`);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, dag.text);
      if (io.json) {
        io.out(JSON.stringify({ file, dagId: dag.dagId, tasks: dag.tasks, edges: dag.edges }, null, 2));
      } else {
        io.out(`Wrote ${relative(io.cwd, file) || file}: DAG ${dag.dagId}, ${dag.tasks.length} tasks.`);
        for (const [a, b] of dag.edges) io.out(`  ${a} >> ${b}`);
      }
      return 0;
    } catch (e) {
      if (e instanceof AirflowExportError) {
        io.err(e.message);
        return 1;
      }
      throw e;
    } finally {
      engine.close();
    }
  },
};

function str(args: ParsedArgs, name: string): string | undefined {
  const v = args.options[name];
  return typeof v === 'string' ? v : undefined;
}

function oneOf(args: ParsedArgs, name: string, allowed: string[], dflt: string): string {
  const v = str(args, name) ?? dflt;
  if (!allowed.includes(v)) throw new UsageError(`--${name} must be ${allowed.join(' or ')}, not '${v}'.`);
  return v;
}
