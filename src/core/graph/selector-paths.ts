/**
 * The `path:` and `file:` methods. dbt globs the selector on disk and matches a node when its
 * file, one of its folders, or its schema YAML is among the results; the same decision is made
 * here on the manifest's paths alone, so selection never touches the file system.
 */
import type { ManifestNode, SourceTable } from '../project/types';
import { hasGlob, nameMatcher, pathMatcher } from './glob';

type Entry = ManifestNode | SourceTable;

export function pathSelector(selector: string): (e: Entry) => boolean {
  const absolute = /^([A-Za-z]:)?[\\/]/.test(selector);
  const wanted = normalizePath(selector);
  const fileOf = (e: Entry): string => normalizePath(absolute ? e.abs_path : e.original_file_path);
  const yamlOf = (e: Entry): string | undefined => (absolute ? undefined : patchFileOf(e));
  if (!hasGlob(wanted)) {
    // Without wildcards, "the file or one of its folders" is a prefix test: no list to build.
    const folder = wanted.endsWith('/') ? wanted : `${wanted}/`;
    if (wanted === '.') return () => true;
    return (e) => {
      const file = fileOf(e);
      return file === wanted || file.startsWith(folder) || yamlOf(e) === wanted;
    };
  }
  const matches = pathMatcher(wanted);
  return (e) => {
    const yaml = yamlOf(e);
    return withParents(fileOf(e)).some(matches) || (yaml !== undefined && matches(yaml));
  };
}

/** dbt matches the file name; a relative path is accepted too, for `file:models/x.sql`. */
export function fileSelector(selector: string): (e: Entry) => boolean {
  const matches = nameMatcher(selector);
  return (e) => {
    const file = normalizePath(e.original_file_path);
    return matches(file.slice(file.lastIndexOf('/') + 1)) || matches(file);
  };
}

function patchFileOf(e: Entry): string | undefined {
  const patch = 'patch_path' in e ? e.patch_path : undefined;
  if (!patch) return undefined;
  // dbt stores `project_name://models/schema.yml`.
  const scheme = patch.indexOf('://');
  return normalizePath(scheme >= 0 ? patch.slice(scheme + 3) : patch);
}

/** The path itself, then each enclosing folder, ending with `.` for relative paths. */
function withParents(path: string): string[] {
  const out = [path];
  for (let cut = path.lastIndexOf('/'); cut > 0; cut = path.lastIndexOf('/', cut - 1)) out.push(path.slice(0, cut));
  if (!path.startsWith('/')) out.push('.');
  return out;
}

// Backslashes, `//`, a `.` segment or a trailing slash; paths from the loader rarely have any.
const NEEDS_NORMALIZING = /\\|\/\/|(?:^|\/)\.(?:\/|$)|.\/$/;

/** Forward slashes, no `./` or `//`, no trailing slash; `.` for the project root. */
export function normalizePath(path: string): string {
  if (path === '') return '.';
  if (!NEEDS_NORMALIZING.test(path)) return path;
  let p = path.replace(/\\/g, '/').replace(/\/{2,}/g, '/');
  while (p.startsWith('./')) p = p.slice(2);
  p = p.replace(/\/\.(?=\/|$)/g, '');
  if (p.length > 1 && p.endsWith('/')) p = p.slice(0, -1);
  return p === '' || p === '.' ? '.' : p;
}
