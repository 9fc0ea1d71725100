// esbuild plugin for the diagram panels' bundle. Mermaid's getConfig() deep-copies its whole
// configuration on every call, several times per node and edge: the copies were ~45% of drawing a
// 500-node flowchart. The plugin (1) makes getConfig use an equivalent copy without
// Object.defineProperty per key, and (2) points the calls that run once per node, ER table, label and edge,
// which only read the configuration, at a frozen snapshot instead (webview/shared/configCopy.ts
// explains why a write there is caught, not silent), (3) has an ER table box drop the labels
// and label backgrounds that draw nothing (webview/shared/erPrune.ts), (4) spares the browser a
// forced layout per edge (a path length only the neo look uses) and per label line (whether it
// fits, webview/shared/textFit.ts), and (5) runs dagre's network simplex ranking on arrays
// (webview/shared/networkSimplex.ts). Mermaid is pinned (package.json), and with it dagre-d3-es;
// every patch must apply exactly once, or the build fails rather than silently shipping the slow path.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const copier = fileURLToPath(new URL('../shared/configCopy.ts', import.meta.url));
const erPrune = fileURLToPath(new URL('../shared/erPrune.ts', import.meta.url));
const textFit = fileURLToPath(new URL('../shared/textFit.ts', import.meta.url));
const simplex = fileURLToPath(new URL('../shared/networkSimplex.ts', import.meta.url));
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
    'insertEdge: the arrow markers (every edge)',
    '  if (getConfig2().flowchart.arrowMarkerAbsolute || getConfig2().state.arrowMarkerAbsolute) {',
    `  if (${READ}.flowchart.arrowMarkerAbsolute || ${READ}.state.arrowMarkerAbsolute) {`,
  ],
  [
    // Reading a path's length makes the browser lay the page out (a new path is not laid out yet),
    // once per edge: over 500 layouts for the 500-node lineage. Only the "neo" look uses it.
    'insertEdge: the path length only where it is used (the neo look)',
    '    const len = typeof pathNode.getTotalLength === "function" ? pathNode.getTotalLength() : 0;',
    '    const len = edge.look === "neo" && !animatedEdge && typeof pathNode.getTotalLength === "function" ? pathNode.getTotalLength() : 0;',
  ],
  ['resolveEdgeCurveType (every edge)', '  return typeof edgeCurve === "string" ? edgeCurve : getConfig2()?.flowchart?.curve;', `  return typeof edgeCurve === "string" ? edgeCurve : ${READ}?.flowchart?.curve;`],
  [
    'positionRenderedEdgeLabel (every labelled edge)',
    'function positionRenderedEdgeLabel(edge, paths) {\n  const path = paths?.updatedPath ?? paths?.originalPath;\n  const siteConfig = getConfig();',
    `function positionRenderedEdgeLabel(edge, paths) {\n  const path = paths?.updatedPath ?? paths?.originalPath;\n  const siteConfig = ${READ};`,
  ],
  [
    'FlowDB.addVertex (every node while parsing)',
    '    if (textObj !== void 0) {\n      this.config = getConfig();\n      txt = this.sanitizeText(textObj.text.trim());',
    `    if (textObj !== void 0) {\n      this.config = ${READ};\n      txt = this.sanitizeText(textObj.text.trim());`,
  ],
  [
    'erBox: its theme (every ER table)',
    '  const { theme, themeVariables } = getConfig();\n  const { rowEven, rowOdd, nodeBorder, borderColorArray } = themeVariables;\n  if (node.look === "handDrawn") {',
    `  const { theme, themeVariables } = ${READ};\n  const { rowEven, rowOdd, nodeBorder, borderColorArray } = themeVariables;\n  if (node.look === "handDrawn") {`,
  ],
  [
    'erBox: the configuration its labels are drawn with (every ER table)',
    '  const config = getConfig();\n  node.useHtmlLabels = config.htmlLabels;\n  let PADDING = config.er?.diagramPadding ?? 10;',
    `  const config = ${READ};\n  node.useHtmlLabels = config.htmlLabels;\n  let PADDING = config.er?.diagramPadding ?? 10;`,
  ],
  ['ErDB.addEntity (every ER table while parsing)', '        look: getConfig().look ?? "default",', `        look: ${READ}.look ?? "default",`],
  [
    'erBox: lines drawn once (rough.js draws each twice, on the same line when roughness is 0)',
    '    options.roughness = 0;\n    options.fillStyle = "solid";\n  }\n  let totalShapeBBoxHeight = 0;',
    '    options.roughness = 0;\n    options.fillStyle = "solid";\n    options.disableMultiStroke = true;\n  }\n  let totalShapeBBoxHeight = 0;',
  ],
  [
    'erBox: drop the table box labels and label backgrounds that draw nothing (webview/shared/erPrune.ts)',
    '    shapeSvg.insert(() => roughLine).attr("class", "divider");\n  }\n  updateNodeBounds(node, rect);\n  if (nodeStyles && node.look !== "handDrawn") {',
    '    shapeSvg.insert(() => roughLine).attr("class", "divider");\n  }\n  __msEr.pruneErEntity(shapeSvg.node());\n  updateNodeBounds(node, rect);\n  if (nodeStyles && node.look !== "handDrawn") {',
  ],
  [
    'createFormattedText: whether a line fits, from a canvas when clearly so (webview/shared/textFit.ts)',
    '    const checkWidth = /* @__PURE__ */ __name((line2) => computeWidthOfText(labelGroup, lineHeight, line2) <= width, "checkWidth");',
    '    const checkWidth = /* @__PURE__ */ __name((line2) => __msFit.fitsWidth(labelGroup.node(), line2, width) ?? computeWidthOfText(labelGroup, lineHeight, line2) <= width, "checkWidth");',
  ],
];

