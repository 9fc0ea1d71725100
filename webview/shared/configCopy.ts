/**
 * A faster equivalent of Mermaid 11's `getConfig()`, which deep-copies its whole configuration
 * with `assignWithDepth({}, currentConfig)` on every call: ~20 KB of settings for every diagram
 * type plus ~400 theme variables, copied key by key with `Object.defineProperty`. Mermaid calls it
 * several times per node and per edge, so for a 500-node flowchart the copies took ~45% of the
 * render (profiled in headless Chromium). The build (webview/build/mermaidPatch.mjs) makes
 * `getConfig` call `copyMermaidConfig`, and the few calls that run per node, label and edge call
 * `readMermaidConfig`.
 *
 * `copyMermaidConfig` gives the original's result: fresh objects at the top three levels, arrays
 * de-duplicated, `null` members left out, deeper objects shared. Even that fast copy was still a
 * fifth of a 500-node flowchart. The per-node callers only read, so `readMermaidConfig` hands
 * out one copy per configuration, frozen at the levels a copy makes fresh. A write to it throws
 * (the bundle is strict mode) instead of changing what the next caller sees; the panel then turns
 * snapshots off and draws again with fresh copies (mermaidRender.ts), so an unforeseen writer
 * costs speed, never a wrong picture. (Handing the snapshot to every getConfig caller was tried:
 * Mermaid's renderers do write to theirs, once per drawing.)
 */
type Bag = Record<string, unknown>;

let snapshots = true;
const snapshotOf = new WeakMap<object, object>();
let source: (() => object) | undefined;

/** The patched Mermaid tells where its current configuration is. */
export function setMermaidConfigSource(current: () => object): void {
  source = current;
}

/** For Mermaid's per-node reads: a frozen snapshot of its current configuration. */
export function readMermaidConfig(): object {
  return source ? mermaidConfigFor(source()) : {};
}

/** What Mermaid's getConfig returns: the frozen copy of this configuration, or a fresh copy. */
export function mermaidConfigFor<T extends object>(config: T): T {
  if (!snapshots) return copyMermaidConfig(config);
  let s = snapshotOf.get(config);
  if (!s) {
    s = freezeLevels(copyLevel(config, 2), 3);
    snapshotOf.set(config, s);
  }
  return s as T;
}

/** After a caller wrote to a snapshot: fresh copies from now on. */
export function stopConfigSnapshots(): void {
  snapshots = false;
}

export function configSnapshotsOn(): boolean {
  return snapshots;
}

/** The TypeError strict mode throws for a write to a frozen object. */
export function isFrozenWrite(e: unknown): boolean {
  return e instanceof TypeError && /read[- ]only|not extensible|Cannot (assign|add|delete|define|redefine)/i.test(e.message);
}

/** Freezes the copy's own levels only: below them objects are shared with Mermaid's configuration. */
function freezeLevels(o: object, levels: number): object {
  if (levels > 1) for (const v of Object.values(o)) if (typeof v === 'object' && v !== null) freezeLevels(v, levels - 1);
  return Object.freeze(o);
}

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
