/**
 * The sandbox around project SQL. DuckDB's own settings do most of the enforcing (see
 * `Warehouse.applySandbox`); this module covers what they leave open in DuckDB 1.5.6 and turns
 * DuckDB's terse refusals into messages that say what was refused and why.
 *
 * Holes remain with the configuration locked and external access off, all found by trying:
 * - `INSTALL x [FROM repo]` and `UPDATE EXTENSIONS` still go to the network (no setting stops an
 *   explicit `FROM 'http://…'`), so they are refused before DuckDB runs them.
 * - `enable_logging(storage = 'file', storage_path = '/elsewhere')` is accepted; every later
 *   statement then fails and DuckDB aborts the whole process when it closes (a server crash).
 *   `enable_profiling(save_location = …)` likewise breaks every later query. The names can be
 *   hidden in `query('…' || '…')`, a macro or a view. Temporary macros of the same names shadow
 *   them for every unqualified call (however it was spelled); a qualified `system.main.…` call in
 *   the statement text is caught on DuckDB's own plan (EXPLAIN binds but runs nothing).
 *
 * Left open, by cost: a database file prepared elsewhere with a stored SQL macro that calls
 * `system.main.enable_logging` (listing macros costs ~150 ms a open); views are scanned.
 */
import { realpathSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { StatementType, type DuckDBConnection, type DuckDBExtractedStatements } from '@duckdb/node-api';

export interface SandboxScope {
  projectRoot: string;
  /** Every folder SQL may use (project, target/, extra folders), absolute. */
  directories: string[];
  /** Single files SQL may use (the database file and its WAL when they live elsewhere). */
  files: string[];
}

/** A refusal, placed at `position` (a character offset in the statement) when it is known. */
export interface Refusal {
  reason: 'file' | 'setting' | 'extension' | 'logging' | 'statements' | 'unchecked';
  detail: string;
  position?: number;
}

/**
 * Text without which SQL can reach none of those: the statements themselves, the functions (by
 * name, or built at run time by `query`/`query_table`), and ATTACH (another file's views). Other
 * SQL runs unchecked, so the screen costs a regex test on the hot path.
 */
const TRIGGER = /\b(install|extensions|attach)\b|logging|profiling|query(_table)?"?\s*(\/\*[\s\S]*?\*\/\s*|--[^\n]*\n\s*)*\(/i;
/** Definitions stored in a database that could smuggle the same in (RE2 syntax). */
const STORED_TRIGGER = 'install|extensions|attach|logging|profiling|query';
const FORBIDDEN_PLAN = /\b(ENABLE_LOGGING|ENABLE_PROFILING)\b/;
/** Table functions replaced, for this connection, by macros that refuse (named parameters as DuckDB's). */
const SHADOWED: Record<string, string[]> = {
  enable_logging: ['types', 'level', 'storage', 'storage_path', 'storage_config', 'storage_buffer_size', 'storage_normalize'],
  enable_profiling: ['mode', 'metrics', 'save_location', 'coverage', 'format'],
};
/** Statement kinds EXPLAIN cannot show that also cannot call a table function. */
const UNPLANNABLE_OK = new Set<number>([StatementType.TRANSACTION, StatementType.SET, StatementType.VARIABLE_SET, StatementType.DROP, StatementType.ALTER, StatementType.ATTACH, StatementType.DETACH, StatementType.VACUUM]);

export class SandboxGuard {
  /**
   * Once SQL has mentioned a trigger word (it may have stored a view or macro built from it) every
   * later statement is checked on its plan. Costs ~1–5 ms a statement, so only then.
   */
  private tainted = false;

  constructor(readonly scope: SandboxScope) {}

  /** Temporary macros (this connection only) that answer any unqualified call with a refusal. */
  async shadow(c: DuckDBConnection): Promise<void> {
    for (const [name, params] of Object.entries(SHADOWED)) {
      const refusal = `the sandbox refused to call ${name}(): ${CALL_WHY}`;
      await c.run(`create or replace temp macro ${name}(${params.map((p) => `${p} := null`).join(', ')}) as table select error('${refusal.replace(/'/g, "''")}')`);
    }
  }

  /** A database that already holds views using trigger words is checked from the start. */
  async scanStored(c: DuckDBConnection): Promise<void> {
    const r = await c.runAndReadAll(`select count(*)::integer from duckdb_views() where not internal and regexp_matches(sql, '${STORED_TRIGGER}', 'i')`);
    if (Number(r.getRows()[0]?.[0] ?? 0) > 0) this.tainted = true;
  }

  /** A refusal for `sql`, or undefined when it may run. Parse and bind errors propagate as DuckDB's own. */
  async screen(c: DuckDBConnection, sql: string): Promise<Refusal | undefined> {
    if (!this.tainted && !TRIGGER.test(sql)) return undefined;
    this.tainted = true;
    const extracted = await c.extractStatements(sql);
    if (extracted.count > 1) return await severalStatements(extracted, sql);
    if (extracted.count === 0) return undefined;
    const prepared = await extracted.prepare(0);
    const type = prepared.statementType;
    prepared.destroySync();
    if (type === StatementType.LOAD || type === StatementType.UPDATE_EXTENSIONS) return extensionRefusal(sql);
    let plan: string;
    try {
      const rows = (await c.runAndReadAll(`EXPLAIN ${sql}`)).getRows();
      plan = rows.map((r) => r.map(String).join(' ')).join('\n');
    } catch {
      if (UNPLANNABLE_OK.has(type)) return undefined;
      return { reason: 'unchecked', detail: `the sandbox refused a statement it could not check (DuckDB cannot EXPLAIN it).\nWrite the model as a plain query.`, position: 0 };
    }
    const m = FORBIDDEN_PLAN.exec(plan);
    if (!m) return undefined;
    return callRefusal(m[1].toLowerCase(), sql);
  }

  /** DuckDB's own sandbox errors in words that say what was refused and why; undefined for other errors. */
  explain(kind: string, detail: string, sql: string): Refusal | undefined {
    const file = /Cannot access (?:file|directory) "([^"]*)" - file system operations are disabled by configuration/.exec(detail);
    if (file) {
      return { reason: 'file', detail: `the sandbox refused access to "${file[1]}": ${this.whyOutside(file[1])}.\n${this.allowedHint()}`, position: indexOfLiteral(sql, file[1]) };
    }
    const setting = /Cannot change configuration option "([^"]*)" - the configuration has been locked/.exec(detail);
    if (setting) {
      return {
        reason: 'setting',
        detail: `the sandbox refused to change the setting ${setting[1]}: DuckDB's configuration is locked while project SQL runs, so that SQL cannot switch the sandbox off.\nRemove the SET, RESET or PRAGMA statement.`,
        position: indexOfWord(sql, setting[1]),
      };
    }
    if (/Loading external extensions is disabled/i.test(detail)) return extensionRefusal(sql);
    // Our shadow macros: their own error, or a call with arguments they do not take.
    const shadowed = /the sandbox refused to call (\w+)\(\)/.exec(detail) ?? (kind === 'Binder' ? /\b(enable_logging|enable_profiling)\b/i.exec(detail) : null);
    if (shadowed) return callRefusal(shadowed[1].toLowerCase(), sql);
    if (kind === 'Permission') return { reason: 'file', detail: `the sandbox refused it: ${detail.split('\n')[0]}.\n${this.allowedHint()}` };
    return undefined;
  }

  private whyOutside(path: string): string {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path)) return 'it is a remote address, and project SQL has no network access';
    const abs = resolve(path);
    if (this.inside(abs)) {
      const real = realpathOrUndefined(abs);
      if (real && !this.inside(real)) return `it is a symbolic link to ${real}, which is outside the project folder`;
      return 'it is not inside the folders the sandbox allows';
    }
    if (!isAbsolute(path) && this.inside(resolve(this.scope.projectRoot, path))) {
      return `relative paths are read from the folder model-studio was started in (${process.cwd()}), where it is ${abs}, outside the project. Start model-studio in the project folder, or write the path from the project root`;
    }
    return 'it is outside the project folder';
  }

  private allowedHint(): string {
    return `Project SQL may only read and write files inside ${this.scope.projectRoot} (with its target/ folder and the database file): copy the file into the project, e.g. under data/, and read it from there.`;
  }

  private inside(abs: string): boolean {
    const roots = this.scope.directories.flatMap((d) => [d, realpathOrUndefined(d) ?? d]);
    if (this.scope.files.includes(abs)) return true;
    return roots.some((r) => {
      const rel = relative(r, abs);
      return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
    });
  }
}

