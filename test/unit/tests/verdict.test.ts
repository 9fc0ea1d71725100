import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { testMessage, testSettings, testStatus } from '../../../src/core/tests';

const place = { file: '/p/models/schema.yml', line: 7, column: 13 };

void test('status follows dbt: fail needs severity error and error_if; warn needs warn_if', () => {
  assert.equal(testStatus('error', { failures: 3, shouldWarn: true, shouldError: true }), 'fail');
  assert.equal(testStatus('error', { failures: 3, shouldWarn: true, shouldError: false }), 'warn');
  assert.equal(testStatus('warn', { failures: 3, shouldWarn: true, shouldError: true }), 'warn');
  // severity warn with a warn_if that does not hold passes, even when error_if holds
  assert.equal(testStatus('warn', { failures: 3, shouldWarn: false, shouldError: true }), 'pass');
  assert.equal(testStatus('error', { failures: 0, shouldWarn: false, shouldError: false }), 'pass');
});

void test('messages are dbt\'s, with the configured comparison', () => {
  const { settings } = testSettings({ warn_if: '>1', error_if: '>10' }, place);
  assert.equal(testMessage('fail', 11, settings), 'Got 11 results, configured to fail if >10');
  assert.equal(testMessage('warn', 1, settings), 'Got 1 result, configured to warn if >1');
  assert.equal(testMessage('pass', 0, settings), null);
});

void test('config defaults and validation with the test\'s place', () => {
  const ok = testSettings({ severity: 'WARN', limit: 10, store_failures: true }, place);
  assert.deepEqual(ok.problems, []);
  assert.deepEqual(ok.settings, { severity: 'warn', failCalc: 'count(*)', warnIf: '!= 0', errorIf: '!= 0', limit: 10, storeAs: 'table' });
  assert.equal(testSettings({ store_failures: true, store_failures_as: 'ephemeral' }, place).settings.storeAs, null);
  assert.equal(testSettings({ store_failures_as: 'view' }, place).settings.storeAs, 'view');

  const bad = testSettings({ severity: 'fatal', limit: 'ten', warn_if: '10', store_failures_as: 'parquet' }, place);
  assert.deepEqual(
    bad.problems.map((p) => [p.code, p.line, p.column, p.message.split(':')[0]]),
    [
      ['test-config', 7, 13, 'Invalid `severity`'],
      ['test-config', 7, 13, 'Invalid `warn_if`'],
      ['test-config', 7, 13, 'Invalid `limit`'],
      ['test-config', 7, 13, 'Invalid `store_failures_as`'],
    ],
  );
});
