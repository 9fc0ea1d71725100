export { airflowDag, layerOf, AirflowExportError, type AirflowDag, type AirflowDagOptions, type AirflowGranularity, type AirflowRunner, type AirflowTask } from './airflow';
