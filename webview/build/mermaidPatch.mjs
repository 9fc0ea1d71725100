// esbuild plugin for the diagram panels' bundle. Mermaid's getConfig() deep-copies its whole
// configuration on every call, several times per node and edge: the copies were ~45% of drawing a
// 500-node flowchart. The plugin (1) makes getConfig use an equivalent copy without
// Object.defineProperty per key, and (2) points the calls that run once per node, label and edge,
// which only read the configuration, at a frozen snapshot instead (webview/shared/configCopy.ts
// explains why a write there is caught, not silent). Mermaid is pinned (package.json); every
// patch must apply exactly once, or the build fails rather than silently shipping the slow path.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const copier = fileURLToPath(new URL('../shared/configCopy.ts', import.meta.url));
const READ = '__msConfig.readMermaidConfig()';

/** [what, Mermaid 11.17.2's text, ours]. */
export const PATCHES = [
  [
    'getConfig: the equivalent copy, and where the snapshots read from',
    'var getConfig = /* @__PURE__ */ __name(() => {\n  return assignWithDepth_default({}, currentConfig);\n}, "getConfig");',
    'var getConfig = /* @__PURE__ */ __name(() => __msConfig.copyMermaidConfig(currentConfig), "getConfig");\n__msConfig.setMermaidConfigSource(() => currentConfig);',
  ],
  [
    'labelHelper (every node label)',
    '  const useHtmlLabels = node.useHtmlLabels || evaluate(getConfig2()?.htmlLabels);',
    `  const useHtmlLabels = node.useHtmlLabels || evaluate(${READ}?.htmlLabels);`,
  ],
  [
    'labelHelper: the label text and its width',
    '    sanitizeText(decodeEntities(label), getConfig2()),\n    {\n      useHtmlLabels,\n      width: node.width || node.wrappingWidth || getConfig2().flowchart?.wrappingWidth,',
    `    sanitizeText(decodeEntities(label), ${READ}),\n    {\n      useHtmlLabels,\n      width: node.width || node.wrappingWidth || ${READ}.flowchart?.wrappingWidth,`,
  ],
  [
    'labelHelper: createText',
    '      markdown: isMarkdown\n    },\n    getConfig2()\n  );\n  const halfPadding = (node?.padding ?? 0) / 2;',
    `      markdown: isMarkdown\n    },\n    ${READ}\n  );\n  const halfPadding = (node?.padding ?? 0) / 2;`,
  ],
  [
    'insertEdgeLabel (every edge)',
    'var insertEdgeLabel = /* @__PURE__ */ __name(async (elem, edge) => {\n  const config = getConfig2();',
    `var insertEdgeLabel = /* @__PURE__ */ __name(async (elem, edge) => {\n  const config = ${READ};`,
  ],
  ['insertEdge (every edge)', '  const { handDrawnSeed, layout } = getConfig2();\n  let points = edge.points;', `  const { handDrawnSeed, layout } = ${READ};\n  let points = edge.points;`],
  [
    'FlowDB.addVertex (every node while parsing)',
    '    if (textObj !== void 0) {\n      this.config = getConfig();\n      txt = this.sanitizeText(textObj.text.trim());',
    `    if (textObj !== void 0) {\n      this.config = ${READ};\n      txt = this.sanitizeText(textObj.text.trim());`,
  ],
];

export function mermaidPatch() {
  let applied = new Map();
  return {
    name: 'mermaid-fast-config',
    setup(build) {
      build.onStart(() => {
        applied = new Map();
      });
      build.onLoad({ filter: /[\\/]mermaid[\\/]dist[\\/]chunks[\\/]mermaid\.core[\\/].*\.mjs$/ }, async (args) => {
        let text = await readFile(args.path, 'utf8');
        let changed = false;
        for (const [what, original, ours] of PATCHES) {
          const n = text.split(original).length - 1;
          if (!n) continue;
          applied.set(what, (applied.get(what) ?? 0) + n);
          text = text.replace(original, ours);
          changed = true;
        }
        if (!changed) return undefined;
        return { contents: `import * as __msConfig from ${JSON.stringify(copier)};\n${text}`, loader: 'js' };
      });
      build.onEnd((result) => {
        if (result.errors.length) return;
        for (const [what] of PATCHES) {
          const n = applied.get(what) ?? 0;
          if (n !== 1) result.errors.push({ text: `mermaid-fast-config: "${what}" applied ${n} times, expected once (did Mermaid change?)` });
        }
      });
    },
  };
}
