/** The page's current theme (VS Code's body classes and colour variables) and its changes. */
import { mermaidThemeFor, themeKindOf, type MermaidTheme, type ThemeKind } from './themeColours';

export type { MermaidTheme, ThemeKind } from './themeColours';

export function themeKind(): ThemeKind {
  const classes = document.body.classList;
  return themeKindOf((c) => classes.contains(c));
}

export function mermaidTheme(): MermaidTheme {
  const style = getComputedStyle(document.documentElement);
  return mermaidThemeFor(themeKind(), (name) => style.getPropertyValue(name));
}

/** Calls `fn` when the editor switches theme (VS Code rewrites the body's classes). */
export function onThemeChange(fn: () => void): void {
  let last = themeKind();
  new MutationObserver(() => {
    const now = themeKind();
    if (now !== last) {
      last = now;
      fn();
    }
  }).observe(document.body, { attributes: true, attributeFilter: ['class'] });
}
