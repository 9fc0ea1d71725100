/** The object `ref()`, `source()` and `this` return: prints as a quoted relation, like dbt's Relation. */
import { quoteIdent } from '../project';

export class Relation {
  constructor(
    readonly database: string,
    readonly schema: string,
    readonly identifier: string,
    /** Ephemeral models are CTEs: they print as their CTE name, not a relation. */
    readonly cteName?: string,
  ) {}

  get name(): string {
    return this.identifier;
  }
  get table(): string {
    return this.identifier;
  }
  get is_table(): boolean {
    return !this.cteName;
  }

  render(): string {
    return this.cteName ?? `${quoteIdent(this.database)}.${quoteIdent(this.schema)}.${quoteIdent(this.identifier)}`;
  }

  include(opts: { database?: boolean; schema?: boolean; identifier?: boolean } = {}): Relation | string {
    const parts: string[] = [];
    if (opts.database !== false) parts.push(quoteIdent(this.database));
    if (opts.schema !== false) parts.push(quoteIdent(this.schema));
    if (opts.identifier !== false) parts.push(quoteIdent(this.identifier));
    return parts.join('.');
  }

  toString(): string {
    return this.render();
  }
}
