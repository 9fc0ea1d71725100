/**
 * The `modelStudio.*` settings as one typed value. Both the extension (which reads them from
 * VS Code) and the server (which receives them) go through `parseSettings`, so a hand-edited
 * settings.json with a wrong type falls back to the default instead of reaching the engine.
 */
export const ON_SAVE_MODES = ['off', 'compile', 'run', 'build'] as const;
export type OnSaveMode = (typeof ON_SAVE_MODES)[number];

export const LOG_LEVELS = ['error', 'warn', 'info', 'debug', 'trace'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Settings {
  onSave: OnSaveMode;
  /** Overrides the profile's DuckDB file; empty means "use profiles.yml". */
  databasePath: string;
  defaultScale: number;
  defaultSeed: number;
  previewRowLimit: number;
  /** DuckDB threads; 0 leaves DuckDB's default. */
  threads: number;
  logLevel: LogLevel;
  /** Seconds without work after which the server closes the DuckDB file so other tools can open it. */
  releaseDatabaseAfterSeconds: number;
  /** Quiet time after a save before work starts, so a burst of saves runs once. */
  saveDebounceMs: number;
  /** The lineage panel refocuses on the model in the active editor. */
  lineageFollowsActiveEditor: boolean;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  onSave: 'run',
  databasePath: '',
  defaultScale: 1,
  defaultSeed: 42,
  previewRowLimit: 500,
  threads: 0,
  logLevel: 'info',
  releaseDatabaseAfterSeconds: 15,
  saveDebounceMs: 150,
  lineageFollowsActiveEditor: true,
});

/** Keys as they appear after `modelStudio.` in settings.json. */
export const SETTING_KEYS = Object.keys(DEFAULT_SETTINGS) as Array<keyof Settings>;

export function parseSettings(raw: Readonly<Record<string, unknown>>): Settings {
  const d = DEFAULT_SETTINGS;
  return {
    onSave: oneOf(raw.onSave, ON_SAVE_MODES, d.onSave),
    databasePath: typeof raw.databasePath === 'string' ? raw.databasePath.trim() : d.databasePath,
    defaultScale: num(raw.defaultScale, d.defaultScale, 0.0001, 1000),
    defaultSeed: Math.trunc(num(raw.defaultSeed, d.defaultSeed, 0, 2 ** 31 - 1)),
    previewRowLimit: Math.trunc(num(raw.previewRowLimit, d.previewRowLimit, 1, 100_000)),
    threads: Math.trunc(num(raw.threads, d.threads, 0, 256)),
    logLevel: oneOf(raw.logLevel, LOG_LEVELS, d.logLevel),
    releaseDatabaseAfterSeconds: num(raw.releaseDatabaseAfterSeconds, d.releaseDatabaseAfterSeconds, 0, 86_400),
    saveDebounceMs: Math.trunc(num(raw.saveDebounceMs, d.saveDebounceMs, 0, 10_000)),
    lineageFollowsActiveEditor: typeof raw.lineageFollowsActiveEditor === 'boolean' ? raw.lineageFollowsActiveEditor : d.lineageFollowsActiveEditor,
  };
}

function oneOf<T extends string>(v: unknown, allowed: readonly T[], fallback: T): T {
  return typeof v === 'string' && (allowed as readonly string[]).includes(v) ? (v as T) : fallback;
}

function num(v: unknown, fallback: number, min: number, max: number): number {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  if (!Number.isFinite(n)) return fallback;
  return Math.min(max, Math.max(min, n));
}

const LEVEL_RANK: Record<LogLevel, number> = { error: 0, warn: 1, info: 2, debug: 3, trace: 4 };

/** True when a message at `level` should be written under the configured `threshold`. */
export function logs(threshold: LogLevel, level: LogLevel): boolean {
  return LEVEL_RANK[level] <= LEVEL_RANK[threshold];
}
