export * from './warehouse';
export * from './results';
export { materializeTable, materializeView, relationKind, qualified, StatementError, withStatement, type MaterializeOutcome, type RelationKind } from './materialize';
export { loadSeed, seedSelect } from './seed';
export { describeRelation } from './runHelpers';
export { materializeIncremental, shouldFullRefresh, diffColumns, strategySql, INCREMENTAL_STRATEGIES, ON_SCHEMA_CHANGE, type IncrementalOptions, type IncrementalStrategy, type OnSchemaChange, type SchemaDiff } from './incremental';
export { runSnapshot, placeSnapshot, snapshotPlan, type SnapshotOptions } from './snapshot';
export { type SnapshotPlan, type MetaColumns, type HardDeletes, type SnapshotStrategy } from './snapshotSql';
