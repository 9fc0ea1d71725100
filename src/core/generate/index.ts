/**
 * Synthetic data: dataset specs (YAML) → tables in the project's DuckDB file, generated inside
 * DuckDB from seeded hashes, with Faker only for bounded value pools. See SPEC.md for the format.
 */
export { loadDatasetSpec, parseDatasetSpec, type LoadedSpec } from './load';
export { generateDataset, type GenerateOptions } from './generate';
export { CancelledError, scaledCount, type Progress } from './build';
export { datasetRelations, primaryKeyOf, type DatasetForeignKey, type DatasetRelation } from './relations';
export type { BatchChanges, ColumnInfo, GenerateReport, InjectedDefect, TableReport } from './outputs';
export type { ChangesSpec, ColumnSpec, DatasetSpec, DefectSpec, DefectType, Generator, RowsSpec, TableSpec } from './types';
