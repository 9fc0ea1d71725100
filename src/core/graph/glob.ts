/**
 * Unix-style wildcards as dbt uses them: Python's `fnmatch` for names (where `*` crosses every
 * character) and `pathlib` globbing for `path:` (where `*` stays inside one path segment).
 */

const GLOB_CHARS = /[*?[\]]/;

export function hasGlob(pattern: string): boolean {
  return GLOB_CHARS.test(pattern);
}

/** `fnmatch(text, pattern)`: case-sensitive, like Python on POSIX. */
export function fnmatch(text: string, pattern: string): boolean {
  return nameMatcher(pattern)(text);
}

/**
 * A compiled `fnmatch` pattern. Selection tests one pattern against every node, so the pattern
 * is translated once and a plain string comparison is used when it has no wildcard.
 */
export function nameMatcher(pattern: string): (text: string) => boolean {
  if (!hasGlob(pattern)) return (text) => text === pattern;
  const re = new RegExp('^' + translate(pattern, false) + '$', 's');
  return (text) => re.test(text);
}

/** A compiled `pathlib` glob: `*`, `?` and `[...]` never match `/`; `**` matches any folders. */
export function pathMatcher(pattern: string): (path: string) => boolean {
  if (!hasGlob(pattern)) return (path) => path === pattern;
  const re = new RegExp('^' + translate(pattern, true) + '$', 's');
  return (path) => re.test(path);
}

function translate(pattern: string, segmented: boolean): string {
  const anyChar = segmented ? '[^/]' : '.';
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === '*') {
      if (segmented && pattern[i + 1] === '*') {
        // `a/**/b` must also match `a/b`, so the folder part and its slash are optional together.
        const slash = pattern[i + 2] === '/';
        out += slash ? '(?:.*/)?' : '.*';
        i += slash ? 3 : 2;
        continue;
      }
      out += anyChar + '*';
    } else if (c === '?') {
      out += anyChar;
    } else if (c === '[') {
      const end = findClassEnd(pattern, i);
      if (end < 0) {
        // fnmatch treats an unclosed `[` as a literal character.
        out += '\\[';
      } else {
        out += classToRegExp(pattern.slice(i + 1, end), segmented);
        i = end;
      }
    } else {
      out += escapeRegExp(c);
    }
    i++;
  }
  return out;
}

function findClassEnd(pattern: string, open: number): number {
  let j = open + 1;
  if (pattern[j] === '!') j++;
  // A `]` right after `[` or `[!` is a literal member of the class.
  if (pattern[j] === ']') j++;
  const end = pattern.indexOf(']', j);
  return end;
}

function classToRegExp(body: string, segmented: boolean): string {
  let negate = false;
  if (body.startsWith('!')) {
    negate = true;
    body = body.slice(1);
  }
  const escaped = body.replace(/[\\^\]]/g, (ch) => '\\' + ch);
  const noSlash = segmented ? '/' : '';
  if (negate) return `[^${escaped}${noSlash}]`;
  return segmented ? `(?!/)[${escaped}]` : `[${escaped}]`;
}

function escapeRegExp(c: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(c) ? '\\' + c : c;
}
