import type { Plugin } from 'esbuild';
/** [what, Mermaid's text, ours]: the edits the plugin makes. */
export const PATCHES: Array<[string, string, string]>;
/** [what, dagre-d3-es's text, ours]: the edits to its network simplex ranking. */
export const DAGRE_PATCHES: Array<[string, string, string]>;
/** esbuild plugin: Mermaid's configuration reads through webview/shared/configCopy.ts. */
export function mermaidPatch(): Plugin;
