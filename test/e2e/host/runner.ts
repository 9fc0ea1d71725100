/**
 * The test-runner extension, installed only by the E2E harness next to Model Studio. It
 * activates in a workspace holding the host marker file, runs the mocha suite shipped beside it
 * (inside this extension, so `require('vscode')` gets a proper API), and writes the results
 * where the marker says; the harness waits for that file.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { HOST_MARKER, type HostMarker } from './protocol';

interface Suite {
  runSuite(resultsFile: string): Promise<void>;
}

export function activate(): void {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) return;
  const marker = JSON.parse(readFileSync(join(folder.uri.fsPath, HOST_MARKER), 'utf8')) as HostMarker;
  // esbuild leaves this require alone: the suite is a separate bundle in this extension's folder.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const suite = require(join(__dirname, 'suite.js')) as Suite;
  // Not awaited: activation has to return; the suite reports through its results file.
  void suite.runSuite(marker.results);
}

export function deactivate(): void {}
