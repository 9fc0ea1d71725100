/**
 * Entry of the diagram panels' bundle (dist/webview/diagrams.js). The extension's HTML says which
 * panel this is (`data-kind` on #app); the page draws only what the extension posts, and says
 * `ready` once it can receive.
 */
import { ErApp } from '../erd/app';
import { LineageApp } from '../lineage/app';
import { Frame } from './frame';
import { installStatusStyle } from './statusStyle';
import { onMessage, pageNonce, post } from './vscodeApi';

const root = document.getElementById('app') ?? document.body;
const kind = root.dataset.kind === 'er' ? 'er' : 'lineage';
installStatusStyle(pageNonce);
const frame = new Frame(root);
const lineage = kind === 'lineage' ? new LineageApp(frame) : undefined;
const er = kind === 'er' ? new ErApp(frame) : undefined;
frame.loading('Loading the diagram…');

onMessage((m) => {
  switch (m.type) {
    case 'loading':
      frame.loading(m.message);
      break;
    case 'error':
      frame.error(m.message);
      break;
    case 'status':
      lineage?.status(m.status);
      break;
    case 'view':
      if (m.view.kind === 'lineage') lineage?.show(m.view);
      else er?.show(m.view);
      break;
  }
});
post({ type: 'ready' });