const CALL_WHY = "it would point DuckDB's logging or profiling output at a file of its choosing, which breaks every later statement (and a path outside the project crashes the process).";

function callRefusal(name: string, sql: string): Refusal {
  return {
    reason: 'logging',
    detail: `the sandbox refused to call ${name}(): ${CALL_WHY}\nRemove the call; DuckDB's logging and profiling are not available to project SQL.`,
    position: indexOfWord(sql, name) ?? indexOfWord(sql, 'query'),
  };
}

function extensionRefusal(sql: string): Refusal {
  return {
    reason: 'extension',
    detail: `the sandbox refused to install or load a DuckDB extension: installing downloads code from the network and loading runs native code from disk.\nOnly the extensions built into DuckDB (parquet, json, …) are available to project SQL.`,
    position: indexOfWord(sql, 'install') ?? indexOfWord(sql, 'load') ?? indexOfWord(sql, 'extensions'),
  };
}

function realpathOrUndefined(p: string): string | undefined {
  try {
    return realpathSync(p);
  } catch {
    return undefined;
  }
}

function indexOfLiteral(sql: string, value: string): number | undefined {
  const i = sql.indexOf(`'${value.replace(/'/g, "''")}'`);
  return i >= 0 ? i : undefined;
}

function indexOfWord(sql: string, word: string): number | undefined {
  const m = new RegExp(`\\b${word.replace(/[^\w]/g, '')}\\b`, 'i').exec(sql);
  return m ? m.index : undefined;
}

