/**
 * Expression parsing, following `jinja2/parser.py` rule for rule so that precedence quirks match
 * Jinja2 (`~` binds tighter than `+`, `-2 ** 2` is 4, `is` tests bind tightest, chained compares).
 */
import type { CallArgs, CompareOp, Expr, FilterExpr, Target } from './ast';
import { syntaxError } from './errors';
import type { Token, TokType } from './lexer';
import { mkFloat } from './values';

const DESCRIBE: Partial<Record<TokType, string>> = {
  data: 'template data',
  var_begin: 'begin of print statement',
  var_end: 'end of print statement',
  block_begin: 'begin of statement block',
  block_end: 'end of statement block',
  string: 'string',
  int: 'integer',
  float: 'float',
  eof: 'end of template',
};

export function describe(t: Token): string {
  return t.type === 'name' || t.type === 'op' ? `'${t.value}'` : DESCRIBE[t.type] ?? t.type;
}

const COMPARE: Record<string, CompareOp> = { '==': 'eq', '!=': 'ne', '<': 'lt', '<=': 'lteq', '>': 'gt', '>=': 'gteq' };
const MATH2 = new Set(['*', '/', '//', '%']);

export class ExprParser {
  protected i = 0;

  constructor(
    protected readonly toks: Token[],
    protected readonly file: string,
  ) {}

  protected get cur(): Token {
    return this.toks[this.i];
  }
  protected look(): Token {
    return this.toks[Math.min(this.i + 1, this.toks.length - 1)];
  }
  protected next(): Token {
    const t = this.toks[this.i];
    if (t.type !== 'eof') this.i++;
    return t;
  }
  protected is(type: TokType, value?: string): boolean {
    const t = this.toks[this.i];
    return t.type === type && (value === undefined || t.value === value);
  }
  protected isName(value: string): boolean {
    return this.is('name', value);
  }
  protected skipIf(type: TokType, value?: string): boolean {
    if (!this.is(type, value)) return false;
    this.next();
    return true;
  }
  protected expect(type: TokType, value?: string, what?: string): Token {
    if (!this.is(type, value)) {
      const want = what ?? (value !== undefined ? `'${value}'` : DESCRIBE[type] ?? type);
      this.fail(`expected ${want}, got ${describe(this.cur)}`);
    }
    return this.next();
  }
  protected fail(message: string, at: { line: number; col: number } = this.cur, hint?: string): never {
    throw syntaxError(message, this.file, at.line, at.col, hint);
  }

  parseExpression(withCondexpr = true): Expr {
    return withCondexpr ? this.parseCondexpr() : this.parseOr();
  }

  private parseCondexpr(): Expr {
    const start = this.cur;
    let expr1 = this.parseOr();
    while (this.skipIf('name', 'if')) {
      const test = this.parseOr();
      const else_ = this.skipIf('name', 'else') ? this.parseCondexpr() : null;
      expr1 = { k: 'cond', test, then: expr1, else_, line: start.line, col: start.col };
    }
    return expr1;
  }

  private parseOr(): Expr {
    let left = this.parseAnd();
    while (this.skipIf('name', 'or')) left = { k: 'or', left, right: this.parseAnd(), line: left.line, col: left.col };
    return left;
  }

  private parseAnd(): Expr {
    let left = this.parseNot();
    while (this.skipIf('name', 'and')) left = { k: 'and', left, right: this.parseNot(), line: left.line, col: left.col };
    return left;
  }

  private parseNot(): Expr {
    const t = this.cur;
    if (this.skipIf('name', 'not')) return { k: 'not', node: this.parseNot(), line: t.line, col: t.col };
    return this.parseCompare();
  }

  private parseCompare(): Expr {
    const first = this.parseMath1();
    const ops: Array<{ op: CompareOp; expr: Expr; line: number; col: number }> = [];
    for (;;) {
      const t = this.cur;
      if (t.type === 'op' && COMPARE[t.value]) {
        this.next();
        ops.push({ op: COMPARE[t.value], expr: this.parseMath1(), line: t.line, col: t.col });
      } else if (this.skipIf('name', 'in')) {
        ops.push({ op: 'in', expr: this.parseMath1(), line: t.line, col: t.col });
      } else if (this.isName('not') && this.look().type === 'name' && this.look().value === 'in') {
        this.next();
        this.next();
        ops.push({ op: 'notin', expr: this.parseMath1(), line: t.line, col: t.col });
      } else break;
    }
    return ops.length ? { k: 'compare', first, ops, line: first.line, col: first.col } : first;
  }

  private parseMath1(): Expr {
    let left = this.parseConcat();
    while (this.is('op', '+') || this.is('op', '-')) {
      const op = this.next().value as '+' | '-';
      left = { k: 'bin', op, left, right: this.parseConcat(), line: left.line, col: left.col };
    }
    return left;
  }

  private parseConcat(): Expr {
    const first = this.parseMath2();
    if (!this.is('op', '~')) return first;
    const items = [first];
    while (this.skipIf('op', '~')) items.push(this.parseMath2());
    return { k: 'concat', items, line: first.line, col: first.col };
  }

