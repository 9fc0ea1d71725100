export { Compiler, type CompiledNode } from './compiler';
export { parseNode, resolveDependencies, placeWithMacros } from './parse';
export { buildContext, newCapture, type ContextHost, type Capture, type RenderMode } from './context';
export { Relation } from './relation';
export { splitArgs, argAt, type CallArgs } from './args';
export { placeOfSqlError, type StatementLayout } from './sourceMap';
export { injectCtes } from './ephemeral';
