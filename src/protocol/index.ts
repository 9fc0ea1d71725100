export * from './rpc';
export * from './settings';
export * from './model';
export * from './messages';
export * from './webview';
export * from './diagrams';
