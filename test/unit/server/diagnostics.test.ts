/** Problems → diagnostics, by owner, with nothing stale left behind. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver';
import type { Problem } from '../../../src/core/problems';
import { DiagnosticStore, fileUri, toDiagnostic } from '../../../src/server/diagnostics';

const p = (file: string, line: number, code = 'sql-error', extra: Partial<Problem> = {}): Problem => ({ file, line, column: 3, code, severity: 'error', message: `${code} at ${line}`, ...extra });

void test('a problem becomes a diagnostic with source, code, 0-based range and related places', () => {
  const d = toDiagnostic(p('/p/a.sql', 4, 'unknown-ref', { endLine: 4, endColumn: 20, hint: 'Did you mean x?', suggestions: ['x'], related: [{ file: '/p/t.sql', line: 2, column: 1, message: 'compiled' }] }));
  assert.equal(d.source, 'model-studio');
  assert.equal(d.code, 'unknown-ref');
  assert.deepEqual(d.range, { start: { line: 3, character: 2 }, end: { line: 3, character: 19 } });
  assert.equal(d.message, 'unknown-ref at 4\nDid you mean x?');
  assert.deepEqual(d.data, { suggestions: ['x'] });
  assert.equal(d.relatedInformation?.[0].location.uri, fileUri('/p/t.sql'));
  assert.equal(toDiagnostic(p('/p/a.sql', 1, 'w', { severity: 'warning' })).severity, 2);
  const empty = toDiagnostic(p('/p/a.sql', 2));
  assert.deepEqual(empty.range.start, empty.range.end, 'without an end the editor picks the word');
});

void test('owners replace their own problems; emptied files are cleared once; unchanged files are not re-sent', () => {
  const sent: Array<[string, Diagnostic[]]> = [];
  const store = new DiagnosticStore((uri, d) => sent.push([uri, d]));
  store.set('load', [p('/p/schema.yml', 3, 'yaml')]);
  store.set('node:a', [p('/p/a.sql', 5)]);
  store.flush();
  assert.equal(sent.length, 2);
  sent.length = 0;
  store.flush();
  assert.equal(sent.length, 0, 'nothing changed');
  store.set('node:a', []);
  store.flush();
  assert.deepEqual(sent, [[fileUri('/p/a.sql'), []]]);
  sent.length = 0;
  store.flush();
  assert.equal(sent.length, 0, 'an empty file is cleared only once');
});

void test('two owners reporting the same problem show it once; a deleted file and vanished owners are dropped', () => {
  const sent = new Map<string, Diagnostic[]>();
  const store = new DiagnosticStore((uri, d) => sent.set(uri, d));
  store.set('load', [p('/p/a.sql', 2, 'jinja')]);
  store.set('node:a', [p('/p/a.sql', 2, 'jinja'), p('/p/b.sql', 1)]);
  store.set('node:gone', [p('/p/c.sql', 1)]);
  store.flush();
  assert.equal(sent.get(fileUri('/p/a.sql'))?.length, 1);
  store.forgetFile('/p/b.sql');
  store.retain((o) => o !== 'node:gone');
  store.flush();
  assert.deepEqual(sent.get(fileUri('/p/b.sql')), []);
  assert.deepEqual(sent.get(fileUri('/p/c.sql')), []);
  assert.equal(store.problemsIn('/p/a.sql').length, 1);
  store.clear();
  assert.deepEqual(sent.get(fileUri('/p/a.sql')), []);
});
