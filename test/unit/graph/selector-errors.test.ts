import assert from 'node:assert/strict';
import { ProblemError, formatProblem, type Problem } from '../../../src/core/problems';
import { parseSelectors, selectNodes, type SelectionOptions } from '../../../src/core/graph';
import { describe, it } from './harness';
import { id, jaffle } from './jaffle';

const { m, g } = jaffle();

function problemsOf(opts: SelectionOptions): Problem[] {
  try {
    selectNodes(m, g, opts);
  } catch (e) {
    if (e instanceof ProblemError) return e.problems;
    throw e;
  }
  assert.fail(`expected ${JSON.stringify(opts)} to be rejected`);
}

/** The single problem for one malformed --select value. */
function badSelector(sel: string): Problem {
  const problems = problemsOf({ select: [sel] });
  assert.equal(problems.length, 1, JSON.stringify(problems));
  const [p] = problems;
  assert.equal(p.code, 'bad-selector');
  assert.equal(p.severity, 'error');
  assert.equal(p.file, '<command line>');
  assert.equal(p.line, 1);
  return p;
}

describe('malformed selectors', () => {
  const cases: Array<[string, number, RegExp]> = [
    ['+', 2, /expected a node name/],
    ['2+', 3, /expected a node name/],
    ['@', 2, /expected a node name/],
    ['tag:', 5, /expected a value after 'tag:'/],
    ['+tag:+', 6, /expected a value after 'tag:'/],
    ['foo+bar+baz', 4, /'\+' may only open/],
    ['orders+x', 7, /'\+' may only open/],
    ['orders +', 9, /expected a node name/],
    ['a,,b', 3, /empty criterion/],
    ['orders,', 8, /empty criterion/],
    ['@orders+', 8, /'@' and a trailing '\+'/],
    ['tagg:nightly', 1, /'tagg' is not a valid method name/],
    ['state:modified', 1, /previous dbt run/],
    ['config:table', 1, /needs a key/],
    ['tag.x:nightly', 4, /takes no '\.key'/],
    ['resource_type:modle', 15, /not a valid resource type/],
    ['test_type:schema_test', 11, /not a valid test type/],
    ['source:a.b.c.d', 8, /source_name\.table_name/],
    ['orders tag:nightly,resource_type:x', 34, /not a valid resource type/],
  ];
  for (const [sel, column, message] of cases) {
    it(`'${sel}' is rejected at column ${column}`, () => {
      const p = badSelector(sel);
      assert.equal(p.column, column);
      assert.match(p.message, message);
      assert.ok((p.endColumn ?? 0) > column);
    });
  }

  it('suggests the method that was meant', () => {
    assert.ok(badSelector('tagg:nightly').suggestions?.includes('tag'));
    assert.deepEqual(badSelector('resource_type:modle').suggestions, ['model']);
  });

  it('formats as a clickable command-line location', () => {
    assert.equal(
      formatProblem(badSelector('foo+bar+baz')),
      "<command line>:1:4: error: Malformed selector 'foo+bar+baz': '+' may only open (ancestors) or close (descendants) a selector [bad-selector]" +
        "\n  hint: Write ancestors as '+name' or 'N+name' and descendants as 'name+' or 'name+N'; separate selectors with spaces.",
    );
  });

  it('reports every malformed piece of --select and --exclude at once', () => {
    const problems = problemsOf({ select: ['+', 'orders tag:'], exclude: ['2+'] });
    assert.deepEqual(
      problems.map((p) => [p.column, p.message.split(':')[0]]),
      [
        [2, "Malformed selector '+'"],
        [12, "Malformed selector 'tag"],
        [3, "Malformed selector '2+'"],
      ],
    );
  });

  it('parses operators and methods with their columns', () => {
    const [term] = parseSelectors(['  2+config.meta.owner:finance+1,@x']);
    assert.equal(term.column, 3);
    assert.deepEqual(
      term.criteria.map((c) => ({ ...c })),
      [
        {
          raw: '2+config.meta.owner:finance+1', column: 3, childrensParents: false, parents: true, parentsDepth: 2,
          children: true, childrenDepth: 1, method: 'config', args: ['meta', 'owner'], value: 'finance',
        },
        {
          raw: '@x', column: 33, childrensParents: true, parents: false, parentsDepth: undefined,
          children: false, childrenDepth: undefined, method: 'fqn', args: [], value: 'x',
        },
      ],
    );
  });
});

describe('selectors that match nothing', () => {
  it('warn like dbt, at the term that matched nothing', () => {
    const r = selectNodes(m, g, { select: ['orders nope'] });
    assert.deepEqual([...r.selected].sort(), [id.orders, id.notNullOrders, id.relOrdersCustomers].sort());
    assert.equal(r.warnings.length, 1);
    const [w] = r.warnings;
    assert.equal(w.severity, 'warning');
    assert.equal(w.code, 'selector-no-match');
    assert.equal(w.message, "The selection criterion 'nope' does not match any enabled nodes");
    assert.deepEqual([w.file, w.line, w.column, w.endColumn], ['<command line>', 1, 8, 12]);
  });

  it('warn for an empty intersection, naming the whole term', () => {
    const r = selectNodes(m, g, { select: ['tag:pii,tag:nightly'] });
    assert.equal(r.selected.size, 0);
    assert.equal(r.warnings[0].message, "The selection criterion 'tag:pii,tag:nightly' does not match any enabled nodes");
  });

  it('do not warn for a source-only match filtered out by resource type, nor for --exclude', () => {
    assert.deepEqual(selectNodes(m, g, { select: ['source:raw.customers'], resourceTypes: ['model'] }).warnings, []);
    assert.deepEqual(selectNodes(m, g, { select: ['orders'], exclude: ['nope'] }).warnings, []);
  });
});
