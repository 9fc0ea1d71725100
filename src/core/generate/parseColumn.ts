/** One column of the spec: its common keys and exactly one generator key. */
import { isMap, isSeq, type Node } from 'yaml';
import type { ColumnSpec, DateGen, Distribution, Generator, NumberGen, PatternPart } from './types';
import type { YamlReader, YNode } from './yamlReader';

export const GENERATOR_KEYS = [
  'seq', 'id', 'uuid', 'faker', 'int', 'float', 'decimal', 'choice', 'bool', 'date', 'timestamp',
  'ref', 'parent', 'sql', 'template', 'aggregate', 'const',
] as const;
const COMMON_KEYS = ['type', 'description', 'null_rate'];
/** Keys that sit beside the generator key (`{ ref: a.b, distribution: zipf }`). */
const SIDE_KEYS = ['pool', 'locale', 'args', 'distribution', 's'];
const COLUMN_KEYS = [...GENERATOR_KEYS, ...COMMON_KEYS, ...SIDE_KEYS];
const DISTRIBUTIONS: Distribution[] = ['uniform', 'normal', 'lognormal', 'exponential', 'zipf'];

export function parseColumn(r: YamlReader, name: string, keyNode: Node, value: YNode): ColumnSpec | undefined {
  const place = r.place(keyNode);
  const entries = r.entries(value, `column '${name}'`, COLUMN_KEYS);
  const genEntries = entries.filter((e) => (GENERATOR_KEYS as readonly string[]).includes(e.key));
  if (genEntries.length !== 1) {
    r.error('spec-generator', genEntries.length === 0
      ? `Column '${name}' needs one generator (${GENERATOR_KEYS.join(', ')})`
      : `Column '${name}' has ${genEntries.length} generators (${genEntries.map((e) => e.key).join(', ')}); keep one`, value ?? keyNode);
    return undefined;
  }
  const g = genEntries[0];
  const gen = parseGenerator(r, name, g.key, g.value, value);
  if (!gen) return undefined;
  const typeNode = r.get(value, 'type');
  const descNode = r.get(value, 'description');
  const nullNode = r.get(value, 'null_rate');
  const col: ColumnSpec = { name, nullRate: 0, gen, place, genPlace: r.place(g.value ?? g.keyNode) };
  if (typeNode !== undefined) col.type = r.string(typeNode, `type of '${name}'`);
  if (descNode !== undefined) col.description = r.string(descNode, `description of '${name}'`);
  if (nullNode !== undefined) col.nullRate = r.number(nullNode, `null_rate of '${name}'`, { min: 0, max: 1 }) ?? 0;
  return col;
}

