/**
 * A Jinja2-compatible template environment for dbt models and macros: renders as Python Jinja2
 * 3.1.6 does with dbt's settings (sandboxed, `do` and loop-control extensions, default Undefined,
 * no block trimming), with dbt's macro semantics (`return()`, macros see the calling model's
 * context, `{% test %}` blocks). Errors are `ProblemError`s placed in the user's source.
 */
import { closestNames, ProblemError, problem } from '../problems';
import { compileBody } from './compile-stmt';
import { JinjaError, toPublic } from './errors';
import { SEQ_FILTERS } from './filters-seq';
import { formatFilter, TEXT_FILTERS } from './filters-text';
import { builtinGlobals } from './globals';
import { LineMapOut } from './linemap';
import { compileMacroFile, type CompiledMacroFile, type MacroInfo } from './macro-files';
import { parseTemplate } from './parser';
import { callValue, RenderState, Scope, StrOut, type EngineCore, type Exec, type FilterFn, type Out } from './runtime';
import { TESTS } from './tests';
import { isPlainObject, PyFloat, Undefined } from './values';

export type { MacroInfo } from './macro-files';
export { isKwargs, splitArgs } from './values';

export interface RenderOptions {
  /** Absolute path of the template, used in error places. */
  file: string;
}

/** Upper bound on cached templates; past it the cache starts over (a project rarely comes close). */
const TEMPLATE_CACHE_SIZE = 5000;

export class JinjaEnvironment {
  private readonly core: EngineCore = {
    macros: new Map(),
    globals: builtinGlobals(),
    filters: new Map<string, FilterFn>([...TEXT_FILTERS, ['format', formatFilter], ...SEQ_FILTERS]),
    tests: new Map(TESTS),
  };
  /** file → source → compiled; two levels so lookups hash strings the caller already holds. */
  private readonly templates = new Map<string, Map<string, Exec>>();
  private templateCount = 0;
  private readonly macroFileCache = new Map<string, CompiledMacroFile>();
  private macroInfos: MacroInfo[] = [];

  /**
   * Replace the set of macro files. Files whose text did not change are not re-parsed. When some
   * files have syntax errors, the macros of all other files are still installed and then a
   * ProblemError listing every syntax error is thrown (`getMacros()` still returns what was found).
   */
  setMacroFiles(files: Array<{ file: string; source: string }>): MacroInfo[] {
    const macros = new Map<string, CompiledMacroFile['defs'][number]>();
    const infos: MacroInfo[] = [];
    const problems: ProblemError[] = [];
    const cache = new Map<string, CompiledMacroFile>();
    for (const { file, source } of files) {
      const key = `${file}\0${source}`;
      let compiled = this.macroFileCache.get(key);
      if (!compiled) {
        try {
          compiled = compileMacroFile(file, source);
        } catch (e) {
          problems.push(isStackOverflow(e) ? tooDeep(file) : (toPublic(e, { file, line: 1, column: 1 }) as ProblemError));
          continue;
        }
      }
      cache.set(key, compiled);
      infos.push(...compiled.infos);
      for (const def of compiled.defs) macros.set(def.name, def);
    }
    this.macroFileCache.clear();
    for (const [k, v] of cache) this.macroFileCache.set(k, v);
    this.core.macros = macros;
    this.macroInfos = infos;
    if (problems.length) throw new ProblemError(problems.flatMap((p) => p.problems));
    return infos.slice();
  }

  /** The macros installed by the last `setMacroFiles`. */
  getMacros(): MacroInfo[] {
    return this.macroInfos.slice();
  }

  hasMacro(name: string): boolean {
    return this.core.macros.has(name);
  }

  /** Add or replace a filter. It receives the value, positional args and keyword args. */
  addFilter(name: string, fn: (value: unknown, args: unknown[], kwargs: Record<string, unknown>) => unknown): void {
    this.core.filters.set(name, (_st, v, a, kw) => fn(v, a, kw));
  }

