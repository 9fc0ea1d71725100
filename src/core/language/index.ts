/** Editing help for models and schema files, independent of any editor: the language server wires it in. */
export * from './types';
export { TextIndex, placeRange } from './text';
export { scanJinja, spanAt, type JinjaSpan, type JinjaSpanKind } from './jinjaSpans';
export { findCalls, callAt, tokenizeJinja, type JinjaCall, type JinjaArg, type JinjaToken } from './jinjaCalls';
export { lexSql, sqlTokenAt, type SqlToken, type SqlTokenType } from './sqlLexer';
export { symbolAt, type ResolvedSymbol } from './symbols';
export { completions } from './completions';
export { definition, documentLinks } from './navigation';
export { hover } from './hover';
export { codeLenses, isModelFile, MODEL_COMMANDS } from './codeLens';
export { DBT_BUILTINS } from './builtins';

import { callAt, findCalls, type JinjaCall } from './jinjaCalls';
import { scanJinja, spanAt, type JinjaSpan } from './jinjaSpans';

/** The Jinja tag and innermost call under the cursor offset, for features this module does not cover yet. */
export function jinjaAt(text: string, offset: number): { span: JinjaSpan; call?: JinjaCall; argIndex?: number } | undefined {
  const spans = scanJinja(text);
  const span = spanAt(spans, offset);
  if (!span) return undefined;
  const at = callAt(findCalls(text, [span]), offset);
  return { span, call: at?.call, argIndex: at?.argIndex };
}
