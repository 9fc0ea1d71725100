/** An ER table box loses only the labels and label backgrounds that draw nothing (webview/shared/erPrune.ts). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { JSDOM } from 'jsdom';
import { pruneErEntity } from '../../../webview/shared/erPrune';

type Found = Parameters<typeof pruneErEntity>[0] & { querySelectorAll(selector: string): ArrayLike<Found>; querySelector(selector: string): Found | null };

/** A label as Mermaid's erBox draws it (SVG text labels). */
function label(cls: string, text: string, background = '<rect class="background" style="stroke: none;"></rect>'): string {
  const inner = text ? `<tspan font-style="normal" class="text-inner-tspan" font-weight="normal">${text}</tspan>` : '';
  return `<g class="label ${cls}" transform="translate(1, 2)" style=""><g>${background}</g><text y="-10.1" style=""><tspan class="text-outer-tspan row" x="0" y="-0.1em" dy="1.1em">${inner}</tspan></text></g>`;
}

void test('empty key and comment labels and size-less label backgrounds go; text, rows and sized backgrounds stay', () => {
  const document = new JSDOM('<!doctype html><body></body>').window.document as { body: { innerHTML: string }; getElementById(id: string): Found | null };
  document.body.innerHTML = `<svg xmlns="http://www.w3.org/2000/svg"><g class="node default" id="e"><g class="outer-path"><path d="M0 0"></path></g><g class="row-rect-odd"><path d="M0 0"></path></g>${label('name', 'orders')}${label('attribute-type', 'bigint')}${label('attribute-name', 'id')}${label('attribute-keys', 'PK')}${label('attribute-comment', '')}${label('attribute-keys', ' ')}${label('attribute-comment', 'note', '<rect class="background" x="0" y="0" width="4" height="4"></rect>')}<g class="divider"><path d="M0 0"></path></g></g></svg>`;
  const box = document.getElementById('e')!;
  pruneErEntity(box);
  const labels = Array.from(box.querySelectorAll('g.label'));
  assert.deepEqual(
    labels.map((l) => l.textContent),
    ['orders', 'bigint', 'id', 'PK', 'note'],
  );
  assert.equal(box.querySelectorAll('rect.background').length, 1, 'only the sized background is kept');
  assert.equal(box.querySelectorAll('g.outer-path, g.row-rect-odd, g.divider').length, 3);
  for (const l of labels) assert.ok(l.querySelector('text > tspan.text-outer-tspan'), 'text structure kept');
});
