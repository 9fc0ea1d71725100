/** Jinja2's `is` tests. */
import { bindArgs } from './args';
import { renderError } from './errors';
import { contains, order, pyEq } from './ops';
import { pyStr } from './repr';
import type { TestFn } from './runtime';
import { isFloat, isMapping, Namespace, Native, numOf, PyFloat, PyObject, Undefined } from './values';

function test(name: string, params: Array<[string, unknown?]>, fn: (v: unknown, a: unknown[]) => boolean): [string, TestFn] {
  return [name, (_st, v, args, kw) => fn(v, bindArgs(name, params, args, kw))];
}

function isInt(v: unknown): boolean {
  return (typeof v === 'number' && Number.isInteger(v)) || typeof v === 'bigint';
}

function intArg(v: unknown, name: string): number {
  if (v instanceof Undefined) throw v.error();
  const n = numOf(v);
  if (n === undefined) throw renderError(`unsupported operand type for ${name}: '${pyStr(v)}'`);
  return n;
}

const isCallable = (v: unknown): boolean =>
  typeof v === 'function' || v instanceof Native || (v instanceof PyObject && typeof v.call === 'function' && !(v instanceof Namespace));

function isIterable(v: unknown): boolean {
  if (typeof v === 'string' || Array.isArray(v) || isMapping(v) || v instanceof Undefined) return true;
  return typeof v === 'object' && v !== null && !(v instanceof PyObject) && !(v instanceof PyFloat) && Symbol.iterator in v;
}

const cmpTests: Array<[string[], (a: unknown, b: unknown) => boolean]> = [
  [['eq', '==', 'equalto'], (a, b) => pyEq(a, b)],
  [['ne', '!='], (a, b) => !pyEq(a, b)],
  [['lt', '<', 'lessthan'], (a, b) => order('lt', a, b)],
  [['le', '<='], (a, b) => order('lteq', a, b)],
  [['gt', '>', 'greaterthan'], (a, b) => order('gt', a, b)],
  [['ge', '>='], (a, b) => order('gteq', a, b)],
];

export const TESTS: Array<[string, TestFn]> = [
  test('defined', [], (v) => !(v instanceof Undefined)),
  test('undefined', [], (v) => v instanceof Undefined),
  test('none', [], (v) => v === null),
  test('boolean', [], (v) => typeof v === 'boolean'),
  test('true', [], (v) => v === true),
  test('false', [], (v) => v === false),
  test('integer', [], (v) => isInt(v)),
  test('float', [], (v) => isFloat(v)),
  test('number', [], (v) => numOf(v) !== undefined),
  test('string', [], (v) => typeof v === 'string'),
  test('mapping', [], (v) => isMapping(v)),
  test('iterable', [], isIterable),
  test('sequence', [], (v) => typeof v === 'string' || Array.isArray(v) || isMapping(v) || v instanceof Undefined),
  test('callable', [], isCallable),
  test('sameas', [['other']], (v, [o]) => v === o),
  test('escaped', [], () => false),
  test('lower', [], (v) => {
    const s = pyStr(v);
    return /\p{Ll}/u.test(s) && s === s.toLowerCase();
  }),
  test('upper', [], (v) => {
    const s = pyStr(v);
    return /\p{Lu}/u.test(s) && s === s.toUpperCase();
  }),
  test('divisibleby', [['num']], (v, [n]) => intArg(v, '%') % intArg(n, '%') === 0),
  test('even', [], (v) => intArg(v, '%') % 2 === 0),
  test('odd', [], (v) => Math.abs(intArg(v, '%') % 2) === 1),
  test('in', [['seq']], (v, [seq]) => contains(seq, v)),
  ['filter', (st, v) => typeof v === 'string' && st.core.filters.has(v)],
  ['test', (st, v) => typeof v === 'string' && st.core.tests.has(v)],
  ...cmpTests.flatMap(([names, fn]) => names.map((n) => test(n, [['other']], (v, [o]) => fn(v, o)))),
];
