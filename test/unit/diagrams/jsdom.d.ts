// jsdom ships no types and only these tests use it: the few members they touch, declared here.
declare module 'jsdom' {
  export class JSDOM {
    constructor(html?: string);
    readonly window: { document: unknown } & Record<string, unknown>;
  }
}
