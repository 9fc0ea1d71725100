/** Renaming `style` attributes in markup so parsing it breaks no CSP rule (see mermaidRender.ts). */
export const STYLE_ATTR = 'data-ms-style';

const TAG = /<[A-Za-z][^<>]*>/g;
const STYLE_IN_TAG = /(\s)style=(["'])/g;

/** `style="…"` attributes in markup become `data-ms-style="…"`; text between tags is left alone. */
export function renameStyleAttributes(markup: string): string {
  return markup.replace(TAG, (tag) => tag.replace(STYLE_IN_TAG, `$1${STYLE_ATTR}=$2`));
}
