/** The template syntax tree, shaped after Jinja2's `jinja2.nodes`. Every node knows where it starts. */

export interface Pos {
  line: number;
  col: number;
}

export type Expr =
  | (Pos & { k: 'const'; value: unknown })
  | (Pos & { k: 'name'; name: string })
  | (Pos & { k: 'tuple'; items: Expr[] })
  | (Pos & { k: 'list'; items: Expr[] })
  | (Pos & { k: 'dict'; pairs: Array<[Expr, Expr]> })
  | (Pos & { k: 'getattr'; obj: Expr; attr: string })
  | (Pos & { k: 'getitem'; obj: Expr; arg: Expr })
  | (Pos & { k: 'slice'; start: Expr | null; stop: Expr | null; step: Expr | null })
  | (Pos & { k: 'call'; callee: Expr } & CallArgs)
  | FilterExpr
  | (Pos & { k: 'test'; node: Expr; name: string } & CallArgs)
  | (Pos & { k: 'cond'; test: Expr; then: Expr; else_: Expr | null })
  | (Pos & { k: 'and' | 'or'; left: Expr; right: Expr })
  | (Pos & { k: 'not'; node: Expr })
  | (Pos & { k: 'compare'; first: Expr; ops: Array<{ op: CompareOp; expr: Expr } & Pos> })
  | (Pos & { k: 'bin'; op: BinOp; left: Expr; right: Expr })
  | (Pos & { k: 'concat'; items: Expr[] })
  | (Pos & { k: 'unary'; op: '-' | '+'; node: Expr });

export type FilterExpr = Pos & { k: 'filter'; node: Expr | null; name: string } & CallArgs;

export type CompareOp = 'eq' | 'ne' | 'lt' | 'lteq' | 'gt' | 'gteq' | 'in' | 'notin';
export type BinOp = '+' | '-' | '*' | '/' | '//' | '%' | '**';

export interface CallArgs {
  args: Expr[];
  kwargs: Array<[string, Expr]>;
  dynArgs: Expr | null;
  dynKwargs: Expr | null;
}

/** What `set`, `for` and `with` may assign to. */
export type Target =
  | (Pos & { k: 'name'; name: string })
  | (Pos & { k: 'tuple'; items: Target[] })
  | (Pos & { k: 'nsref'; name: string; attr: string });

export interface MacroSig {
  name: string;
  params: string[];
  defaults: Expr[];
  body: Stmt[];
}

export type Stmt =
  | (Pos & { k: 'output'; items: Array<Expr | (Pos & { k: 'data'; text: string })> })
  | (Pos & { k: 'if'; test: Expr; body: Stmt[]; else_: Stmt[] })
  | (Pos & {
      k: 'for';
      target: Target;
      iter: Expr;
      test: Expr | null;
      recursive: boolean;
      body: Stmt[];
      else_: Stmt[];
    })
  | (Pos & { k: 'macro'; kind: 'macro' | 'test' | 'materialization'; endPos: number; startPos: number } & MacroSig)
  | (Pos & { k: 'callblock'; call: Expr & { k: 'call' }; params: string[]; defaults: Expr[]; body: Stmt[] })
  | (Pos & { k: 'filterblock'; filter: FilterExpr; body: Stmt[] })
  | (Pos & { k: 'set'; target: Target; value: Expr })
  | (Pos & { k: 'setblock'; target: Target; filter: FilterExpr | null; body: Stmt[] })
  | (Pos & { k: 'with'; targets: Target[]; values: Expr[]; body: Stmt[] })
  | (Pos & { k: 'do'; expr: Expr })
  | (Pos & { k: 'break' | 'continue' })
  /** dbt's `{% docs %}` renders nothing; `{% snapshot %}` renders its body. */
  | (Pos & { k: 'named_block'; tag: 'docs' | 'snapshot'; name: string; body: Stmt[] });
