export * from './warehouse';
export * from './results';
export { materializeTable, materializeView, relationKind, qualified, StatementError, withStatement, type MaterializeOutcome, type RelationKind } from './materialize';
export { loadSeed, seedSelect } from './seed';
