/**
 * A faster equivalent of Mermaid 11's `getConfig()`, which deep-copies its whole configuration
 * with `assignWithDepth({}, currentConfig)` on every call: ~20 KB of settings for every diagram
 * type plus ~400 theme variables, copied key by key with `Object.defineProperty`. Mermaid calls it
 * several times per node and per edge, so for a 500-node flowchart the copies took ~45% of the
 * render (profiled in headless Chromium). The build (webview/build/mermaidPatch.mjs) makes
 * `getConfig` call this instead. Same result as the original: fresh objects at the top three
 * levels, arrays de-duplicated, `null` members left out, deeper objects shared; callers may
 * still mutate what they get.
 */
type Bag = Record<string, unknown>;

export function copyMermaidConfig<T extends object>(config: T): T {
  return copyLevel(config, 2) as T;
}

function copyLevel(value: object, depth: number): object {
  if (Array.isArray(value)) return unique(value);
  if (depth <= 0) return Object.assign({}, value);
  const out: Bag = {};
  const src = value as Bag;
  for (const key of Object.keys(src)) {
    const v = src[key];
    if (v === null) continue;
    const copy = typeof v === 'object' ? copyLevel(v, depth - 1) : v;
    // Plain assignment would set the prototype for this one key; the original defines it.
    if (key === '__proto__') Object.defineProperty(out, key, { value: copy, writable: true, enumerable: true, configurable: true });
    else out[key] = copy;
  }
  return out;
}

function unique(values: unknown[]): unknown[] {
  const out: unknown[] = [];
  values.forEach((v) => {
    if (!out.includes(v)) out.push(v);
  });
  return out;
}
