/**
 * dbt renders dbt_project.yml and profiles.yml with a tiny Jinja context (env_var, var). These
 * files are read before any template engine exists, so the few forms people use are expanded here.
 */
const ENV_VAR = /\{\{\s*env_var\(\s*(['"])([^'"]+)\1\s*(?:,\s*(['"]?)([^'")]*)\3\s*)?\)\s*(?:\|\s*(as_number|as_bool|int|float|as_text)\s*)?\}\}/g;

export class MissingEnvVarError extends Error {
  constructor(readonly varName: string) {
    super(`Env var required but not provided: '${varName}'`);
  }
}

/** Expands `{{ env_var('X', 'default') }}` in every string of a plain value tree. */
export function expandEnvVars(value: unknown, env: NodeJS.ProcessEnv = process.env): unknown {
  if (typeof value === 'string') return expandString(value, env);
  if (Array.isArray(value)) return value.map((v) => expandEnvVars(v, env));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = expandEnvVars(v, env);
    return out;
  }
  return value;
}

function expandString(s: string, env: NodeJS.ProcessEnv): unknown {
  if (!s.includes('env_var')) return s;
  let cast: string | undefined;
  const whole = s.trim();
  const out = s.replace(ENV_VAR, (_m, _q, name: string, _q2, dflt: string | undefined, filter: string | undefined) => {
    const v = env[name] ?? dflt;
    if (v === undefined) throw new MissingEnvVarError(name);
    cast = filter;
    return v;
  });
  // A value that is only `{{ env_var(...) | as_number }}` becomes a number, as in dbt.
  if (cast && ENV_VAR.source && whole.startsWith('{{') && whole.endsWith('}}')) {
    if (cast === 'as_number' || cast === 'int' || cast === 'float') return Number(out);
    if (cast === 'as_bool') return out.trim().toLowerCase() === 'true';
  }
  return out;
}
