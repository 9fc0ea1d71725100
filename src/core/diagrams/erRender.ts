/**
 * An ErModel as Mermaid `erDiagram` text. Entity names, attribute names and types go through the
 * token rules in mermaidText.ts; where a name had to change, the original is kept in the
 * attribute's comment so the diagram still says what the column is called.
 */
import type { ErCardinality, ErModel } from './erModel';
import { erAttributeName, erEntityName, erQuotedText, erTypeName } from './mermaidText';

/** Mermaid token per entity label; a suffix keeps two labels that sanitize alike apart. */
export function entityTokens(model: ErModel): Map<string, string> {
  const out = new Map<string, string>();
  const used = new Set<string>();
  for (const e of model.entities) {
    let token = erEntityName(e.label);
    for (let i = 2; used.has(token); i++) token = erEntityName(`${e.label}_${i}`);
    used.add(token);
    out.set(e.label, token);
  }
  return out;
}

/** Crow's-foot ends: parent side first, then the child side. */
export function relationshipSymbol(cardinality: ErCardinality, optional: boolean): string {
  const parentEnd = optional ? '|o' : '||';
  switch (cardinality) {
    case 'one-to-one':
      return `${parentEnd}--o|`;
    case 'many-to-many':
      return '}o--o{';
    default:
      return `${parentEnd}--o{`;
  }
}

export function renderErMermaid(model: ErModel): string {
  const tokens = entityTokens(model);
  const lines = ['erDiagram'];
  for (const e of model.entities) {
    const token = tokens.get(e.label) ?? erEntityName(e.label);
    if (!e.columns.length) {
      lines.push(`  ${token}`);
      continue;
    }
    lines.push(`  ${token} {`);
    const names = new Set<string>();
    for (const c of e.columns) {
      let name = erAttributeName(c.name);
      for (let i = 2; names.has(name.toLowerCase()); i++) name = `${erAttributeName(c.name)}_${i}`;
      names.add(name.toLowerCase());
      const keys = c.keys.length ? ` ${c.keys.join(', ')}` : '';
      const comment = name !== c.name ? ` "${erQuotedText(c.name)}"` : '';
      lines.push(`    ${erTypeName(c.type)} ${name}${keys}${comment}`);
    }
    lines.push('  }');
  }
  for (const r of model.relationships) {
    const parent = tokens.get(r.parent);
    const child = tokens.get(r.child);
    if (!parent || !child) continue;
    lines.push(`  ${parent} ${relationshipSymbol(r.cardinality, r.optional)} ${child} : "${erQuotedText(r.childColumns.join(', '))}"`);
  }
  return lines.join('\n') + '\n';
}
