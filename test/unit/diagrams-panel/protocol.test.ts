/** The panel's message contract: anything a webview posts or saves is checked before use. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_LINEAGE_OPTIONS, isFromDiagramWebview, parseDiagramPanelState, parseErOptions, parseLineageOptions } from '../../../src/protocol';

void test('lineage options: junk falls back to defaults, collapse absent stays absent', () => {
  assert.deepEqual(parseLineageOptions({}), { ...DEFAULT_LINEAGE_OPTIONS });
  assert.deepEqual(parseLineageOptions({ scope: 'everything', depth: -1, upstream: 'yes', groupBy: 'color', collapsed: ['a', 3], focus: '' }), { ...DEFAULT_LINEAGE_OPTIONS, collapsed: ['a'] });
  assert.deepEqual(parseLineageOptions({ scope: 'focused', depth: 2, focus: 'model.p.x', showTests: true }), { ...DEFAULT_LINEAGE_OPTIONS, scope: 'focused', depth: 2, focus: 'model.p.x', showTests: true });
  assert.equal(parseLineageOptions(null), undefined);
  assert.equal(parseLineageOptions(2.5), undefined);
});

void test('ER options and saved panel state', () => {
  assert.deepEqual(parseErOptions({ tables: ['a', null], related: false }), { tables: ['a'], related: false });
  assert.deepEqual(parseDiagramPanelState({ kind: 'er', projectRoot: '/p', er: { tables: ['x'] } }), { kind: 'er', projectRoot: '/p', er: { tables: ['x'], related: true } });
  assert.equal(parseDiagramPanelState({ kind: 'graph', projectRoot: '/p' }), undefined);
  assert.equal(parseDiagramPanelState({ kind: 'lineage', projectRoot: '' }), undefined);
  assert.equal(parseDiagramPanelState(undefined), undefined);
});

void test('messages from the webview: only known shapes pass', () => {
  assert.ok(isFromDiagramWebview({ type: 'ready' }));
  assert.ok(isFromDiagramWebview({ type: 'open', uniqueId: 'model.p.x' }));
  assert.ok(isFromDiagramWebview({ type: 'export', format: 'png', data: 'iVBOR', name: 'x.png' }));
  assert.ok(isFromDiagramWebview({ type: 'lineageOptions', options: { scope: 'focused' } }));
  assert.ok(!isFromDiagramWebview({ type: 'open', file: '/etc/passwd' }));
  assert.ok(!isFromDiagramWebview({ type: 'export', format: 'exe', data: '', name: 'x' }));
  assert.ok(!isFromDiagramWebview({ type: 'run', command: 'rm' }));
  assert.ok(!isFromDiagramWebview({ type: 'erOptions', options: 'all' }));
  assert.ok(!isFromDiagramWebview('ready'));
});
