import { branchGraph, discoveryGraph, layout, MAIN } from './graphs';
import type { Branch, Discovery } from './types';

const branch = (over: Partial<Branch>): Branch => ({
  branchId: 'b1', name: 'explore', parentBranchId: null, forkRevision: 12, fromCheckpoint: null, status: 'active', createdAt: '', merges: [], ...over,
});

describe('dashboard graphs', () => {
  it('draws forks from the parent and merges back into it, a branch of a branch from that branch', () => {
    const graph = branchGraph([
      branch({ status: 'merged', merges: [{ branchRevision: 1, strategy: 'merge', at: '' }] }),
      branch({ branchId: 'b2', name: 'deeper', parentBranchId: 'b1', forkRevision: 3 }),
      branch({ branchId: 'b3', name: 'from-cp', fromCheckpoint: 'c1' }),
    ]);
    expect(graph.nodes.map((n) => n.id)).toEqual([MAIN, 'b1', 'b2', 'b3']);
    expect(graph.edges).toEqual([
      { from: MAIN, to: 'b1', label: 'fork @ revision 12', kind: 'fork' },
      { from: 'b1', to: MAIN, label: 'merge r1 (merge)', kind: 'merge' },
      { from: 'b1', to: 'b2', label: 'fork @ revision 3', kind: 'fork' },
      { from: MAIN, to: 'b3', label: 'fork @ checkpoint c1', kind: 'fork' },
    ]);
    // A fork and a merge between the same two nodes form a cycle: the layout still places both.
    const placed = layout(graph);
    expect(placed.edges).toHaveLength(4);
    expect(placed.nodes.every((n) => Number.isFinite(n.x) && Number.isFinite(n.y))).toBe(true);
  });

  it('links discoveries to each other and to their materials, ignoring links to unknown discoveries', () => {
    const d = (id: string, materials: string[]): Discovery => ({ id, category: 'structure_property', description: `claim ${id}`, materials, confidence: 0.9, status: 'detected', origin: 'detected', tags: [], at: '' });
    const graph = discoveryGraph([d('d1', ['LiFePO4']), d('d2', ['LiFePO4', 'LiMnPO4'])], [
      { id: 'l1', discoveryIds: ['d1', 'd2'], relationship: 'derived_from', notes: null },
      { id: 'l2', discoveryIds: ['gone', 'd1'], relationship: 'supports', notes: null },
    ]);
    expect(graph.nodes.map((n) => n.id)).toEqual(['d1', 'd2', 'material:LiFePO4', 'material:LiMnPO4']);
    expect(graph.edges.filter((e) => e.kind === 'link')).toEqual([{ from: 'd1', to: 'd2', label: 'derived from', kind: 'link' }]);
    expect(graph.edges.filter((e) => e.kind === 'about')).toHaveLength(3);
  });
});
