// evolve for discoveries. A discovery keeps the ids of the events behind it (its query and tool
// calls), and a link its discoveries, which list the link back.
import { put, set, type Change } from '../core/changes.js';
import type { Discovery, SessionState } from '../core/state.js';
import type { DiscoveryEvent } from './events.js';

export function evolveDiscovery(state: SessionState, event: DiscoveryEvent): Change[] {
  const ws = state.workspace;
  const update = (id: string, change: (d: Discovery) => Discovery): Change[] => {
    const current = ws.discoveries.get(id);
    return current ? [put('workspace.discoveries', id, change(current))] : [];
  };
  switch (event.type) {
    case 'DiscoveryDetected': {
      const { discoveryId, category, description, materials, confidence, evidence, at } = event.data;
      return [put('workspace.discoveries', discoveryId, {
        id: discoveryId, category, description, materials, confidence, origin: 'detected', status: 'detected', tags: [],
        evidence: { queryId: evidence.queryId, invocationIds: evidence.invocationIds, detail: evidence.text ?? null }, linkIds: [], review: null, at,
      })];
    }
    case 'DiscoveryRecorded': {
      const { discoveryId, category, description, materials, confidence, evidence, queryId, at } = event.data;
      // A manual discovery that names its query is backed by that query's tool calls too.
      const invocationIds = (queryId === undefined ? undefined : ws.conversation.get(queryId)?.toolInvocationIds) ?? [];
      return [put('workspace.discoveries', discoveryId, {
        id: discoveryId, category, description, materials, confidence, origin: 'recorded', status: 'recorded', tags: [],
        evidence: { queryId: queryId ?? null, invocationIds, detail: evidence }, linkIds: [], review: null, at,
      })];
    }
    case 'DiscoveriesConfigured': {
      const { at: _at, ...changes } = event.data;
      return [set('workspace.discoveryConfig', { ...ws.discoveryConfig, ...changes })];
    }
    case 'DiscoveriesLinked': {
      const { linkId, discoveryIds, relationship, notes, at } = event.data;
      return [
        put('workspace.discoveryLinks', linkId, { id: linkId, discoveryIds, relationship, notes: notes ?? null, at }),
        ...discoveryIds.flatMap((id) => update(id, (d) => ({ ...d, linkIds: [...d.linkIds, linkId] }))),
      ];
    }
    case 'DiscoveryValidated': {
      const { discoveryId, note, at } = event.data;
      return update(discoveryId, (d) => ({ ...d, status: 'validated', review: { note: note ?? null, at } }));
    }
    case 'DiscoveryRejected': {
      const { discoveryId, reason, at } = event.data;
      return update(discoveryId, (d) => ({ ...d, status: 'rejected', review: { note: reason ?? null, at } }));
    }
    case 'DiscoveryTagged': {
      const { discoveryId, tags } = event.data;
      return update(discoveryId, (d) => ({ ...d, tags: [...new Set([...d.tags, ...tags])] }));
    }
    case 'DiscoveryPinned': {
      const { discoveryId, pinned } = event.data;
      return update(discoveryId, (d) => withPin(d, pinned));
    }
    default: {
      const _never: never = event;
      throw new Error(`Unknown discovery event ${JSON.stringify(_never)}`);
    }
  }
}

// An unpinned record holds no `pinned`, like one made before pins existed: the two are the same
// content, so a merge or a diff sees no change where there is none.
function withPin(discovery: Discovery, pinned: boolean): Discovery {
  const { pinned: _was, ...rest } = discovery;
  return pinned ? { ...rest, pinned: true } : rest;
}