/** [what, dagre-d3-es 7.0.14's text (pinned by Mermaid), ours]: patches to src/dagre/rank/network-simplex.js. */
export const DAGRE_PATCHES = [
  [
    "networkSimplex: the exchange loop on arrays once the feasible tree is built (webview/shared/networkSimplex.ts)",
    '  var t = feasibleTree(g);\n  initLowLimValues(t);\n  initCutValues(t, g);\n',
    '  var t = feasibleTree(g);\n  if (__msRank.fastNetworkSimplex(t, g)) return;\n  initLowLimValues(t);\n  initCutValues(t, g);\n',
  ],
];

/** Applies `patches` to `text`, counting each in `applied`; undefined when none applies. */
function patch(text, patches, applied) {
  let changed = false;
  for (const [what, original, ours] of patches) {
    const n = text.split(original).length - 1;
    if (!n) continue;
    applied.set(what, (applied.get(what) ?? 0) + n);
    text = text.replace(original, ours);
    changed = true;
  }
  return changed ? text : undefined;
}

export function mermaidPatch() {
  let applied = new Map();
  return {
    name: 'mermaid-fast-config',
    setup(build) {
      build.onStart(() => {
        applied = new Map();
      });
      build.onLoad({ filter: /[\\/]mermaid[\\/]dist[\\/]chunks[\\/]mermaid\.core[\\/].*\.mjs$/ }, async (args) => {
        const text = patch(await readFile(args.path, 'utf8'), PATCHES, applied);
        if (text === undefined) return undefined;
        return { contents: `import * as __msConfig from ${JSON.stringify(copier)};\nimport * as __msEr from ${JSON.stringify(erPrune)};\nimport * as __msFit from ${JSON.stringify(textFit)};\n${text}`, loader: 'js' };
      });
      build.onLoad({ filter: /[\\/]dagre-d3-es[\\/]src[\\/]dagre[\\/]rank[\\/]network-simplex\.js$/ }, async (args) => {
        const text = patch(await readFile(args.path, 'utf8'), DAGRE_PATCHES, applied);
        if (text === undefined) return undefined;
        return { contents: `import * as __msRank from ${JSON.stringify(simplex)};\n${text}`, loader: 'js' };
      });
      build.onEnd((result) => {
        if (result.errors.length) return;
        for (const [what] of [...PATCHES, ...DAGRE_PATCHES]) {
          const n = applied.get(what) ?? 0;
          if (n !== 1) result.errors.push({ text: `mermaid-fast-config: "${what}" applied ${n} times, expected once (did Mermaid change?)` });
        }
      });
    },
  };
}
