/**
 * The editor's theme as Mermaid theme variables (no DOM here: theme.ts reads the page). VS Code marks the body `vscode-light`,
 * `vscode-dark`, `vscode-high-contrast` or `vscode-high-contrast-light` and defines `--vscode-*`
 * colours; Mermaid needs plain colours (it derives shades from them), so the background,
 * foreground and font come from the editor when they are hex, the rest from palettes tuned for
 * contrast on each kind of theme.
 */
export type ThemeKind = 'light' | 'dark' | 'hc-dark' | 'hc-light';

export interface MermaidTheme {
  kind: ThemeKind;
  theme: 'base';
  variables: Record<string, string | boolean> & { fontFamily: string; background: string };
}

interface Palette {
  background: string;
  foreground: string;
  line: string;
  node: string;
  nodeBorder: string;
  cluster: string;
  clusterBorder: string;
  rowOdd: string;
  rowEven: string;
}

const PALETTES: Record<ThemeKind, Palette> = {
  light: { background: '#ffffff', foreground: '#1f2328', line: '#57606a', node: '#eef2f7', nodeBorder: '#8c959f', cluster: '#f6f8fa', clusterBorder: '#b6bec8', rowOdd: '#ffffff', rowEven: '#f3f5f8' },
  dark: { background: '#1f1f1f', foreground: '#e6e6e6', line: '#9da7b3', node: '#2d333b', nodeBorder: '#768390', cluster: '#262b31', clusterBorder: '#545d68', rowOdd: '#22272e', rowEven: '#2d333b' },
  'hc-dark': { background: '#000000', foreground: '#ffffff', line: '#ffffff', node: '#000000', nodeBorder: '#6fc3df', cluster: '#0b0b0b', clusterBorder: '#6fc3df', rowOdd: '#000000', rowEven: '#111111' },
  'hc-light': { background: '#ffffff', foreground: '#000000', line: '#000000', node: '#ffffff', nodeBorder: '#0f4a85', cluster: '#ffffff', clusterBorder: '#0f4a85', rowOdd: '#ffffff', rowEven: '#f2f2f2' },
};

/** The theme kind from the body's classes (`has` tells whether the body has a class). */
export function themeKindOf(has: (cls: string) => boolean): ThemeKind {
  if (has('vscode-high-contrast-light')) return 'hc-light';
  if (has('vscode-high-contrast')) return 'hc-dark';
  if (has('vscode-dark')) return 'dark';
  return 'light';
}

const HEX = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;

/**
 * Mermaid theme variables for a theme kind; `cssVar` reads a `--vscode-*` variable. Editor colours
 * are used when plain hex (Mermaid's colour maths needs that); high contrast keeps its palette.
 */
export function mermaidThemeFor(kind: ThemeKind, cssVar: (name: string) => string): MermaidTheme {
  const p = PALETTES[kind];
  const highContrast = kind === 'hc-dark' || kind === 'hc-light';
  const colour = (name: string, fallback: string) => {
    const v = cssVar(name).trim();
    return !highContrast && HEX.test(v) ? v : fallback;
  };
  const background = colour('--vscode-editor-background', p.background);
  const foreground = colour('--vscode-editor-foreground', p.foreground);
  const fontFamily = cssVar('--vscode-font-family').trim() || '-apple-system, "Segoe UI", Ubuntu, sans-serif';
  return {
    kind,
    theme: 'base',
    variables: {
      darkMode: kind === 'dark' || kind === 'hc-dark',
      background,
      fontFamily,
      fontSize: '14px',
      primaryColor: p.node,
      primaryTextColor: foreground,
      primaryBorderColor: p.nodeBorder,
      secondaryColor: p.cluster,
      tertiaryColor: p.cluster,
      lineColor: p.line,
      textColor: foreground,
      titleColor: foreground,
      nodeTextColor: foreground,
      clusterBkg: p.cluster,
      clusterBorder: p.clusterBorder,
      edgeLabelBackground: background,
      attributeBackgroundColorOdd: p.rowOdd,
      attributeBackgroundColorEven: p.rowEven,
    },
  };
}
