// Discoveries: the settings that decide which proposed ones are kept, manual records, links
// between discoveries, review (validate / reject) and tags. A command that would change nothing
// (validating what is valid, a tag it already has) appends nothing, so retries are harmless.
import { NotFound, ValidationError } from '../../errors.js';
import { deepEqual } from '../../json.js';
import {
  DISCOVERY_CATEGORIES,
  DISCOVERY_RELATIONSHIPS,
  type Discovery,
  type DiscoveryConfig,
  type SessionState,
  type Workspace,
} from '../core/state.js';
import {
  claimable,
  claimId,
  LIMITS,
  optionalText,
  requireBoolean,
  requireConfidence,
  requireId,
  requireIdList,
  requireJsonValue,
  requireList,
  requireNumber,
  requireOneOf,
  requireText,
  requireTextList,
} from '../core/validation.js';
import type { ConfigureDiscoveries, DiscoveryCommand } from './commands.js';
import type { DiscoveryEvent } from './events.js';

export function decideDiscovery(command: DiscoveryCommand, state: SessionState): DiscoveryEvent[] {
  const { at } = command.data;
  const ws = state.workspace;
  switch (command.type) {
    case 'ConfigureDiscoveries':
      return decideDiscoveryConfig(command, state);
    case 'RecordDiscovery': {
      const discoveryId = requireId('discoveryId', command.data.discoveryId);
      claimId('discoveryId', discoveryId, claimable(ws.discoveries), 'discovery');
      const category = requireOneOf('category', command.data.category, DISCOVERY_CATEGORIES);
      const description = requireText('description', command.data.description, LIMITS.statement);
      const materials = requireTextList('materials', command.data.materials ?? [], { maxChars: LIMITS.formula, unique: true });
      const evidence = requireJsonValue('evidence', command.data.evidence ?? null, LIMITS.evidenceChars);
      const confidence = requireConfidence('confidence', command.data.confidence);
      const queryId = command.data.queryId === undefined ? undefined : requireId('queryId', command.data.queryId);
      if (queryId !== undefined && !ws.conversation.has(queryId)) throw new NotFound('query', queryId);
      return [{ type: 'DiscoveryRecorded', data: { discoveryId, category, description, materials, confidence, evidence, ...(queryId ? { queryId } : {}), at } }];
    }
    case 'LinkDiscoveries': {
      const linkId = requireId('linkId', command.data.linkId);
      claimId('linkId', linkId, claimable(ws.discoveryLinks), 'discovery link');
      const discoveryIds = requireIdList('discoveryIds', command.data.discoveryIds, LIMITS.listItems, 2);
      if (new Set(discoveryIds).size !== discoveryIds.length) throw new ValidationError('discoveryIds', 'discoveryIds must name different discoveries');
      for (const id of discoveryIds) findDiscovery(ws, id);
      const relationship = requireOneOf('relationship', command.data.relationship, DISCOVERY_RELATIONSHIPS);
      const notes = optionalText('notes', command.data.notes, LIMITS.notes);
      return [{ type: 'DiscoveriesLinked', data: { linkId, discoveryIds, relationship, ...(notes ? { notes } : {}), at } }];
    }
    case 'ValidateDiscovery': {
      const discovery = findDiscovery(ws, requireId('discoveryId', command.data.discoveryId));
      const note = optionalText('note', command.data.note, LIMITS.notes);
      if (discovery.status === 'validated') return [];
      return [{ type: 'DiscoveryValidated', data: { discoveryId: discovery.id, ...(note ? { note } : {}), at } }];
    }
    case 'RejectDiscovery': {
      const discovery = findDiscovery(ws, requireId('discoveryId', command.data.discoveryId));
      const reason = optionalText('reason', command.data.reason, LIMITS.notes);
      if (discovery.status === 'rejected') return [];
      return [{ type: 'DiscoveryRejected', data: { discoveryId: discovery.id, ...(reason ? { reason } : {}), at } }];
    }
    case 'TagDiscovery': {
      const discovery = findDiscovery(ws, requireId('discoveryId', command.data.discoveryId));
      const tags = requireTextList('tags', command.data.tags, { maxItems: LIMITS.tags, maxChars: LIMITS.tag, min: 1, unique: true })
        .filter((t) => !discovery.tags.includes(t));
      if (discovery.tags.length + tags.length > LIMITS.tags) throw new ValidationError('tags', `a discovery may have at most ${LIMITS.tags} tags`);
      return tags.length === 0 ? [] : [{ type: 'DiscoveryTagged', data: { discoveryId: discovery.id, tags, at } }];
    }
    case 'PinDiscovery':
    case 'UnpinDiscovery': {
      const discovery = findDiscovery(ws, requireId('discoveryId', command.data.discoveryId));
      const pinned = command.type === 'PinDiscovery';
      return (discovery.pinned === true) === pinned ? [] : [{ type: 'DiscoveryPinned', data: { discoveryId: discovery.id, pinned, at } }];
    }
    default: {
      const _never: never = command;
      throw new Error(`Unknown discovery command ${JSON.stringify(_never)}`);
    }
  }
}

export function findDiscovery(ws: Workspace, discoveryId: string): Discovery {
  const discovery = ws.discoveries.get(discoveryId);
  if (!discovery) throw new NotFound('discovery', discoveryId);
  return discovery;
}

export const DISCOVERY_CONFIG_CHECKS: { [K in keyof DiscoveryConfig]: (field: string, value: unknown) => DiscoveryConfig[K] } = {
  autoDetect: requireBoolean,
  minConfidence: (f, v) => requireNumber(f, v, 0, 1),
  // Kept in the canonical order, so the same set of categories is the same setting.
  categories: (f, v) => {
    const given = new Set(requireList(f, v, DISCOVERY_CATEGORIES.length * 2).map((c, i) => requireOneOf(`${f}[${i}]`, c, DISCOVERY_CATEGORIES)));
    return DISCOVERY_CATEGORIES.filter((c) => given.has(c));
  },
};

function decideDiscoveryConfig(command: ConfigureDiscoveries, state: SessionState): DiscoveryEvent[] {
  const { sessionId: _s, actorId: _a, at, ...given } = command.data;
  const unknown = Object.keys(given).find((k) => !Object.hasOwn(DISCOVERY_CONFIG_CHECKS, k));
  if (unknown !== undefined) throw new ValidationError(unknown, `${unknown} is not a discovery setting`);
  if (Object.values(given).every((v) => v === undefined)) throw new ValidationError('autoDetect', 'give at least one discovery setting');
  const changes: Partial<DiscoveryConfig> = {};
  for (const key of Object.keys(DISCOVERY_CONFIG_CHECKS) as Array<keyof DiscoveryConfig>) {
    const value = given[key];
    if (value === undefined) continue;
    const checked = DISCOVERY_CONFIG_CHECKS[key](key, value);
    if (!deepEqual(checked, state.workspace.discoveryConfig[key])) Object.assign(changes, { [key]: checked });
  }
  return Object.keys(changes).length === 0 ? [] : [{ type: 'DiscoveriesConfigured', data: { ...changes, at } }];
}
