/**
 * "Did you mean" quick fixes: the diagnostic of an unknown ref or source spans the whole call,
 * so the fix rewrites that call's name arguments and keeps the user's quoting and spacing.
 */

/** The call text with its name replaced, or undefined when the text is not a recognisable call. */
export function fixedCall(code: string, callText: string, suggestion: string): string | undefined {
  if (code === 'unknown-ref') {
    // The model name is the last quoted argument: ref('name') or ref('package', 'name').
    const m = /^(.*)(['"])([^'"]*)\2(\s*(?:,[^)]*)?\)\s*)$/s.exec(callText);
    if (!m || !callText.startsWith('ref')) return undefined;
    return `${m[1]}${m[2]}${suggestion}${m[2]}${m[4]}`;
  }
  if (code === 'unknown-source') {
    const dot = suggestion.indexOf('.');
    if (dot < 0) return undefined;
    const m = /^source\(\s*(['"])[^'"]*\1(\s*,\s*)(['"])[^'"]*\3(\s*\))$/s.exec(callText);
    if (!m) return undefined;
    return `source(${m[1]}${suggestion.slice(0, dot)}${m[1]}${m[2]}${m[3]}${suggestion.slice(dot + 1)}${m[3]}${m[4]}`;
  }
  return undefined;
}