function parseGenerator(r: YamlReader, col: string, key: string, v: YNode, whole: YNode): Generator | undefined {
  const what = `${key} of '${col}'`;
  switch (key) {
    case 'seq':
      return parseSeq(r, what, v);
    case 'id': {
      const pattern = r.string(v, what);
      if (pattern === undefined) return undefined;
      const parts = parsePattern(r, pattern, v, false);
      if (parts && !parts.some((p) => p.kind === 'seq')) {
        r.error('spec-pattern', `The id pattern '${pattern}' needs a {seq} placeholder to be unique (e.g. PUB_{seq:06})`, v);
        return undefined;
      }
      return parts && { kind: 'id', parts, pattern };
    }
    case 'template': {
      const pattern = r.string(v, what);
      const parts = pattern === undefined ? undefined : parsePattern(r, pattern, v, true);
      return parts && pattern !== undefined ? { kind: 'template', parts, pattern } : undefined;
    }
    case 'uuid':
      return { kind: 'uuid' };
    case 'faker': {
      const method = r.string(v, what);
      if (method === undefined) return undefined;
      const poolNode = r.get(whole, 'pool');
      const pool = poolNode === undefined ? 1000 : r.number(poolNode, `pool of '${col}'`, { min: 1, max: 1_000_000, integer: true });
      const localeNode = r.get(whole, 'locale');
      const argsNode = r.get(whole, 'args');
      const args = argsNode === undefined ? [] : (argsNode as Node).toJSON();
      return pool === undefined ? undefined : {
        kind: 'faker', method, pool,
        ...(localeNode !== undefined ? { locale: r.string(localeNode, `locale of '${col}'`) } : {}),
        args: Array.isArray(args) ? (args as unknown[]) : [args],
      };
    }
    case 'int':
    case 'float':
    case 'decimal':
      return parseNumber(r, what, key, v);
    case 'choice':
      return parseChoice(r, what, v);
    case 'bool': {
      const rate = r.number(v, what, { min: 0, max: 1 });
      return rate === undefined ? undefined : { kind: 'bool', rate };
    }
    case 'date':
    case 'timestamp':
      return parseDate(r, what, key === 'timestamp', v);
    case 'ref': {
      const target = r.string(v, what);
      const m = target === undefined ? null : /^([A-Za-z_]\w*)\.([A-Za-z_]\w*)$/.exec(target);
      if (!m) {
        if (target !== undefined) r.error('spec-ref', `ref '${target}' must be written table.column`, v);
        return undefined;
      }
      const distNode = r.get(whole, 'distribution');
      const dist = distNode === undefined ? 'uniform' : r.string(distNode, `distribution of '${col}'`);
      if (dist !== 'uniform' && dist !== 'zipf') {
        r.error('spec-distribution', `A ref's distribution is uniform or zipf, got '${dist}'`, distNode);
        return undefined;
      }
      const sNode = r.get(whole, 's');
      const s = sNode === undefined ? 1.1 : r.number(sNode, `s of '${col}'`, { min: 0.01, max: 10 });
      return s === undefined ? undefined : { kind: 'ref', table: m[1], column: m[2], distribution: dist, s };
    }
    case 'parent': {
      const target = r.string(v, what);
      if (target === undefined) return undefined;
      const m = /^(?:([A-Za-z_]\w*)\.)?([A-Za-z_]\w*)$/.exec(target);
      if (!m) {
        r.error('spec-ref', `parent '${target}' must be a column name or table.column`, v);
        return undefined;
      }
      return { kind: 'parent', table: m[1] ?? '', column: m[2] };
    }
    case 'sql': {
      const sql = r.string(v, what);
      return sql === undefined ? undefined : { kind: 'sql', sql };
    }
    case 'aggregate':
      return parseAggregate(r, what, v);
    case 'const': {
      const c = r.scalar(v);
      const value = c instanceof Date ? c.toISOString().slice(0, 10) : c;
      if (value !== null && !['string', 'number', 'boolean'].includes(typeof value)) {
        r.error('spec-type', `${what} must be a single value`, v);
        return undefined;
      }
      return { kind: 'const', value: value as string | number | boolean | null };
    }
  }
  return undefined;
}

function parseSeq(r: YamlReader, what: string, v: YNode): Generator | undefined {
  const startNode = r.has(v, 'start') ? r.get(v, 'start') : r.scalar(v) === true ? undefined : v;
  const stepNode = r.get(v, 'step');
  if (r.has(v, 'start') || r.has(v, 'step')) r.entries(v, what, ['start', 'step']);
  const raw = startNode === undefined ? 1 : r.scalar(startNode);
  if (raw instanceof Date || (typeof raw === 'string' && /^\d{4}-\d{2}-\d{2}/.test(raw))) {
    const start = r.date(startNode, `start of ${what}`);
    const stepText = stepNode === undefined ? '1 day' : String(r.scalar(stepNode));
    const m = /^(\d+)\s*(day|days|week|weeks)$/.exec(stepText.trim());
    if (!m) {
      r.error('spec-type', `The step of a date sequence is like '1 day' or '1 week', got '${stepText}'`, stepNode);
      return undefined;
    }
    const stepDays = Number(m[1]) * (m[2].startsWith('week') ? 7 : 1);
    return start === undefined ? undefined : { kind: 'dateSeq', start, stepDays, timestamp: start.length > 10 };
  }
  const start = startNode === undefined ? 1 : r.number(startNode, `start of ${what}`, { integer: true });
  const step = stepNode === undefined ? 1 : r.number(stepNode, `step of ${what}`, { integer: true });
  if (step === 0) r.error('spec-range', `The step of ${what} cannot be 0`, stepNode);
  return start === undefined || step === undefined || step === 0 ? undefined : { kind: 'seq', start, step };
}

