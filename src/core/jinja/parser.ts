/**
 * Statement parsing: Jinja2's built-in tags, the `do` and `break`/`continue` extensions dbt
 * enables, and dbt's own block tags (`test`, `materialization`, `docs`, `snapshot`).
 */
import type { Expr, FilterExpr, MacroSig, Pos, Stmt, Target } from './ast';
import { syntaxError } from './errors';
import { normalizeSource, tokenize, type Token } from './lexer';
import { describe, ExprParser } from './parse-expr';

type OutputItem = Expr | (Pos & { k: 'data'; text: string });

interface OpenTag {
  name: string;
  line: number;
  col: number;
}

const END_TAGS: Record<string, string[]> = {
  for: ['endfor', 'else'],
  if: ['elif', 'else', 'endif'],
  macro: ['endmacro'],
  test: ['endtest'],
  materialization: ['endmaterialization'],
  call: ['endcall'],
  filter: ['endfilter'],
  set: ['endset'],
  with: ['endwith'],
  docs: ['enddocs'],
  snapshot: ['endsnapshot'],
  autoescape: ['endautoescape'],
};

const UNSUPPORTED = new Set(['extends', 'block', 'include', 'import', 'from']);

export interface ParsedTemplate {
  body: Stmt[];
  /** The normalized source the positions refer to (for slicing macro bodies). */
  source: string;
}

export function parseTemplate(source: string, file: string): ParsedTemplate {
  const src = normalizeSource(source);
  return { body: new Parser(tokenize(src, file), file).parseAll(), source: src };
}

class Parser extends ExprParser {
  private readonly open: OpenTag[] = [];
  /** The end tags the innermost body being parsed can stop at (for "expected …" hints). */
  private readonly expecting: string[][] = [];
  private loopDepth = 0;

  constructor(toks: Token[], file: string) {
    super(toks, file);
  }

  parseAll(): Stmt[] {
    return this.subparse(null);
  }

  private subparse(endTags: string[] | null): Stmt[] {
    if (endTags) this.expecting.push(endTags);
    try {
      return this.subparseBody(endTags);
    } finally {
      if (endTags) this.expecting.pop();
    }
  }

  private subparseBody(endTags: string[] | null): Stmt[] {
    const body: Stmt[] = [];
    let items: OutputItem[] = [];
    const flush = (): void => {
      if (items.length) body.push({ k: 'output', items, line: items[0].line, col: items[0].col });
      items = [];
    };
    for (;;) {
      const t = this.cur;
      if (t.type === 'eof') break;
      if (t.type === 'data') {
        items.push({ k: 'data', text: t.value, line: t.line, col: t.col });
        this.next();
      } else if (t.type === 'var_begin') {
        this.next();
        items.push(this.parseTuple());
        this.expect('var_end', undefined, "'}}'");
      } else if (t.type === 'block_begin') {
        flush();
        this.next();
        if (endTags && this.is('name') && endTags.includes(this.cur.value)) return body;
        body.push(...this.parseStatement(t));
        this.expect('block_end', undefined, "'%}'");
      } else {
        this.fail(`unexpected ${describe(t)}`);
      }
    }
    flush();
    return body;
  }

  /** Parse a tag body up to one of its end tags; the end tag's name is left as the current token. */
  private parseStatements(endTags: string[], dropNeedle = false): Stmt[] {
    this.skipIf('op', ':');
    this.expect('block_end', undefined, "'%}'");
    const body = this.subparse(endTags);
    if (this.cur.type === 'eof') this.failEof();
    if (dropNeedle) this.next();
    return body;
  }

  private failEof(): never {
    const inner = this.open[this.open.length - 1];
    if (!inner) this.fail('unexpected end of template');
    const end = END_TAGS[inner.name]?.[END_TAGS[inner.name].length - 1] ?? `end${inner.name}`;
    const msg = `unexpected end of template: {% ${inner.name} %} opened at line ${inner.line} was never closed`;
    throw syntaxError(msg, this.file, inner.line, inner.col, `add {% ${end} %}`);
  }

