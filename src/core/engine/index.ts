export { Engine, relationKey, type EngineOptions, type CommandKind } from './engine';
export { executorKey, problemsOfFailure, type ExecContext, type ExecOutcome, type NodeExecutor, type ExecutorTable } from './executors';
export { type RunEvents } from './runLoop';
export { shippedSqlDir, builtinMacroFiles } from './builtinMacros';
export { targetDir, writeManifest, writeRunResults, writeCompiledSql } from './artifacts';