  render(source: string, context: Record<string, unknown>, opts: RenderOptions): string {
    const out = new StrOut();
    this.run(source, context, opts.file, out);
    return out.s;
  }

  renderWithLineMap(source: string, context: Record<string, unknown>, opts: RenderOptions): { output: string; lineMap: number[] } {
    const out = new LineMapOut();
    this.run(source, context, opts.file, out);
    return { output: out.s, lineMap: out.finish() };
  }

  /** Call a registered macro; returns what it `return()`ed, else its rendered text. */
  callMacro(name: string, context: Record<string, unknown>, args: unknown[], kwargs: Record<string, unknown> = {}): unknown {
    const def = this.core.macros.get(name);
    if (!def) {
      const suggestions = closestNames(name, this.core.macros.keys());
      throw new ProblemError(
        problem('jinja-render', `no macro named '${name}'`, { file: '', line: 1, column: 1 }, suggestions.length ? { suggestions } : {}),
      );
    }
    const st = new RenderState(this.core, new Scope(null, context));
    try {
      return toJsDeep(callValue(st.global(name), args, kwargs));
    } catch (e) {
      throw toPublic(e, { file: def.file, line: def.line, column: def.col });
    }
  }

  private run(source: string, context: Record<string, unknown>, file: string, out: Out): void {
    const exec = this.compile(source, file);
    const root = new Scope(null, context);
    const st = new RenderState(this.core, root);
    try {
      exec(new Scope(root), st, out);
    } catch (e) {
      throw toPublic(e, { file, line: 1, column: 1 });
    }
  }

  private compile(source: string, file: string): Exec {
    let bySource = this.templates.get(file);
    const hit = bySource?.get(source);
    if (hit) return hit;
    let exec: Exec;
    try {
      exec = compileBody(parseTemplate(source, file).body, { file });
    } catch (e) {
      if (e instanceof JinjaError) throw toPublic(e, { file, line: 1, column: 1 });
      if (isStackOverflow(e)) throw tooDeep(file);
      throw e;
    }
    if (this.templateCount >= TEMPLATE_CACHE_SIZE) {
      this.templates.clear();
      this.templateCount = 0;
    }
    if (!bySource) this.templates.set(file, (bySource = new Map()));
    // Keep a few versions per file (an editor re-renders while typing); drop the oldest beyond that.
    if (bySource.size >= 4) {
      const oldest = bySource.keys().next().value;
      if (oldest !== undefined) bySource.delete(oldest);
      this.templateCount--;
    }
    bySource.set(source, exec);
    this.templateCount++;
    return exec;
  }
}

/**
 * The parser and compiler recurse once per nesting level (brackets, `not`, blocks, a chain of
 * operators); thousands of levels overflow the JS stack. That is the template's fault, so it is a
 * problem in the template, not an exception escaping to the caller.
 */
function isStackOverflow(e: unknown): boolean {
  return e instanceof RangeError && /call stack/i.test(e.message);
}

function tooDeep(file: string): ProblemError {
  return new ProblemError(
    problem('jinja-syntax', 'the template nests too deeply to be parsed (thousands of brackets, blocks or operators inside one another)', { file, line: 1, column: 1 }, {
      hint: 'Split the expression or the blocks; Jinja templates are not meant to nest this deep.',
    }),
  );
}

/** Hand values back to JS without Python-only wrappers (integral floats, Undefined). */
function toJsDeep(v: unknown): unknown {
  if (v instanceof PyFloat) return v.value;
  if (v instanceof Undefined) return undefined;
  if (Array.isArray(v)) {
    return v.some((x) => x instanceof PyFloat || x instanceof Undefined || Array.isArray(x) || isPlainObject(x)) ? v.map(toJsDeep) : v;
  }
  if (isPlainObject(v)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v)) out[k] = toJsDeep(v[k]);
    return out;
  }
  return v;
}
