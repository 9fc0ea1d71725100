export * from './types';
export { loadProject, type LoadOptions } from './load';
export { placeNode, relationName, defaultSchemaName, quoteIdent } from './relation';
export { mergeConfig, finalizeConfig, scopedConfigFor } from './configMerge';
export { findBlocks, lineColAt, keepOnly } from './blocks';
export { YamlFile } from './yamlFile';