const KIND_NAMES: Partial<Record<number, string>> = {
  [StatementType.LOAD]: 'an INSTALL or LOAD of an extension',
  [StatementType.UPDATE_EXTENSIONS]: 'an UPDATE EXTENSIONS',
  [StatementType.ATTACH]: 'an ATTACH',
  [StatementType.DETACH]: 'a DETACH',
  [StatementType.SET]: 'a SET',
  [StatementType.PRAGMA]: 'a PRAGMA',
  [StatementType.COPY]: 'a COPY',
  [StatementType.EXPORT]: 'an EXPORT',
  [StatementType.CALL]: 'a CALL',
};

/**
 * Project SQL arrives wrapped in one statement (`create table … as (…)`), so several statements
 * mean SQL that closed the wrapper to run something else. The kinds are named from DuckDB's own
 * parse; a statement that cannot be prepared on its own (it needs an earlier one) is not named.
 */
async function severalStatements(extracted: DuckDBExtractedStatements, sql: string): Promise<Refusal> {
  let named: { index: number; kind: string; type: number } | undefined;
  for (let i = 1; i < extracted.count && !named; i++) {
    try {
      const p = await extracted.prepare(i);
      const type = p.statementType;
      p.destroySync();
      const kind = KIND_NAMES[type];
      if (kind) named = { index: i, kind, type };
    } catch {
      // Depends on an earlier statement: it would not be run anyway.
    }
  }
  const starts = statementStarts(sql);
  const which = named ? ` Statement ${named.index + 1} is ${named.kind}.` : '';
  const extension = named?.type === StatementType.LOAD || named?.type === StatementType.UPDATE_EXTENSIONS;
  return {
    reason: extension ? 'extension' : 'statements',
    detail:
      `the sandbox refused SQL holding ${extracted.count} statements: project SQL must be a single statement, and is checked as one.${which}
` +
      (extension ? 'Installing extensions downloads code from the network; only the extensions built into DuckDB are available. ' : '') +
      `Remove the ';' and what follows it.`,
    position: starts[named?.index ?? 1],
  };
}

/** Where each statement starts: after each `;` outside quotes and comments (for placing messages only). */
function statementStarts(sql: string): number[] {
  const out = [0];
  const re = /'(?:[^']|'')*'|"(?:[^"]|"")*"|--[^\n]*|\/\*[\s\S]*?\*\/|;/g;
  for (let m = re.exec(sql); m; m = re.exec(sql)) {
    if (m[0] !== ';') continue;
    const rest = sql.slice(m.index + 1);
    out.push(m.index + 1 + (rest.length - rest.trimStart().length));
  }
  return out;
}
