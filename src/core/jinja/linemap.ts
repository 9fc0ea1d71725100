/**
 * An output sink that also records, for each compiled line, the source line that produced it —
 * so a DuckDB error at "LINE 12" of compiled SQL can be shown on the model line that wrote it.
 * An output line is attributed to the source of its first non-blank character (else its first
 * character); everything a `{{ … }}` prints, even many lines from a macro, belongs to the line of
 * the `{{`.
 */
import type { Out } from './runtime';

const NON_BLANK = /\S/;

export class LineMapOut implements Out {
  s = '';
  private readonly map: number[] = [];
  /** Source line claimed for the output line being written; 0 until something is written. */
  private cur = 0;
  private curBlank = true;

  data(text: string, line: number): void {
    this.s += text;
    let start = 0;
    let src = line;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      this.segment(text.slice(start, nl), src);
      this.endLine(src);
      start = nl + 1;
      src++;
    }
    this.segment(text.slice(start), src);
  }

  value(text: string, line: number): void {
    this.s += text;
    let start = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      this.segment(text.slice(start, nl), line);
      this.endLine(line);
      start = nl + 1;
    }
    this.segment(text.slice(start), line);
  }

  private segment(part: string, line: number): void {
    if (!part) return;
    if (this.cur === 0 || (this.curBlank && NON_BLANK.test(part))) {
      this.cur = line;
      this.curBlank = !NON_BLANK.test(part);
    }
  }

  private endLine(line: number): void {
    this.map.push(this.cur || line);
    this.cur = 0;
    this.curBlank = true;
  }

  /** One entry per output line (`output.split('\n').length`). */
  finish(): number[] {
    return [...this.map, this.cur];
  }
}