  private parseMath2(): Expr {
    let left = this.parsePow();
    while (this.cur.type === 'op' && MATH2.has(this.cur.value)) {
      const op = this.next().value as '*' | '/' | '//' | '%';
      left = { k: 'bin', op, left, right: this.parsePow(), line: left.line, col: left.col };
    }
    return left;
  }

  private parsePow(): Expr {
    let left = this.parseUnary();
    while (this.skipIf('op', '**')) left = { k: 'bin', op: '**', left, right: this.parseUnary(), line: left.line, col: left.col };
    return left;
  }

  private parseUnary(withFilter = true): Expr {
    const t = this.cur;
    let node: Expr;
    if (this.is('op', '-') || this.is('op', '+')) {
      this.next();
      node = { k: 'unary', op: t.value as '-' | '+', node: this.parseUnary(false), line: t.line, col: t.col };
    } else {
      node = this.parsePrimary() as Expr;
    }
    node = this.parsePostfix(node);
    return withFilter ? this.parseFilterExpr(node) : node;
  }

  protected parsePrimary(withNamespace = false): Expr | Target {
    const t = this.cur;
    const at = { line: t.line, col: t.col };
    switch (t.type) {
      case 'name': {
        if (t.value === 'true' || t.value === 'True' || t.value === 'false' || t.value === 'False') {
          this.next();
          return { k: 'const', value: t.value === 'true' || t.value === 'True', ...at };
        }
        if (t.value === 'none' || t.value === 'None') {
          this.next();
          return { k: 'const', value: null, ...at };
        }
        if (withNamespace && this.look().type === 'op' && this.look().value === '.') {
          this.next();
          this.next();
          const attr = this.expect('name');
          return { k: 'nsref', name: t.value, attr: attr.value, ...at };
        }
        this.next();
        return { k: 'name', name: t.value, ...at };
      }
      case 'string': {
        let value = '';
        while (this.is('string')) value += this.next().value;
        return { k: 'const', value, ...at };
      }
      case 'int':
        this.next();
        return { k: 'const', value: Number(t.value.replace(/_/g, '')), ...at };
      case 'float':
        this.next();
        return { k: 'const', value: mkFloat(Number(t.value.replace(/_/g, ''))), ...at };
      case 'op':
        if (t.value === '(') {
          this.next();
          const node = this.parseTuple({ explicitParens: true });
          this.expect('op', ')');
          return node;
        }
        if (t.value === '[') return this.parseList();
        if (t.value === '{') return this.parseDict();
        break;
      default:
    }
    return this.fail(`unexpected ${describe(t)}`);
  }

  /** Jinja's `parse_tuple`: a bare comma-separated list becomes a tuple. */
  parseTuple(opts: { simplified?: boolean; withCondexpr?: boolean; endNames?: string[]; explicitParens?: boolean; withNamespace?: boolean } = {}): Expr {
    const start = this.cur;
    const parse = (): Expr =>
      opts.simplified ? (this.parsePrimary(opts.withNamespace) as Expr) : this.parseExpression(opts.withCondexpr ?? true);
    const items: Expr[] = [];
    let isTuple = false;
    for (;;) {
      if (items.length) this.expect('op', ',');
      if (this.isTupleEnd(opts.endNames)) break;
      items.push(parse());
      if (this.is('op', ',')) isTuple = true;
      else break;
    }
    if (!isTuple) {
      if (items.length) return items[0];
      if (!opts.explicitParens) this.fail(`expected an expression, got ${describe(this.cur)}`);
    }
    return { k: 'tuple', items, line: start.line, col: start.col };
  }

  private isTupleEnd(endNames?: string[]): boolean {
    const t = this.cur;
    if (t.type === 'var_end' || t.type === 'block_end' || t.type === 'eof' || (t.type === 'op' && t.value === ')')) return true;
    return !!endNames && t.type === 'name' && endNames.includes(t.value);
  }

  private parseList(): Expr {
    const t = this.expect('op', '[');
    const items: Expr[] = [];
    while (!this.is('op', ']')) {
      if (items.length) this.expect('op', ',');
      if (this.is('op', ']')) break;
      items.push(this.parseExpression());
    }
    this.expect('op', ']');
    return { k: 'list', items, line: t.line, col: t.col };
  }

  private parseDict(): Expr {
    const t = this.expect('op', '{');
    const pairs: Array<[Expr, Expr]> = [];
    while (!this.is('op', '}')) {
      if (pairs.length) this.expect('op', ',');
      if (this.is('op', '}')) break;
      const key = this.parseExpression();
      this.expect('op', ':');
      pairs.push([key, this.parseExpression()]);
    }
    this.expect('op', '}');
    return { k: 'dict', pairs, line: t.line, col: t.col };
  }

  protected parsePostfix(node: Expr): Expr {
    for (;;) {
      if (this.is('op', '.') || this.is('op', '[')) node = this.parseSubscript(node);
      else if (this.is('op', '(')) node = this.parseCall(node);
      else return node;
    }
  }

