/**
 * Every problem the engine reports is a value with a place, so that each front end (CLI line,
 * Problems panel, JSON output) can point the user at the exact file, line and column to fix.
 */
export type ProblemSeverity = 'error' | 'warning' | 'info';

export interface Place {
  /** Absolute path of the file. */
  file: string;
  /** 1-based line. */
  line: number;
  /** 1-based column. */
  column: number;
  endLine?: number;
  endColumn?: number;
}

export interface RelatedPlace extends Place {
  message: string;
}

export interface Problem extends Place {
  /** Stable machine code, e.g. `yaml-syntax`, `jinja-syntax`, `unknown-ref`, `cycle`, `sql-error`. */
  code: string;
  severity: ProblemSeverity;
  message: string;
  /** What the user can do about it, when the engine knows. */
  hint?: string;
  related?: RelatedPlace[];
  /** Replacement suggestions (e.g. "did you mean" for an unknown ref). */
  suggestions?: string[];
}

/** An error that carries one or more problems with places; thrown inside the engine, caught at its edges. */
export class ProblemError extends Error {
  readonly problems: Problem[];
  constructor(problems: Problem | Problem[]) {
    const list = Array.isArray(problems) ? problems : [problems];
    super(list.map((p) => formatProblem(p)).join('\n'));
    this.name = 'ProblemError';
    this.problems = list;
  }
}

export function problem(
  code: string,
  message: string,
  place: Place,
  extra: Partial<Omit<Problem, 'code' | 'message'>> = {},
): Problem {
  return { code, message, severity: 'error', ...place, ...extra };
}

/** `path:line:col: severity: message (code)` — the shape editors and terminals turn into links. */
export function formatProblem(p: Problem, relativeTo?: string): string {
  let file = p.file;
  if (relativeTo && file.startsWith(relativeTo + '/')) file = file.slice(relativeTo.length + 1);
  const hint = p.hint ? `\n  hint: ${p.hint}` : '';
  return `${file}:${p.line}:${p.column}: ${p.severity}: ${p.message} [${p.code}]${hint}`;
}

/** Closest candidates by edit distance, for "did you mean" suggestions. */
export function closestNames(name: string, candidates: Iterable<string>, max = 3): string[] {
  const scored: Array<[number, string]> = [];
  const limit = Math.max(2, Math.floor(name.length / 3));
  for (const c of candidates) {
    const d = editDistance(name.toLowerCase(), c.toLowerCase());
    if (d <= limit || c.toLowerCase().includes(name.toLowerCase())) scored.push([d, c]);
  }
  scored.sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1]));
  return scored.slice(0, max).map(([, c]) => c);
}

function editDistance(a: string, b: string): number {
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}