  private parseStatement(begin: Token): Stmt[] {
    const t = this.cur;
    if (t.type !== 'name') this.fail(`expected a tag name, got ${describe(t)}`);
    const at = { line: begin.line, col: begin.col };
    this.open.push({ name: t.value, ...at });
    try {
      switch (t.value) {
        case 'for':
          return [this.parseFor(at)];
        case 'if':
          return [this.parseIf(at)];
        case 'macro':
        case 'test':
        case 'materialization':
          return [this.parseMacro(at, t.value, begin)];
        case 'call':
          return [this.parseCallBlock(at)];
        case 'filter':
          return [this.parseFilterBlock(at)];
        case 'set':
          return [this.parseSet(at)];
        case 'with':
          return [this.parseWith(at)];
        case 'print':
          this.next();
          return [{ k: 'output', items: this.parseExprList(), ...at }];
        case 'do':
          this.next();
          return [{ k: 'do', expr: this.parseTuple(), ...at }];
        case 'break':
        case 'continue':
          if (this.loopDepth === 0) this.fail(`'${t.value}' outside of a for loop`);
          this.next();
          return [{ k: t.value, ...at }];
        case 'docs':
        case 'snapshot': {
          this.next();
          const name = this.expect('name').value;
          return [{ k: 'named_block', tag: t.value, name, body: this.parseStatements([`end${t.value}`], true), ...at }];
        }
        case 'autoescape':
          this.next();
          this.parseExpression();
          return this.parseStatements(['endautoescape'], true);
        default:
          return this.unknownTag(t);
      }
    } finally {
      this.open.pop();
    }
  }

  private unknownTag(t: Token): never {
    this.open.pop();
    if (UNSUPPORTED.has(t.value)) {
      this.fail(`'{% ${t.value} %}' is not supported: dbt models and macros are rendered on their own, without template inheritance or includes`, t);
    }
    const inner = this.open[this.open.length - 1];
    if (inner) {
      const expected = this.expecting[this.expecting.length - 1] ?? END_TAGS[inner.name] ?? [];
      this.fail(
        `unexpected '{% ${t.value} %}': the innermost open block is {% ${inner.name} %} from line ${inner.line}`,
        t,
        expected.length ? `expected one of: ${expected.map((e) => `{% ${e} %}`).join(', ')}` : undefined,
      );
    }
    if (t.value.startsWith('end')) this.fail(`unexpected '{% ${t.value} %}': there is no open {% ${t.value.slice(3)} %} block`, t);
    this.fail(`unknown tag '${t.value}'`, t);
  }

  private parseExprList(): Expr[] {
    const items: Expr[] = [];
    while (!this.is('block_end')) {
      if (items.length) this.expect('op', ',');
      items.push(this.parseExpression());
    }
    return items;
  }

  private parseFor(at: Pos): Stmt {
    this.next();
    const target = this.parseAssignTarget({ endNames: ['in'] });
    this.expect('name', 'in');
    const iter = this.parseTuple({ withCondexpr: false, endNames: ['recursive'] });
    const test = this.skipIf('name', 'if') ? this.parseExpression() : null;
    const recursive = this.skipIf('name', 'recursive');
    this.loopDepth++;
    const body = this.parseStatements(['endfor', 'else']);
    this.loopDepth--;
    const else_ = this.next().value === 'endfor' ? [] : this.parseStatements(['endfor'], true);
    return { k: 'for', target, iter, test, recursive, body, else_, ...at };
  }

  private parseIf(at: Pos): Stmt {
    this.next();
    return this.parseIfRest(at);
  }

  private parseIfRest(at: Pos): Stmt {
    const test = this.parseTuple({ withCondexpr: false });
    const body = this.parseStatements(['elif', 'else', 'endif']);
    const t = this.next();
    let else_: Stmt[] = [];
    if (t.value === 'elif') else_ = [this.parseIfRest({ line: t.line, col: t.col })];
    else if (t.value === 'else') else_ = this.parseStatements(['endif'], true);
    return { k: 'if', test, body, else_, ...at };
  }

