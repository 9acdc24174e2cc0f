// Graph models of a session (pure: tested without a browser) and their layout with dagre.
import dagre from '@dagrejs/dagre';
import type { Branch, Discovery, DiscoveryLink } from './types';

export interface GraphNode { id: string; label: string; kind: string; detail: string }
export interface GraphEdge { from: string; to: string; label: string; kind: string }
export interface Graph { nodes: GraphNode[]; edges: GraphEdge[] }

export const MAIN = 'main';

/** The branch graph: the main line, each branch forked from its parent, and each merge back. */
export function branchGraph(branches: Branch[]): Graph {
  const nodes: GraphNode[] = [{ id: MAIN, label: 'main', kind: 'main', detail: 'the session itself' }];
  const edges: GraphEdge[] = [];
  const known = new Set(branches.map((b) => b.branchId));
  for (const branch of branches) {
    const parent = branch.parentBranchId && known.has(branch.parentBranchId) ? branch.parentBranchId : MAIN;
    nodes.push({ id: branch.branchId, label: branch.name, kind: branch.status, detail: `${branch.status}${branch.imported ? ', imported' : ''}` });
    const from = branch.fromCheckpoint ? `checkpoint ${branch.fromCheckpoint}` : `revision ${branch.forkRevision}`;
    edges.push({ from: parent, to: branch.branchId, label: `fork @ ${from}`, kind: 'fork' });
    for (const merge of branch.merges) {
      edges.push({ from: branch.branchId, to: parent, label: `merge r${merge.branchRevision} (${merge.strategy})`, kind: 'merge' });
    }
  }
  return { nodes, edges };
}

/** Discoveries linked to each other (supports, contradicts, ...) and to the materials they are about. */
export function discoveryGraph(discoveries: Discovery[], links: DiscoveryLink[]): Graph {
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const ids = new Set(discoveries.map((d) => d.id));
  const materials = new Set<string>();
  for (const d of discoveries) {
    nodes.push({ id: d.id, label: clip(d.description, 48), kind: d.status, detail: `${d.category.replace(/_/g, ' ')}, confidence ${d.confidence}, ${d.status}` });
    for (const formula of d.materials) {
      materials.add(formula);
      edges.push({ from: d.id, to: `material:${formula}`, label: 'about', kind: 'about' });
    }
  }
  for (const formula of materials) nodes.push({ id: `material:${formula}`, label: formula, kind: 'material', detail: 'material' });
  for (const link of links) {
    const [first, ...rest] = link.discoveryIds.filter((id) => ids.has(id));
    if (!first) continue;
    for (const other of rest) edges.push({ from: first, to: other, label: link.relationship.replace(/_/g, ' '), kind: 'link' });
  }
  return { nodes, edges };
}

export interface PlacedNode extends GraphNode { x: number; y: number; width: number; height: number }
export interface PlacedEdge extends GraphEdge { points: Array<{ x: number; y: number }>; labelAt: { x: number; y: number } }
export interface Layout { width: number; height: number; nodes: PlacedNode[]; edges: PlacedEdge[] }

export function layout(graph: Graph, direction: 'LR' | 'TB' = 'LR'): Layout {
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: direction, nodesep: 24, ranksep: 70, marginx: 12, marginy: 12 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const node of graph.nodes) g.setNode(node.id, { width: Math.max(70, node.label.length * 7 + 20), height: 32 });
  graph.edges.forEach((edge, i) => g.setEdge(edge.from, edge.to, { width: edge.label.length * 6, height: 14, labelpos: 'c' }, `e${i}`));
  dagre.layout(g);
  const nodes = graph.nodes.map((node) => {
    const placed = g.node(node.id);
    return { ...node, x: placed.x, y: placed.y, width: placed.width, height: placed.height };
  });
  const edges = graph.edges.map((edge, i) => {
    const placed = g.edge({ v: edge.from, w: edge.to, name: `e${i}` }) as { points: Array<{ x: number; y: number }>; x?: number; y?: number };
    const mid = placed.points[Math.floor(placed.points.length / 2)]!;
    return { ...edge, points: placed.points, labelAt: { x: placed.x ?? mid.x, y: placed.y ?? mid.y } };
  });
  const size = g.graph();
  return { width: size.width ?? 0, height: size.height ?? 0, nodes, edges };
}

export const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
