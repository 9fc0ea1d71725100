/**
 * Faker is slow row by row (~0.1–0.3 M values/s here), so it only fills bounded value pools; the
 * rows pick from the pools inside DuckDB. Each pool is seeded from the dataset seed and its own
 * table.column, so adding a column never changes the values of another.
 */
import type * as FakerModule from '@faker-js/faker' with { 'resolution-mode': 'import' };
import { saltOf } from './random';

type Faker = FakerModule.Faker;
type LocaleDefinition = FakerModule.LocaleDefinition;

// Faker 10 ships only as ES modules; Node 20 loads them through require(), esbuild bundles the call,
// and a static import would make this CommonJS package's type check refuse it. The whole package
// sets up all of its ~70 locales when loaded (~0.5 s here), so it is loaded only when a locale other
// than en/en_US is asked for; those two come from their own entry points, which build the same
// Faker (locale chain [locale, en, base]) and give the same values for a seed.
let full: typeof FakerModule | undefined;
function fakerPackage(): typeof FakerModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  full ??= require('@faker-js/faker') as typeof FakerModule;
  return full;
}

const LIGHT: Record<string, () => Faker> = {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  en: () => (require('@faker-js/faker/locale/en') as { faker: Faker }).faker,
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  en_US: () => (require('@faker-js/faker/locale/en_US') as { faker: Faker }).faker,
};

const fakers = new Map<string, Faker>();

export function localeExists(locale: string): boolean {
  const key = normalizeLocale(locale);
  return key in LIGHT || key in fakerPackage().allLocales;
}

function normalizeLocale(locale: string): string {
  return locale.replace('-', '_');
}

function fakerFor(locale: string): Faker {
  const key = normalizeLocale(locale);
  let f = fakers.get(key);
  if (!f) {
    const light = LIGHT[key];
    if (light) f = light();
    else {
      const { allLocales, base, en, Faker: FakerClass } = fakerPackage();
      const def = (allLocales as Record<string, LocaleDefinition>)[key] ?? en;
      f = new FakerClass({ locale: [def, en, base] });
    }
    fakers.set(key, f);
  }
  return f;
}

type FakerFn = (...args: unknown[]) => unknown;

function resolveMethod(f: Faker, method: string): FakerFn | undefined {
  const [mod, fn, ...rest] = method.split('.');
  if (!mod || !fn || rest.length) return undefined;
  const m = (f as unknown as Record<string, unknown>)[mod];
  if (typeof m !== 'object' || m === null || mod.startsWith('_')) return undefined;
  const g = (m as Record<string, unknown>)[fn];
  return typeof g === 'function' && !fn.startsWith('_') ? (g as FakerFn).bind(m) : undefined;
}

export function fakerMethodExists(method: string): boolean {
  return resolveMethod(fakerFor('en'), method) !== undefined;
}

/** `module.method` names, for "did you mean" suggestions. */
export function fakerMethodNames(): string[] {
  const f = fakerFor('en') as unknown as Record<string, unknown>;
  const out: string[] = [];
  for (const mod of Object.keys(f)) {
    const m = f[mod];
    if (mod.startsWith('_') || typeof m !== 'object' || m === null) continue;
    let proto: object | null = m;
    const names = new Set<string>();
    while (proto && proto !== Object.prototype) {
      for (const k of Object.getOwnPropertyNames(proto)) names.add(k);
      proto = Object.getPrototypeOf(proto) as object | null;
    }
    for (const k of names) {
      if (k !== 'constructor' && !k.startsWith('_') && typeof (m as Record<string, unknown>)[k] === 'function') out.push(`${mod}.${k}`);
    }
  }
  return out.sort();
}

/**
 * `size` values of a Faker method, reproducible for a seed: Faker's reference date is pinned so
 * that date methods (`date.past`, `person.birthdate`) do not drift with the clock.
 */
export function buildPool(opts: { method: string; args: unknown[]; size: number; locale: string; seed: number; salt: string; referenceDate: string }): string[] {
  const f = fakerFor(opts.locale);
  const fn = resolveMethod(f, opts.method);
  if (!fn) throw new Error(`Unknown Faker method ${opts.method}`);
  f.seed(saltOf(opts.seed, 'pool', opts.salt));
  f.setDefaultRefDate(new Date(`${opts.referenceDate}T00:00:00Z`));
  const out: string[] = new Array<string>(opts.size);
  for (let i = 0; i < opts.size; i++) out[i] = stringify(fn(...opts.args));
  return out;
}

function stringify(v: unknown): string {
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return JSON.stringify(v);
}
