// esbuild plugin for the diagram panels' bundle: Mermaid's getConfig() deep-copies the whole
// configuration on every call (several calls per node and edge) and that copy was ~45% of drawing
// a 500-node flowchart. The plugin points getConfig at webview/shared/configCopy.ts, an equivalent
// copy without Object.defineProperty per key. Mermaid is pinned (package.json); if its source no
// longer holds the exact text, the build fails rather than silently shipping the slow path.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const ORIGINAL = 'var getConfig = /* @__PURE__ */ __name(() => {\n  return assignWithDepth_default({}, currentConfig);\n}, "getConfig");';
const copier = fileURLToPath(new URL('../shared/configCopy.ts', import.meta.url));

export function mermaidPatch() {
  let patched = 0;
  return {
    name: 'mermaid-fast-config',
    setup(build) {
      build.onStart(() => {
        patched = 0;
      });
      build.onLoad({ filter: /[\\/]mermaid[\\/]dist[\\/]chunks[\\/]mermaid\.core[\\/].*\.mjs$/ }, async (args) => {
        const text = await readFile(args.path, 'utf8');
        if (!text.includes(ORIGINAL)) return undefined;
        patched++;
        const replacement = `import { copyMermaidConfig as __msCopyConfig } from ${JSON.stringify(copier)};\n` + text.replace(ORIGINAL, 'var getConfig = /* @__PURE__ */ __name(() => __msCopyConfig(currentConfig), "getConfig");');
        return { contents: replacement, loader: 'js' };
      });
      build.onEnd((result) => {
        if (!result.errors.length && patched !== 1) result.errors.push({ text: `mermaid-fast-config: expected to patch Mermaid's getConfig once, patched ${patched} times (did Mermaid change?)` });
      });
    },
  };
}
