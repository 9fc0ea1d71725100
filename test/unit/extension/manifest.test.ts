/**
 * package.json against the code: every contributed command has a handler and a `Model Studio: …`
 * title, settings are documented and typed like the settings module, referenced files exist.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { MODEL_COMMANDS } from '../../../src/core/language';
import { COMMAND_IDS } from '../../../src/extension/commandIds';
import { DEFAULT_SETTINGS, SETTING_KEYS } from '../../../src/protocol';
import { REPO } from '../../helpers/tempProject';

interface Contributed {
  command: string;
  title: string;
  category?: string;
}
interface Setting {
  type: string;
  default: unknown;
  scope?: string;
  markdownDescription?: string;
  enum?: string[];
  enumDescriptions?: string[];
}

const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as {
  engines: { vscode: string };
  activationEvents: string[];
  main: string;
  capabilities: { untrustedWorkspaces: { supported: string; description: string } };
  contributes: {
    commands: Contributed[];
    configuration: { properties: Record<string, Setting> };
    menus: Record<string, Array<{ command: string }>>;
    walkthroughs: Array<{ steps: Array<{ media: { markdown?: string } }> }>;
    grammars: Array<{ path: string }>;
    languages: Array<{ configuration?: string }>;
    views: Record<string, Array<{ id: string }>>;
  };
};
const commandsSource = readFileSync(join(REPO, 'src/extension/commands.ts'), 'utf8');

void test('every contributed command is registered, and every registered command is contributed', () => {
  const contributed = pkg.contributes.commands.map((c) => c.command).sort();
  assert.deepEqual(contributed, [...COMMAND_IDS].sort());
  for (const id of COMMAND_IDS) assert.ok(commandsSource.includes(`'${id}':`), `commands.ts has no handler for ${id}`);
  assert.match(commandsSource, /vscode\.commands\.registerCommand\(id,/, 'the handler table is what gets registered');
});

void test('every command shows as "Model Studio: …" in the palette', () => {
  for (const c of pkg.contributes.commands) {
    const shown = c.category ? `${c.category}: ${c.title}` : c.title;
    assert.match(shown, /^Model Studio: \S/, c.command);
    assert.doesNotMatch(c.title, /^Model Studio/, `${c.command}: the category already says Model Studio`);
  }
});

void test('menus and CodeLens only name contributed commands', () => {
  const ids = new Set<string>(COMMAND_IDS);
  for (const [menu, items] of Object.entries(pkg.contributes.menus)) for (const i of items) assert.ok(ids.has(i.command), `${menu}: ${i.command}`);
  for (const lens of MODEL_COMMANDS) assert.ok(ids.has(lens.command), `CodeLens ${lens.command}`);
});

void test('settings match the typed settings module and are documented', () => {
  const props = pkg.contributes.configuration.properties;
  assert.deepEqual(Object.keys(props).sort(), SETTING_KEYS.map((k) => `modelStudio.${k}`).sort());
  for (const [key, s] of Object.entries(props)) {
    assert.ok(s.scope, `${key} has a scope`);
    assert.ok(s.markdownDescription && s.markdownDescription.length > 20, `${key} has a markdownDescription`);
    if (s.enum) assert.equal(s.enumDescriptions?.length, s.enum.length, `${key} describes each enum value`);
    assert.deepEqual(s.default, DEFAULT_SETTINGS[key.slice('modelStudio.'.length) as keyof typeof DEFAULT_SETTINGS], `${key} default`);
  }
});

void test('activation, trust and engine constraints', () => {
  assert.ok(pkg.activationEvents.includes('workspaceContains:**/dbt_project.yml'));
  assert.equal(pkg.main, 'dist/extension.js');
  const m = /^\^1\.(\d+)\.\d+$/.exec(pkg.engines.vscode);
  assert.ok(m && Number(m[1]) <= 100, `engines.vscode ${pkg.engines.vscode} must stay at or below ^1.100.0`);
  assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
  assert.ok(pkg.capabilities.untrustedWorkspaces.description.length > 20);
  assert.ok(Object.values(pkg.contributes.views).flat().some((v) => v.id === 'modelStudio.models'));
});

void test('files the manifest points at exist', () => {
  const files = [
    ...pkg.contributes.walkthroughs.flatMap((w) => w.steps.map((s) => s.media.markdown)),
    ...pkg.contributes.grammars.map((g) => g.path),
    ...pkg.contributes.languages.map((l) => l.configuration),
  ].filter((f): f is string => !!f);
  assert.ok(files.length > 5);
  for (const f of files) assert.ok(existsSync(join(REPO, f)), f);
});

void test('the VSIX allowlist keeps what runs and the DuckDB binding', () => {
  const ignore = readFileSync(join(REPO, '.vscodeignore'), 'utf8').split('\n');
  assert.equal(ignore.find((l) => l.trim() && !l.startsWith('#')), '**', 'starts by excluding everything');
  for (const keep of ['!dist/extension.js', '!dist/server.js', '!dist/webview/**', '!sql/**', '!node_modules/@duckdb/node-bindings-linux-x64/**', '!src/extension/walkthrough/**']) assert.ok(ignore.includes(keep), keep);
});
