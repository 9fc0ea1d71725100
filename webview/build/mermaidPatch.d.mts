import type { Plugin } from 'esbuild';
/** esbuild plugin: Mermaid's getConfig copies through webview/shared/configCopy.ts. */
export function mermaidPatch(): Plugin;
