/** The panels' replacement for Mermaid's getConfig copy gives exactly what Mermaid's own copy gives. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { build } from 'esbuild';
import { configSnapshotsOn, copyMermaidConfig, isFrozenWrite, mermaidConfigFor, stopConfigSnapshots } from '../../../webview/shared/configCopy';

/** Mermaid 11.17.2's assignWithDepth (src/assignWithDepth.ts), verbatim but for layout: the reference. */
/* eslint-disable @typescript-eslint/no-explicit-any -- kept as Mermaid wrote it */
function assignWithDepth(dst: any, src: any, { depth = 2 }: { depth?: number } = {}): any {
  const config = { depth };
  if (Array.isArray(src) && !Array.isArray(dst)) {
    src.forEach((s) => assignWithDepth(dst, s, config));
    return dst;
  } else if (Array.isArray(src) && Array.isArray(dst)) {
    src.forEach((s) => {
      if (!dst.includes(s)) dst.push(s);
    });
    return dst;
  }
  if (dst === undefined || dst === null || depth <= 0) {
    if (dst !== undefined && dst !== null && typeof dst === 'object' && typeof src === 'object') return Object.assign(dst, src);
    return src;
  }
  if (src !== undefined && src !== null && typeof dst === 'object' && typeof src === 'object') {
    Object.entries(src).forEach(([key, srcValue]) => {
      if (typeof srcValue === 'object') {
        if (srcValue === null) return;
        if (!Object.hasOwn(dst, key)) Object.defineProperty(dst, key, { value: undefined, writable: true, enumerable: true, configurable: true });
        if (dst[key] === undefined) dst[key] = Array.isArray(srcValue) ? [] : {};
        if (typeof dst[key] === 'object') dst[key] = assignWithDepth(dst[key], srcValue, { depth: depth - 1 });
      } else if (typeof dst[key] !== 'object') {
        if (Object.hasOwn(dst, key)) dst[key] = srcValue;
        else Object.defineProperty(dst, key, { value: srcValue, writable: true, enumerable: true, configurable: true });
      }
    });
  }
  return dst;
}
/* eslint-enable @typescript-eslint/no-explicit-any */

const deep = { level4: { x: 1 } };
const fn = (): number => 1;
const config = {
  theme: 'base',
  maxEdges: 500,
  htmlLabels: false,
  gone: null,
  unset: undefined,
  secure: ['secure', 'securityLevel', 'secure'],
  render: fn,
  flowchart: { nodeSpacing: 30, curve: 'basis', nothing: null, list: [1, 1, 2], nested: { deep, n: 1, arr: [3, 3] } },
  themeVariables: Object.fromEntries(Array.from({ length: 400 }, (_, i) => [`colour${i}`, `#${String(i).padStart(6, '0')}`])),
};

void test('the copy equals Mermaid assignWithDepth({}, config): nulls dropped, arrays de-duplicated, three fresh levels', () => {
  const ours: typeof config = copyMermaidConfig(config);
  const theirs = assignWithDepth({}, config) as typeof config;
  assert.deepEqual(ours, theirs);
  assert.deepEqual(Object.keys(ours), Object.keys(theirs));
  assert.ok(!Object.hasOwn(ours, 'gone') && Object.hasOwn(ours, 'unset'));
  assert.deepEqual(ours.secure, ['secure', 'securityLevel']);
  assert.deepEqual(ours.flowchart.list, [1, 2]);
  assert.equal(ours.render, fn);
  // Fresh at the top three levels (callers may mutate), shared below, as in Mermaid.
  assert.notEqual(ours.flowchart, config.flowchart);
  assert.notEqual(ours.flowchart.nested, config.flowchart.nested);
  assert.equal(ours.flowchart.nested.deep, deep);
  assert.equal(theirs.flowchart.nested.deep, deep);
  ours.flowchart.nodeSpacing = 1;
  assert.equal(config.flowchart.nodeSpacing, 30);
});

