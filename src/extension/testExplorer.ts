/**
 * Data tests in the Test Explorer: project → tested model → test, each test at its YAML line.
 * Running asks the server to run exactly those tests; results from saves show up here too.
 */
import * as vscode from 'vscode';
import { testOutcome } from './testOutcome';
import { Requests, type NodeInfo, type NodeResultInfo } from '../protocol';
import type { Studio } from './context';

export function registerTestExplorer(studio: Studio): vscode.Disposable {
  const ctrl = vscode.tests.createTestController('modelStudio', 'Model Studio data tests');
  const byId = new Map<string, vscode.TestItem>();

  const sync = () => {
    byId.clear();
    const roots: vscode.TestItem[] = [];
    for (const p of studio.projects.all) {
      const projectItem = ctrl.createTestItem(`project:${p.root}`, p.name, vscode.Uri.file(p.root));
      const groups = new Map<string, vscode.TestItem>();
      for (const t of p.nodes.filter((n) => n.kind === 'test').sort((a, b) => a.name.localeCompare(b.name))) {
        const parent = t.attachedTo ? studio.projects.node(t.attachedTo) : undefined;
        const groupKey = parent?.uniqueId ?? 'singular';
        let group = groups.get(groupKey);
        if (!group) {
          group = ctrl.createTestItem(`group:${p.root}:${groupKey}`, parent?.name ?? 'singular tests', parent ? vscode.Uri.file(parent.file) : undefined);
          groups.set(groupKey, group);
          projectItem.children.add(group);
        }
        group.children.add(testItem(ctrl, t, byId));
      }
      roots.push(projectItem);
    }
    ctrl.items.replace(roots);
  };

  const run = async (request: vscode.TestRunRequest, token: vscode.CancellationToken) => {
    const tests = collect(request.include ?? [...gather(ctrl.items)], request.exclude ?? []);
    const testRun = ctrl.createTestRun(request);
    for (const t of tests) testRun.enqueued(t);
    const byProject = new Map<string, vscode.TestItem[]>();
    for (const t of tests) {
      const root = studio.projects.projectOf(t.uri?.fsPath ?? '')?.root;
      if (root) byProject.set(root, [...(byProject.get(root) ?? []), t]);
    }
    try {
      for (const [projectRoot, items] of byProject) {
        for (const t of items) testRun.started(t);
        const out = await studio.request(Requests.run, { target: 'nodes', projectRoot, uniqueIds: items.map((i) => i.id), command: 'test' }, token);
        if (!out.ok) {
          for (const t of items) testRun.errored(t, new vscode.TestMessage(out.message));
          continue;
        }
        report(testRun, out.results, byId);
      }
    } finally {
      testRun.end();
    }
  };

  const profile = ctrl.createRunProfile('Run', vscode.TestRunProfileKind.Run, (req, token) => void run(req, token), true);
  ctrl.refreshHandler = () => studio.projects.refresh();
  const subs = [
    studio.projects.onDidChange(sync),
    // Tests run by a save or a command are shown as their own (unpersisted) run.
    studio.onResults.event(({ results }) => {
      const tested = results.filter((r) => r.kind === 'test' && byId.has(r.uniqueId));
      if (!tested.length) return;
      const r = ctrl.createTestRun(new vscode.TestRunRequest(tested.map((t) => byId.get(t.uniqueId)!)), 'Model Studio run', false);
      report(r, tested, byId);
      r.end();
    }),
  ];
  sync();
  return vscode.Disposable.from(ctrl, profile, ...subs);
}

function testItem(ctrl: vscode.TestController, t: NodeInfo, byId: Map<string, vscode.TestItem>): vscode.TestItem {
  const item = ctrl.createTestItem(t.uniqueId, t.name, vscode.Uri.file(t.file));
  item.range = new vscode.Range(t.line - 1, 0, t.line - 1, 0);
  byId.set(t.uniqueId, item);
  return item;
}

function* gather(items: vscode.TestItemCollection): Generator<vscode.TestItem> {
  for (const [, item] of items) yield item;
}

/** The test leaves under the requested items, minus the excluded ones. */
function collect(include: readonly vscode.TestItem[], exclude: readonly vscode.TestItem[]): vscode.TestItem[] {
  const skip = new Set(exclude.map((e) => e.id));
  const out = new Map<string, vscode.TestItem>();
  const walk = (item: vscode.TestItem) => {
    if (skip.has(item.id)) return;
    if (item.children.size === 0) {
      if (!item.id.startsWith('project:') && !item.id.startsWith('group:')) out.set(item.id, item);
      return;
    }
    for (const [, child] of item.children) walk(child);
  };
  include.forEach(walk);
  return [...out.values()];
}

function report(run: vscode.TestRun, results: readonly NodeResultInfo[], byId: Map<string, vscode.TestItem>): void {
  for (const r of results) {
    const item = byId.get(r.uniqueId);
    if (!item) continue;
    const ms = r.state.executionSeconds * 1000;
    const text = r.state.message ?? `${r.name}: ${r.state.status}`;
    const place = r.state.place;
    const location = place ? new vscode.Location(vscode.Uri.file(place.file), new vscode.Position(place.line - 1, Math.max(0, place.column - 1))) : undefined;
    const message = () => {
      const m = new vscode.TestMessage(text);
      if (location) m.location = location;
      return m;
    };
    const outcome = testOutcome(r.state.status, text);
    if (outcome.note) run.appendOutput(`${outcome.note}\r\n`, location, item);
    switch (outcome.state) {
      case 'passed':
        run.passed(item, ms);
        break;
      case 'failed':
        run.failed(item, message(), ms);
        break;
      case 'skipped':
        run.skipped(item);
        break;
      default:
        run.errored(item, message(), ms);
    }
  }
}
