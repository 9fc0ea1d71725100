/** The extension's vscode-free logic: status bar text, the models tree, the webview's CSP. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { NodeInfo, ProjectInfo } from '../../../src/protocol';
import { statusView } from '../../../src/extension/statusText';
import { testOutcome } from '../../../src/extension/testOutcome';
import { buildTree, statusIcon, type TreeNode } from '../../../src/extension/treeModel';
import { contentSecurityPolicy, escapeHtml, makeNonce, webviewShell } from '../../../src/extension/webviewHtml';

const node = (name: string, folder: string, kind: NodeInfo['kind'] = 'model'): NodeInfo => ({ uniqueId: `${kind}.p.${name}`, name, kind, file: `/p/${folder}/${name}.sql`, line: 1, folder });

void test('the status bar says what runs, then the last result with its time', () => {
  const running = statusView({ kind: 'running', what: 'run stg_orders', projectRoot: '/p', startedAt: Date.now() });
  assert.match(running.text, /sync~spin.*run stg_orders/);
  const finishedAt = new Date(2026, 0, 1, 9, 5, 7).getTime();
  const ok = statusView({ kind: 'idle', last: { what: 'run stg_orders', ok: true, counts: 'PASS=3 WARN=0 ERROR=0 SKIP=0', elapsedMs: 240, finishedAt } });
  assert.equal(ok.text, '$(check) run stg_orders · 09:05:07');
  assert.match(ok.tooltip, /PASS=3.*240 ms/);
  assert.equal(ok.tone, 'normal');
  const bad = statusView({ kind: 'idle', last: { what: 'build', ok: false, counts: 'PASS=1 WARN=0 ERROR=1 SKIP=2', elapsedMs: 1500, finishedAt } });
  assert.equal(bad.tone, 'error');
  assert.match(bad.tooltip, /1\.5 s/);
  assert.equal(statusView({ kind: 'locked', projectRoot: '/p', message: 'in use by PID 7' }).tone, 'warning');
  assert.match(statusView({ kind: 'restricted' }).tooltip, /runs no SQL/);
});

void test('models are grouped by folder; tests are left to the Test Explorer', () => {
  const p: ProjectInfo = {
    root: '/p',
    name: 'p',
    databasePath: '/p/p.duckdb',
    nodes: [node('stg_b', 'models/staging'), node('stg_a', 'models/staging'), node('orders', 'models/marts'), node('top', 'models'), node('raw', 'seeds', 'seed'), node('unique_x', 'models/staging', 'test')],
  };
  const tree = buildTree([p]);
  const labels = (ns: TreeNode[]): unknown[] => ns.map((n) => (n.type === 'node' ? n.node.name : [n.type === 'folder' ? n.label : n.project.name, labels(n.children)]));
  assert.deepEqual(labels(tree), [
    ['models', [['marts', ['orders']], ['staging', ['stg_a', 'stg_b']], 'top']],
    ['seeds', ['raw']],
  ]);
  const two = buildTree([p, { ...p, root: '/q', name: 'q' }]);
  assert.equal(two.length, 2);
  assert.equal(two[0].type, 'project');
});

void test('status icons', () => {
  assert.equal(statusIcon('fail').icon, 'error');
  assert.equal(statusIcon('pass').icon, 'pass');
  assert.equal(statusIcon(undefined).color, undefined);
});

void test('webview CSP: nothing by default, scripts by nonce only, no unsafe sources', () => {
  const csp = contentSecurityPolicy('https://x.vscode-cdn.net', 'abc');
  assert.match(csp, /^default-src 'none'/);
  assert.match(csp, /script-src 'nonce-abc'/);
  assert.match(csp, /style-src https:\/\/x\.vscode-cdn\.net/);
  assert.doesNotMatch(csp, /unsafe|\*/);
  const html = webviewShell({ title: '<b>', cspSource: 'src:', nonce: 'n1', scriptUri: 's.js', styleUri: 's.css', body: '<main></main>' });
  assert.match(html, /<script nonce="n1" src="s.js"><\/script>/);
  assert.ok(html.includes('<title>&lt;b&gt;</title>'));
  assert.equal((html.match(/<script/g) ?? []).length, 1, 'no inline script besides the nonce-tagged bundle');
  assert.equal(escapeHtml(`"'&`), '&quot;&#39;&amp;');
  const nonce = makeNonce((n) => new Uint8Array(n).map((_, i) => i * 7));
  assert.match(nonce, /^[A-Za-z0-9]{24}$/);
});

void test('Test Explorer: a warn test passes with its warning in the output, as dbt does not fail on it', () => {
  assert.deepEqual(testOutcome('warn', 'not_null(email) warned: 4 null values'), { state: 'passed', note: 'warning: not_null(email) warned: 4 null values' });
  assert.deepEqual(testOutcome('fail', 'unique(order_id) failed: 3 duplicate values'), { state: 'failed' });
  assert.deepEqual(testOutcome('pass', ''), { state: 'passed' });
  assert.deepEqual(testOutcome('error', 'Binder Error'), { state: 'errored' });
  assert.deepEqual(testOutcome('skipped', ''), { state: 'skipped' });
});