void test('a "__proto__" key is copied as a key, not as the prototype', () => {
  const evil = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}') as object;
  const ours = copyMermaidConfig(evil) as Record<string, unknown>;
  assert.equal(Object.getPrototypeOf(ours), Object.prototype);
  assert.deepEqual(Object.keys(ours), ['__proto__', 'a']);
  assert.deepEqual(ours, assignWithDepth({}, evil));
});

void test('the build plugin points the pinned Mermaid getConfig at the copy', async () => {
  const { mermaidPatch } = await import('../../../webview/build/mermaidPatch.mjs');
  const r = await build({ stdin: { contents: "import mermaid from 'mermaid'; console.log(mermaid);", resolveDir: process.cwd() }, bundle: true, write: false, platform: 'browser', format: 'esm', logLevel: 'silent', plugins: [mermaidPatch()] });
  const text = r.outputFiles[0].text;
  assert.match(text, /getConfig = \/\* @__PURE__ \*\/ __name\(\(\) => copyMermaidConfig\(currentConfig\), "getConfig"\);\s*setMermaidConfigSource\(\(\) => currentConfig\)/);
  assert.doesNotMatch(text, /return assignWithDepth_default\(\{\}, currentConfig\)/);
  // The per-node and per-edge readers: labelHelper (3 places, 4 reads), insertEdgeLabel, insertEdge (3 reads), FlowDB.addVertex,
  // erBox (2), ErDB.addEntity, resolveEdgeCurveType, positionRenderedEdgeLabel.
  assert.equal(text.match(/(?<!function )readMermaidConfig\(\)/g)?.length, 14);
  // An ER table box: lines drawn once, empty labels dropped before its bounds are read.
  assert.match(text, /options\d*\.fillStyle = "solid";\s*options\d*\.disableMultiStroke = true;/);
  assert.match(text, /pruneErEntity\(shapeSvg\.node\(\)\);\s*updateNodeBounds\(node\d*, rect\d*\);/);
  // No forced layout per edge (path length) or per label line (fits from a canvas when clearly so).
  assert.match(text, /const len = edge\d*\.look === "neo" && !animatedEdge && typeof pathNode\.getTotalLength === "function"/);
  assert.match(text, /fitsWidth\(labelGroup\.node\(\), line\d+, width\d*\) \?\? computeWidthOfText\(labelGroup, lineHeight, line\d+\) <= width/);
  // dagre's network simplex: the array loop after the feasible tree.
  assert.match(text, /var t\d* = feasibleTree\(g\d*\);\s*if \(fastNetworkSimplex\(t\d*, g\d*\)\) return;/);
});

void test('one frozen snapshot per configuration; a write throws; after that, fresh copies', () => {
  const a = mermaidConfigFor(config);
  assert.equal(mermaidConfigFor(config), a);
  assert.deepEqual(a, assignWithDepth({}, config));
  assert.ok(Object.isFrozen(a) && Object.isFrozen(a.flowchart) && Object.isFrozen(a.flowchart.nested) && Object.isFrozen(a.secure));
  // Below the copied levels objects are Mermaid's own: not frozen.
  assert.ok(!Object.isFrozen(a.flowchart.nested.deep));
  const other = { ...config };
  assert.notEqual(mermaidConfigFor(other), a);
  let thrown: unknown;
  try {
    (a.flowchart as { nodeSpacing: number }).nodeSpacing = 1;
  } catch (e) {
    thrown = e;
  }
  assert.ok(isFrozenWrite(thrown), String(thrown));
  assert.ok(!isFrozenWrite(new TypeError('x is not a function')));
  assert.equal(config.flowchart.nodeSpacing, 30);
  stopConfigSnapshots();
  assert.equal(configSnapshotsOn(), false);
  const fresh = mermaidConfigFor(config);
  assert.notEqual(fresh, mermaidConfigFor(config));
  assert.ok(!Object.isFrozen(fresh));
});
