/**
 * Why src/core/jinja is its own engine rather than @11ty/nunjucks with a compatibility layer:
 * each case below is a Jinja2 3.1.6 answer (checked against Python by the differential corpus)
 * that nunjucks gets wrong even with installJinjaCompat(), while our engine gets it right. If a
 * future nunjucks fixes all of them, this test fails and the choice is worth revisiting.
 */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { JinjaEnvironment } from '../../../src/core/jinja';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const nunjucks = require('@11ty/nunjucks') as { installJinjaCompat(): void; Environment: new (loader: null, opts: { autoescape: boolean }) => { renderString(t: string, ctx: object): string } };

const CASES: Array<[string, string]> = [
  ['{% set x = 1 %}{% for i in [1] %}{% set x = 2 %}{% endfor %}{{ x }}', '1'],
  ['{% if [] %}t{% else %}f{% endif %}', 'f'],
  ["{{ 'a' < 'b' < 'c' }}", 'True'],
  ['{{ [1] + [2] }}', '[1, 2]'],
  ['{{ 4 / 2 }}', '2.0'],
  ['{% for x in [1, 2, 3] if x > 1 %}{{ x }}{% endfor %}', '23'],
  ['{{ True }}', 'True'],
];

test('nunjucks with installJinjaCompat differs from Jinja2 where our engine does not', () => {
  nunjucks.installJinjaCompat();
  const nj = new nunjucks.Environment(null, { autoescape: false });
  const ours = new JinjaEnvironment();
  let nunjucksWrong = 0;
  for (const [template, jinja2] of CASES) {
    assert.equal(ours.render(template, {}, { file: '/case.sql' }), jinja2, template);
    let got: string;
    try {
      got = nj.renderString(template, {});
    } catch {
      got = '<throws>';
    }
    if (got !== jinja2) nunjucksWrong++;
  }
  assert.equal(nunjucksWrong, CASES.length);
});
