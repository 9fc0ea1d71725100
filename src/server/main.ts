/**
 * The Model Studio language server. Started by the extension over Node IPC (or `--stdio` in
 * tests); owns one engine and one DuckDB connection per project in the workspace.
 */
import { fileURLToPath } from 'node:url';
import { CodeLensRefreshRequest, createConnection, FileChangeType, ProposedFeatures, TextDocuments, TextDocumentSyncKind, type InitializeResult } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ClientNotifications, parseSettings, Requests, ServerNotifications, type InitOptions } from '../protocol';
import { registerDiagramRequests } from './handlers/diagrams';
import { handleCompiled, handleDiagram, handlePreview } from './handlers/inspect';
import { datasetSpecs, handleGenerate } from './handlers/generate';
import { qualityReport } from './handlers/inspect';
import { newProject, templateNames } from './handlers/newProject';
import { handleRun } from './handlers/run';
import { LANGUAGE_CAPABILITIES, registerLanguageFeatures, pathOf } from './language';
import { DatabaseLog, leveledLogger } from './log';
import { notify, onNotification, onRequest, signalOf } from './rpc';
import { collectGarbage } from './gc';
import { Workspace } from './workspace';

const conn = createConnection(ProposedFeatures.all);
const docs = new TextDocuments(TextDocument);
const dbLog = new DatabaseLog();
let logLevel = parseSettings({}).logLevel;
let codeLensRefresh = false;
let initialized = false;
const log = leveledLogger(conn.console, () => logLevel);

const ws = new Workspace({
  log,
  dbLog,
  publish: (uri, diagnostics) => void conn.sendDiagnostics({ uri, diagnostics }),
  status: (s) => notify(conn, ServerNotifications.status, s),
  results: (projectRoot, results) => notify(conn, ServerNotifications.results, { projectRoot, results }),
  projectsChanged: () => {
    notify(conn, ServerNotifications.projectsChanged, {});
    // Lenses asked for before the project loaded came back empty; ask the editor to ask again.
    if (codeLensRefresh && initialized) void conn.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
  },
  warn: (message) => void conn.window.showWarningMessage(message),
});

conn.onInitialize((params): InitializeResult => {
  const init = (params.initializationOptions ?? {}) as Partial<InitOptions>;
  codeLensRefresh = params.capabilities.workspace?.codeLens?.refreshSupport === true;
  ws.setTrust(init.trusted === true);
  ws.setSettings(parseSettings((init.settings ?? {}) as Record<string, unknown>));
  logLevel = ws.settings.logLevel;
  const folders = params.workspaceFolders?.map((f) => fileURLToPath(f.uri)) ?? (params.rootUri ? [fileURLToPath(params.rootUri)] : []);
  ws.setFolders(folders);
  log.info(`Model Studio server ${process.pid} started; ${ws.sessions.size} project(s); trusted=${ws.trusted}; onSave=${ws.settings.onSave}`);
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: true } },
      ...LANGUAGE_CAPABILITIES,
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'model-studio', version: '0.1.0' },
  };
});

conn.onInitialized(() => {
  initialized = true;
  notify(conn, ServerNotifications.status, ws.trusted ? { kind: 'idle' } : { kind: 'restricted' });
  conn.workspace.onDidChangeWorkspaceFolders((e) => {
    const removed = new Set(e.removed.map((f) => fileURLToPath(f.uri)));
    const current = [...ws.sessions.keys()].filter((r) => ![...removed].some((f) => r === f || r.startsWith(f + '/')));
    ws.setFolders([...new Set([...current, ...e.added.map((f) => fileURLToPath(f.uri))])]);
  });
});

docs.onDidSave((e) => {
  const file = pathOf(e.document.uri);
  if (file) ws.saved(file, e.document.getText());
});

conn.onDidChangeWatchedFiles((p) => {
  const changes = p.changes.flatMap((c) => {
    const file = pathOf(c.uri);
    if (!file) return [];
    const change = c.type === FileChangeType.Created ? 'created' : c.type === FileChangeType.Deleted ? 'deleted' : 'changed';
    return [{ file, change } as const];
  });
  ws.filesChanged(changes, (file) => docs.all().some((d) => pathOf(d.uri) === file));
});

onNotification(conn, ClientNotifications.trust, (p) => {
  ws.setTrust(p.trusted === true);
  notify(conn, ServerNotifications.status, ws.trusted ? { kind: 'idle' } : { kind: 'restricted' });
});
onNotification(conn, ClientNotifications.settings, (s) => {
  ws.setSettings(parseSettings(s as unknown as Record<string, unknown>));
  logLevel = ws.settings.logLevel;
});

onRequest(conn, Requests.projects, async () => {
  // A project still loading answers once loaded, so the first tree is not empty.
  await Promise.all([...ws.sessions.values()].filter((s) => !s.loadedEngine).map((s) => s.exclusive(() => Promise.resolve(void s.current()))));
  return [...ws.sessions.values()].map((s) => s.info());
});
onRequest(conn, Requests.run, (p, token) => handleRun(ws, p, signalOf(token)));
onRequest(conn, Requests.compiled, (p) => handleCompiled(ws, p.file));
onRequest(conn, Requests.preview, (p) => handlePreview(ws, p));
onRequest(conn, Requests.diagram, (p) => handleDiagram(ws, p));
onRequest(conn, Requests.datasetSpecs, (p) => datasetSpecs(p.projectRoot));
onRequest(conn, Requests.generate, (p, token) => handleGenerate(ws, p, token, (progress) => notify(conn, ServerNotifications.generateProgress, progress)));
onRequest(conn, Requests.qualityReport, (p) => qualityReport(ws, p.projectRoot));
onRequest(conn, Requests.templates, () => templateNames());
onRequest(conn, Requests.newProject, (p) => newProject(p.template, p.folder));
onRequest(conn, Requests.databaseLog, () => ({ text: dbLog.text() }));
onRequest(conn, Requests.releaseDatabase, async () => {
  const released = await Promise.all([...ws.sessions.values()].map((s) => s.exclusive(() => Promise.resolve(s.closeDatabase('requested')))));
  return { released: released.filter(Boolean).length };
});
onRequest(conn, Requests.serverStats, (p) => {
  if (p?.collect) collectGarbage();
  const m = process.memoryUsage();
  const projects = [...ws.sessions.values()].map((s) => ({ root: s.root, databaseOpen: s.databaseOpen, savesPending: s.scheduler.busy, runs: s.runs.snapshot() }));
  return { pid: process.pid, rssBytes: m.rss, heapUsedBytes: m.heapUsed, projects };
});

registerLanguageFeatures(conn, docs, ws);
registerDiagramRequests(conn, ws);

conn.onShutdown(() => ws.dispose());
docs.listen(conn);
conn.listen();