  private parseFilterExpr(node: Expr): Expr {
    for (;;) {
      if (this.is('op', '|')) node = this.parseFilter(node);
      else if (this.isName('is')) node = this.parseTest(node);
      else if (this.is('op', '(')) node = this.parseCall(node);
      else return node;
    }
  }

  private parseSubscript(node: Expr): Expr {
    const t = this.next();
    const at = { line: node.line, col: node.col };
    if (t.value === '.') {
      const attr = this.next();
      if (attr.type === 'name') return { k: 'getattr', obj: node, attr: attr.value, ...at };
      if (attr.type !== 'int') this.fail('expected name or number', attr);
      return { k: 'getitem', obj: node, arg: { k: 'const', value: Number(attr.value), line: attr.line, col: attr.col }, ...at };
    }
    const args: Expr[] = [];
    while (!this.is('op', ']')) {
      if (args.length) this.expect('op', ',');
      args.push(this.parseSubscribed());
    }
    this.expect('op', ']');
    const arg: Expr = args.length === 1 ? args[0] : { k: 'tuple', items: args, line: t.line, col: t.col };
    return { k: 'getitem', obj: node, arg, ...at };
  }

  private parseSubscribed(): Expr {
    const t = this.cur;
    const parts: Array<Expr | null> = [];
    if (this.is('op', ':')) {
      this.next();
      parts.push(null);
    } else {
      const node = this.parseExpression();
      if (!this.is('op', ':')) return node;
      this.next();
      parts.push(node);
    }
    parts.push(this.is('op', ':') || this.is('op', ']') || this.is('op', ',') ? null : this.parseExpression());
    if (this.skipIf('op', ':')) parts.push(this.is('op', ']') || this.is('op', ',') ? null : this.parseExpression());
    else parts.push(null);
    return { k: 'slice', start: parts[0], stop: parts[1], step: parts[2], line: t.line, col: t.col };
  }

  protected parseCallArgs(): CallArgs {
    const open = this.expect('op', '(');
    const out: CallArgs = { args: [], kwargs: [], dynArgs: null, dynKwargs: null };
    let requireComma = false;
    while (!this.is('op', ')')) {
      if (requireComma) {
        this.expect('op', ',');
        if (this.is('op', ')')) break;
      }
      if (this.skipIf('op', '*')) out.dynArgs = this.parseExpression();
      else if (this.skipIf('op', '**')) out.dynKwargs = this.parseExpression();
      else if (this.is('name') && this.look().type === 'op' && this.look().value === '=') {
        const key = this.next().value;
        this.next();
        out.kwargs.push([key, this.parseExpression()]);
      } else {
        if (out.kwargs.length || out.dynArgs || out.dynKwargs) {
          this.fail('positional argument follows keyword argument', open);
        }
        out.args.push(this.parseExpression());
      }
      requireComma = true;
    }
    this.expect('op', ')');
    return out;
  }

  private parseCall(node: Expr): Expr {
    return { k: 'call', callee: node, ...this.parseCallArgs(), line: node.line, col: node.col };
  }

  protected parseFilter(node: Expr | null, startInline = false): FilterExpr {
    let result: FilterExpr | null = null;
    while (this.is('op', '|') || startInline) {
      if (!startInline) this.next();
      startInline = false;
      const t = this.expect('name', undefined, 'a filter name');
      let name = t.value;
      while (this.skipIf('op', '.')) name += '.' + this.expect('name').value;
      const args: CallArgs = this.is('op', '(') ? this.parseCallArgs() : { args: [], kwargs: [], dynArgs: null, dynKwargs: null };
      result = { k: 'filter', node: result ?? node, name, ...args, line: t.line, col: t.col };
    }
    if (!result) return this.fail(`expected a filter, got ${describe(this.cur)}`);
    return result;
  }

  private parseTest(node: Expr): Expr {
    this.next();
    const negated = this.skipIf('name', 'not');
    const t = this.expect('name', undefined, 'a test name');
    let name = t.value;
    while (this.skipIf('op', '.')) name += '.' + this.expect('name').value;
    let args: CallArgs = { args: [], kwargs: [], dynArgs: null, dynKwargs: null };
    const c = this.cur;
    if (this.is('op', '(')) {
      args = this.parseCallArgs();
    } else if (
      (c.type === 'name' || c.type === 'string' || c.type === 'int' || c.type === 'float' ||
        (c.type === 'op' && (c.value === '[' || c.value === '{'))) &&
      !(c.type === 'name' && (c.value === 'else' || c.value === 'or' || c.value === 'and'))
    ) {
      if (this.isName('is')) this.fail('you cannot chain multiple tests with is');
      args.args = [this.parsePostfix(this.parsePrimary() as Expr)];
    }
    const test: Expr = { k: 'test', node, name, ...args, line: t.line, col: t.col };
    return negated ? { k: 'not', node: test, line: t.line, col: t.col } : test;
  }
}
