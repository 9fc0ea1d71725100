/**
 * The dbt context members a model can call without defining them. They are not in the manifest
 * (the Jinja environment provides them), so completion lists them from here.
 */
export interface Builtin {
  name: string;
  signature: string;
  doc: string;
}

export const DBT_BUILTINS: readonly Builtin[] = [
  { name: 'ref', signature: "ref('model_name')", doc: 'The relation of a model, seed or snapshot; adds it as a dependency.' },
  { name: 'source', signature: "source('source_name', 'table_name')", doc: 'The relation of a source table declared in schema YAML.' },
  { name: 'config', signature: 'config(materialized=…, schema=…, …)', doc: "Sets this model's config, over folder and YAML config." },
  { name: 'var', signature: "var('name', default)", doc: 'A project or `--vars` variable.' },
  { name: 'env_var', signature: "env_var('NAME', default)", doc: 'An environment variable.' },
  { name: 'is_incremental', signature: 'is_incremental()', doc: 'True when an incremental model runs against an existing table without full refresh.' },
  { name: 'this', signature: 'this', doc: 'The relation this model builds.' },
  { name: 'target', signature: 'target', doc: 'The active target from profiles.yml (`target.name`, `target.schema` …).' },
  { name: 'doc', signature: "doc('name')", doc: 'The text of a `{% docs %}` block.' },
  { name: 'log', signature: 'log(msg, info=False)', doc: 'Writes to the log (and the console with `info=True`).' },
  { name: 'return', signature: 'return(value)', doc: 'Returns a value from a macro.' },
  { name: 'run_query', signature: 'run_query(sql)', doc: 'Runs a query against the warehouse during execution and returns its table.' },
  { name: 'adapter', signature: 'adapter', doc: 'Adapter methods (`adapter.get_relation`, `adapter.get_columns_in_relation` …).' },
  { name: 'exceptions', signature: 'exceptions', doc: '`exceptions.raise_compiler_error(msg)`, `exceptions.warn(msg)`.' },
  { name: 'modules', signature: 'modules', doc: 'Python modules dbt exposes: `modules.datetime`, `modules.re` …' },
  { name: 'execute', signature: 'execute', doc: 'False while parsing, true while running.' },
  { name: 'graph', signature: 'graph', doc: 'The project graph (`graph.nodes`, `graph.sources`).' },
  { name: 'invocation_id', signature: 'invocation_id', doc: 'The id of this run.' },
  { name: 'run_started_at', signature: 'run_started_at', doc: 'When this run started.' },
];