/** Parses `PUB_{seq:06}`, `{hex:8}`, `{digits:4}`, `{upper:2}`, `{lower:2}` and, in templates, `{column}`. */
export function parsePattern(r: YamlReader, pattern: string, node: YNode, allowColumns: boolean): PatternPart[] | undefined {
  const parts: PatternPart[] = [];
  const re = /\{([^{}]*)\}/g;
  let last = 0;
  let ok = true;
  for (let m = re.exec(pattern); m; m = re.exec(pattern)) {
    if (m.index > last) parts.push({ kind: 'text', text: pattern.slice(last, m.index) });
    last = m.index + m[0].length;
    const inner = m[1].trim();
    const pm = /^(seq|hex|digits|upper|lower)(?::(\d+))?$/.exec(inner);
    if (pm) {
      const width = pm[2] ? Number(pm[2]) : pm[1] === 'seq' ? 0 : 6;
      if (width > 30) {
        r.error('spec-pattern', `Width ${width} in '{${inner}}' is too wide (at most 30)`, node);
        ok = false;
      }
      parts.push(pm[1] === 'seq' ? { kind: 'seq', width } : { kind: 'random', alphabet: pm[1] as 'hex' | 'digits' | 'upper' | 'lower', width: Math.max(1, width) });
    } else if (allowColumns && /^[A-Za-z_]\w*$/.test(inner)) {
      parts.push({ kind: 'column', column: inner });
    } else {
      r.error('spec-pattern', `Unknown placeholder '{${inner}}' in '${pattern}'; use {seq:06}, {hex:8}, {digits:4}, {upper:3}${allowColumns ? ' or {column}' : ''}`, node);
      ok = false;
    }
  }
  if (last < pattern.length) parts.push({ kind: 'text', text: pattern.slice(last) });
  return ok ? parts : undefined;
}

function parseNumber(r: YamlReader, what: string, key: string, v: YNode): NumberGen | undefined {
  const integer = key === 'int';
  const gen: NumberGen = { kind: 'number', integer, distribution: 'uniform', ...(key === 'decimal' ? { decimals: 2 } : {}) };
  const seq = isSeq(v) ? r.list(v, what) : null;
  if (seq) {
    if (seq.length !== 2) {
      r.error('spec-type', `${what} must be [min, max] or a mapping with min/max/distribution`, v);
      return undefined;
    }
    gen.min = r.number(seq[0], `min of ${what}`, { integer });
    gen.max = r.number(seq[1], `max of ${what}`, { integer });
  } else {
    for (const e of r.entries(v, what, ['min', 'max', 'distribution', 'mean', 'stddev', 'median', 'sigma', 's', 'decimals'])) {
      if (e.key === 'distribution') {
        const d = r.string(e.value, `distribution of ${what}`);
        if (d && !(DISTRIBUTIONS as string[]).includes(d)) r.error('spec-distribution', `Unknown distribution '${d}'; use ${DISTRIBUTIONS.join(', ')}`, e.value);
        else if (d) gen.distribution = d as Distribution;
      } else if (e.key === 'decimals') {
        gen.decimals = r.number(e.value, `decimals of ${what}`, { min: 0, max: 12, integer: true });
      } else if (e.key === 'min' || e.key === 'max') {
        gen[e.key] = r.number(e.value, `${e.key} of ${what}`, { integer });
      } else if (e.key === 'mean' || e.key === 'median') {
        gen.mean = r.number(e.value, `${e.key} of ${what}`);
      } else if (e.key === 'stddev' || e.key === 'sigma') {
        gen.stddev = r.number(e.value, `${e.key} of ${what}`, { min: 0 });
      } else if (e.key === 's') {
        gen.s = r.number(e.value, `s of ${what}`, { min: 0.01, max: 10 });
      }
    }
  }
  const needsRange = gen.distribution === 'uniform' || gen.distribution === 'zipf';
  if (needsRange && (gen.min === undefined || gen.max === undefined)) {
    r.error('spec-range', `${what} with a ${gen.distribution} distribution needs min and max`, v);
    return undefined;
  }
  if (gen.min !== undefined && gen.max !== undefined && gen.min > gen.max) {
    r.error('spec-range', `${what}: min ${gen.min} is greater than max ${gen.max}`, v);
    return undefined;
  }
  if ((gen.distribution === 'normal' || gen.distribution === 'lognormal') && gen.mean === undefined) {
    r.error('spec-range', `${what} with a ${gen.distribution} distribution needs ${gen.distribution === 'normal' ? 'mean and stddev' : 'median and sigma'}`, v);
    return undefined;
  }
  if (gen.distribution === 'exponential' && gen.mean === undefined) {
    r.error('spec-range', `${what} with an exponential distribution needs its mean`, v);
    return undefined;
  }
  return gen;
}

