/** nunjucks passes Jinja keyword arguments as a trailing object marked `__keywords`. */
export interface CallArgs {
  positional: unknown[];
  kwargs: Record<string, unknown>;
}

export function splitArgs(args: unknown[]): CallArgs {
  const last = args[args.length - 1];
  if (last && typeof last === 'object' && (last as Record<string, unknown>).__keywords === true) {
    const kwargs = { ...(last as Record<string, unknown>) };
    delete kwargs.__keywords;
    return { positional: args.slice(0, -1), kwargs };
  }
  return { positional: args, kwargs: {} };
}

export function argAt(a: CallArgs, index: number, name: string): unknown {
  return a.positional.length > index ? a.positional[index] : a.kwargs[name];
}
