/** Small DOM helpers: elements are built by hand (no innerHTML with data), so names stay text. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K];
export function el(tag: string, className?: string, text?: string): HTMLElement;
export function el(tag: string, className?: string, text?: string): HTMLElement {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

/** A vscode-elements checkbox (a toggle switch) with its label and a change handler. */
export function toggle(label: string, title: string, onChange: (checked: boolean) => void): HTMLElement & { checked: boolean } {
  const c = el('vscode-checkbox') as HTMLElement & { checked: boolean; label: string };
  c.label = label;
  c.title = title;
  c.addEventListener('change', () => onChange(c.checked));
  return c;
}
