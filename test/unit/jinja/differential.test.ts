/**
 * Differential test: every template in test/fixtures/jinja/corpus must render byte-identically to
 * Python Jinja2 3.1.6 configured like dbt (see render_corpus.py); where Jinja2 fails, we must fail too.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JinjaEnvironment } from '../../../src/core/jinja/index';
import { CORPUS_DIR, listCases, macroFiles, ORACLE_SCRIPT, renderCase, type CaseResult } from './corpus-harness';

/**
 * Cases deliberately not compared, with the reason. Keep this empty unless a difference is a
 * conscious choice.
 */
const EXCLUDED: Record<string, string> = {};

interface OracleOutput {
  jinja2: string;
  cases: Record<string, CaseResult>;
}

function oracleUnavailable(): string | null {
  const probe = spawnSync('python3', ['-c', 'import jinja2; print(jinja2.__version__)'], { encoding: 'utf8' });
  if (probe.error) return `python3 is not available (${probe.error.message})`;
  if (probe.status !== 0) return `python3 cannot import jinja2: ${probe.stderr.trim().split('\n').pop() ?? ''}`;
  return null;
}

const skipReason = oracleUnavailable();

void test('corpus renders byte-identically to Python Jinja2', { skip: skipReason ? `skipped: ${skipReason}` : false }, () => {
  const oracle = JSON.parse(execFileSync('python3', [ORACLE_SCRIPT, CORPUS_DIR], { encoding: 'utf8', maxBuffer: 64 << 20 })) as OracleOutput;
  if (oracle.jinja2 !== '3.1.6') console.log(`note: oracle is Jinja2 ${oracle.jinja2}, the target is 3.1.6`);
  const env = new JinjaEnvironment();
  env.setMacroFiles(macroFiles());
  const cases = listCases();
  assert.ok(cases.length >= 80, `corpus has only ${cases.length} cases`);
  const failures: string[] = [];
  let identical = 0;
  let compared = 0;
  for (const name of cases) {
    if (name in EXCLUDED) continue;
    compared++;
    const want = oracle.cases[name];
    const got = renderCase(env, name);
    if (!want) {
      failures.push(`${name}: missing from oracle output`);
    } else if ('output' in want) {
      if ('output' in got && got.output === want.output) identical++;
      else {
        const detail = 'output' in got ? `got ${JSON.stringify(got.output)}` : `threw ${got.error}`;
        failures.push(`${name}:\n  want ${JSON.stringify(want.output)}\n  ${detail}`);
      }
    } else if ('error' in got) {
      identical++;
    } else {
      failures.push(`${name}: Jinja2 failed (${want.error}) but we rendered ${JSON.stringify(got.output)}`);
    }
  }
  console.log(`differential: ${identical}/${compared} identical (${Object.keys(EXCLUDED).length} excluded)`);
  assert.equal(failures.length, 0, `cases differing from Jinja2:\n${failures.join('\n')}`);
});