function parseChoice(r: YamlReader, what: string, v: YNode): Generator | undefined {
  const values: Array<string | number | boolean> = [];
  const weights: number[] = [];
  if (isSeq(v)) {
    for (const x of v.toJSON()) {
      if (!['string', 'number', 'boolean'].includes(typeof x)) {
        r.error('spec-type', `Each value of ${what} must be a string, number or boolean`, v);
        return undefined;
      }
      values.push(x as string | number | boolean);
      weights.push(1);
    }
  } else if (isMap(v)) {
    for (const e of r.entries(v, what)) {
      const w = r.number(e.value, `weight of '${e.key}' in ${what}`, { min: 0 });
      if (w === undefined) return undefined;
      const k = r.scalar(e.keyNode);
      values.push(typeof k === 'number' || typeof k === 'boolean' ? k : e.key);
      weights.push(w);
    }
  }
  if (values.length === 0 || weights.every((w) => w === 0)) {
    r.error('spec-type', `${what} must be a non-empty list of values, or a mapping of value: weight`, v);
    return undefined;
  }
  return { kind: 'choice', values, weights };
}

function parseDate(r: YamlReader, what: string, timestamp: boolean, v: YNode): DateGen | undefined {
  let start: string | undefined;
  let end: string | undefined;
  const gen: Partial<DateGen> = {};
  if (isSeq(v)) {
    const items = r.list(v, what);
    if (items.length !== 2) {
      r.error('spec-type', `${what} must be [start, end] or a mapping with start/end`, v);
      return undefined;
    }
    start = r.date(items[0], `start of ${what}`);
    end = r.date(items[1], `end of ${what}`);
  } else {
    for (const e of r.entries(v, what, ['start', 'end', 'weekly', 'yearly', 'hourly'])) {
      if (e.key === 'start') start = r.date(e.value, `start of ${what}`);
      else if (e.key === 'end') end = r.date(e.value, `end of ${what}`);
      else if (e.key === 'weekly') gen.weekly = r.numbers(e.value, `weekly of ${what}`, 7);
      else if (e.key === 'yearly') gen.yearly = r.numbers(e.value, `yearly of ${what}`, 12);
      else if (e.key === 'hourly') gen.hourly = r.numbers(e.value, `hourly of ${what}`, 24);
    }
  }
  if (!start || !end) {
    if (start === undefined && end === undefined) r.error('spec-range', `${what} needs start and end`, v);
    return undefined;
  }
  if (Date.parse(start.replace(' ', 'T') + 'Z') > Date.parse(end.replace(' ', 'T') + 'Z')) {
    r.error('spec-range', `${what}: start ${start} is after end ${end}`, v);
    return undefined;
  }
  for (const k of ['weekly', 'yearly', 'hourly'] as const) {
    if (gen[k] && gen[k].every((w) => w === 0)) {
      r.error('spec-range', `${k} weights of ${what} are all zero`, v);
      return undefined;
    }
  }
  return { kind: 'date', timestamp, start, end, ...gen };
}

function parseAggregate(r: YamlReader, what: string, v: YNode): Generator | undefined {
  let from: string | undefined;
  let sql: string | undefined;
  let def: string | number | null = null;
  const on: Array<[string, string]> = [];
  for (const e of r.entries(v, what, ['from', 'sql', 'on', 'default'])) {
    if (e.key === 'from') from = r.string(e.value, `from of ${what}`);
    else if (e.key === 'sql') sql = r.string(e.value, `sql of ${what}`);
    else if (e.key === 'default') {
      const d = r.scalar(e.value);
      def = typeof d === 'number' || typeof d === 'string' ? d : null;
    } else if (e.key === 'on') {
      for (const o of r.entries(e.value, `on of ${what}`)) {
        const parentCol = r.string(o.value, `on of ${what}`);
        if (parentCol) on.push([o.key, parentCol]);
      }
    }
  }
  if (!from || !sql) {
    r.error('spec-aggregate', `${what} needs 'from' (the child table) and 'sql' (an aggregate such as sum(amount))`, v);
    return undefined;
  }
  return { kind: 'aggregate', from, sql, on, default: def };
}
