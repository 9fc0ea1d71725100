/** The models tree as plain data: projects → folders → nodes. No `vscode` here so it is unit-tested. */
import type { NodeInfo, ProjectInfo, RunStatus } from '../protocol';

export type TreeNode =
  | { type: 'project'; project: ProjectInfo; children: TreeNode[] }
  | { type: 'folder'; projectRoot: string; path: string; label: string; children: TreeNode[] }
  | { type: 'node'; projectRoot: string; node: NodeInfo };

const SHOWN: ReadonlySet<NodeInfo['kind']> = new Set(['model', 'seed', 'snapshot', 'analysis']);

/** Folders nest by path segment; within a folder, sub-folders come first, then nodes by name. */
export function buildTree(projects: readonly ProjectInfo[]): TreeNode[] {
  const roots = projects.map((p): TreeNode => ({ type: 'project', project: p, children: folderChildren(p, '') }));
  // One project: its folders are the top level, without a single node to expand first.
  return roots.length === 1 && roots[0].type === 'project' ? roots[0].children : roots;
}

function folderChildren(p: ProjectInfo, prefix: string): TreeNode[] {
  const nodes = p.nodes.filter((n) => SHOWN.has(n.kind));
  const subfolders = new Set<string>();
  const here: NodeInfo[] = [];
  for (const n of nodes) {
    if (n.folder === prefix) here.push(n);
    else if (prefix === '' || n.folder.startsWith(prefix + '/')) {
      const rest = prefix === '' ? n.folder : n.folder.slice(prefix.length + 1);
      subfolders.add(rest.split('/')[0]);
    }
  }
  const folders = [...subfolders].sort().map((name): TreeNode => {
    const path = prefix ? `${prefix}/${name}` : name;
    return { type: 'folder', projectRoot: p.root, path, label: name, children: folderChildren(p, path) };
  });
  const leaves = here.sort((a, b) => a.name.localeCompare(b.name)).map((node): TreeNode => ({ type: 'node', projectRoot: p.root, node }));
  return [...folders, ...leaves];
}

/** The codicon and theme colour for a node's last status. */
export function statusIcon(status: RunStatus | undefined): { icon: string; color?: string } {
  switch (status) {
    case 'success':
    case 'pass':
      return { icon: 'pass', color: 'testing.iconPassed' };
    case 'warn':
      return { icon: 'warning', color: 'list.warningForeground' };
    case 'error':
    case 'fail':
      return { icon: 'error', color: 'testing.iconFailed' };
    case 'skipped':
      return { icon: 'circle-slash', color: 'testing.iconSkipped' };
    default:
      return { icon: 'circle-outline' };
  }
}