  private parseMacro(at: Pos, kind: 'macro' | 'test' | 'materialization', begin: Token): Stmt {
    this.next();
    const nameTok = this.expect('name', undefined, 'a macro name');
    const saved = this.loopDepth;
    this.loopDepth = 0;
    let sig: MacroSig;
    if (kind === 'materialization') {
      sig = { name: `materialization_${nameTok.value}`, params: [], defaults: [], body: [] };
      while (this.skipIf('op', ',')) {
        this.expect('name');
        if (this.skipIf('op', '=')) this.parseExpression();
      }
    } else {
      sig = { name: kind === 'test' ? `test_${nameTok.value}` : nameTok.value, ...this.parseSignature(), body: [] };
    }
    sig.body = this.parseStatements([`end${kind}`], true);
    this.loopDepth = saved;
    const endPos = this.cur.type === 'block_end' ? this.cur.pos + this.cur.value.trimEnd().length : this.cur.pos;
    return { k: 'macro', kind, ...sig, startPos: begin.pos, endPos, ...at };
  }

  private parseSignature(): { params: string[]; defaults: Expr[] } {
    const params: string[] = [];
    const defaults: Expr[] = [];
    this.expect('op', '(');
    while (!this.is('op', ')')) {
      if (params.length) this.expect('op', ',');
      if (this.is('op', ')')) break;
      const name = this.expect('name', undefined, 'a parameter name');
      if (this.skipIf('op', '=')) defaults.push(this.parseExpression());
      else if (defaults.length) this.fail('non-default argument follows default argument', name);
      params.push(name.value);
    }
    this.expect('op', ')');
    return { params, defaults };
  }

  private parseCallBlock(at: Pos): Stmt {
    this.next();
    const sig = this.is('op', '(') ? this.parseSignature() : { params: [], defaults: [] };
    const call = this.parseExpression();
    if (call.k !== 'call') this.fail('expected a macro call after {% call %}', call);
    const saved = this.loopDepth;
    this.loopDepth = 0;
    const body = this.parseStatements(['endcall'], true);
    this.loopDepth = saved;
    return { k: 'callblock', call, ...sig, body, ...at };
  }

  private parseFilterBlock(at: Pos): Stmt {
    this.next();
    const filter = this.parseFilter(null, true);
    return { k: 'filterblock', filter, body: this.parseStatements(['endfilter'], true), ...at };
  }

  private parseSet(at: Pos): Stmt {
    this.next();
    const target = this.parseAssignTarget({ withNamespace: true });
    if (this.skipIf('op', '=')) return { k: 'set', target, value: this.parseTuple(), ...at };
    const filter: FilterExpr | null = this.is('op', '|') ? this.parseFilter(null) : null;
    return { k: 'setblock', target, filter, body: this.parseStatements(['endset'], true), ...at };
  }

  private parseWith(at: Pos): Stmt {
    this.next();
    const targets: Target[] = [];
    const values: Expr[] = [];
    while (!this.is('block_end')) {
      if (targets.length) this.expect('op', ',');
      targets.push(this.parseAssignTarget({}));
      this.expect('op', '=');
      values.push(this.parseExpression());
    }
    return { k: 'with', targets, values, body: this.parseStatements(['endwith'], true), ...at };
  }

  private parseAssignTarget(opts: { endNames?: string[]; withNamespace?: boolean }): Target {
    const node = this.parseTuple({ simplified: true, endNames: opts.endNames, withNamespace: opts.withNamespace });
    return this.toTarget(node);
  }

  private toTarget(node: Expr | Target): Target {
    if (node.k === 'name' || node.k === 'nsref') return node;
    if (node.k === 'tuple') return { k: 'tuple', items: node.items.map((n) => this.toTarget(n)), line: node.line, col: node.col };
    return this.fail(`can't assign to ${node.k === 'const' ? 'a literal' : `'${node.k}'`}`, node);
  }
}
