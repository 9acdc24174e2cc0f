// A record a merge writes may name records the merge leaves out: the branch's side of a conflict
// brings back a discovery the parent removed (by restoring a checkpoint), while the link it
// names, which the branch left alone, stays removed. Such names are dropped from what the merge
// writes, so every id in the merged workspace resolves.
import type { Workspace } from '../core/state.js';
import type { WorkspaceChanges } from './events.js';
import { applyWorkspaceChanges } from './evolve.js';

const keepKnown = <T>(ids: T[], known: ReadonlySet<T>): T[] => (ids.every((id) => known.has(id)) ? ids : ids.filter((id) => known.has(id)));

export function withResolvedReferences(ours: Workspace, changes: WorkspaceChanges): WorkspaceChanges {
  if (!changes.conversation && !changes.discoveries) return changes;
  const merged = applyWorkspaceChanges(ours, changes);
  const calls = new Set(merged.toolInvocations.map((c) => c.id));
  const formulas = new Set(merged.materials.map((m) => m.formula));
  const links = new Set(merged.discoveryLinks.map((l) => l.id));
  const next = { ...changes };
  if (changes.conversation) {
    next.conversation = changes.conversation.map((t) => {
      const toolInvocationIds = keepKnown(t.toolInvocationIds, calls);
      const materials = keepKnown(t.materials, formulas);
      return toolInvocationIds === t.toolInvocationIds && materials === t.materials ? t : { ...t, toolInvocationIds, materials };
    });
  }
  if (changes.discoveries) {
    next.discoveries = changes.discoveries.map((d) => {
      const linkIds = keepKnown(d.linkIds, links);
      return linkIds === d.linkIds ? d : { ...d, linkIds };
    });
  }
  return next;
}
