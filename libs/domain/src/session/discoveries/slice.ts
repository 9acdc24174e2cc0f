// The discoveries slice as the core routes it. Recording, linking and tagging only add (under an
// id the caller generated, or tags to a set), so they are always rebased; a discovery's review and
// its tags are written by different commands, so they are two fields, not one.
import { ValidationError } from '../../errors.js';
import { ownValue } from '../../json.js';
import { one } from '../core/import-step.js';
import { bool, id, instant, json, list, MANY, nullable, num, object, oneOf, optional, settings, text, texts, type Check } from '../core/shapes.js';
import type { Slice } from '../core/slice.js';
import { DISCOVERY_CATEGORIES, DISCOVERY_RELATIONSHIPS, DISCOVERY_STATUSES, type Discovery } from '../core/state.js';
import { WORKING } from '../core/statuses.js';
import { LIMITS } from '../core/validation.js';
import type { DiscoveryCommand } from './commands.js';
import { decideDiscovery, DISCOVERY_CONFIG_CHECKS } from './decide.js';
import type { DiscoveryEvent } from './events.js';
import { evolveDiscovery } from './evolve.js';

function reviewOf(discovery: Discovery | undefined): unknown {
  return discovery ? { status: discovery.status, review: discovery.review } : undefined;
}

const pinOf = (discovery: Discovery | undefined): boolean | undefined => discovery && discovery.pinned === true;

// An unpinned record holds no `pinned` at all (see evolve.ts).
const PINNED: Check = (field, value) => {
  if (value !== true) throw new ValidationError(field, `${field} must be true: an unpinned discovery holds no pinned`);
};

// The records as the state holds them, for a merge that carries them (branches/changes.shape.ts).
const DISCOVERY = object({
  id, category: oneOf(DISCOVERY_CATEGORIES), description: text(LIMITS.statement), materials: list(text(LIMITS.formula), LIMITS.listItems),
  confidence: num(0, 1), origin: oneOf(['detected', 'recorded']), status: oneOf(DISCOVERY_STATUSES), tags: list(text(LIMITS.tag), MANY),
  evidence: object({ queryId: nullable(id), invocationIds: list(id, MANY), detail: json(LIMITS.evidenceChars) }),
  linkIds: list(id, MANY), review: nullable(object({ note: nullable(text(LIMITS.notes)), at: instant })), pinned: optional(PINNED), at: instant,
});

const LINK = object({ id, discoveryIds: list(id, LIMITS.listItems, 2), relationship: oneOf(DISCOVERY_RELATIONSHIPS), notes: nullable(text(LIMITS.notes)), at: instant });

type Records = { readonly records: Readonly<Record<'discoveries' | 'discoveryLinks', Check>> };

export const discoveriesSlice: Slice<DiscoveryCommand, DiscoveryEvent> & Records = {
  records: { discoveries: DISCOVERY, discoveryLinks: LINK },
  decide: decideDiscovery,
  evolve: evolveDiscovery,
  commands: {
    ConfigureDiscoveries: {
      statuses: WORKING,
      action: 'configure discoveries',
      fields: (c) => {
        const { sessionId: _s, actorId: _a, at: _t, ...settings } = c.data;
        return Object.keys(settings).map((k) => `workspace.discoveryConfig.${k}`);
      },
    },
    RecordDiscovery: { statuses: WORKING, action: 'record a discovery', fields: (c) => [`workspace.discoveries.${c.data.discoveryId}`], commutative: true },
    LinkDiscoveries: { statuses: WORKING, action: 'link discoveries', fields: (c) => [`workspace.discoveryLinks.${c.data.linkId}`], commutative: true },
    ValidateDiscovery: { statuses: WORKING, action: 'validate a discovery', fields: (c) => [`workspace.discoveryReviews.${c.data.discoveryId}`] },
    RejectDiscovery: { statuses: WORKING, action: 'reject a discovery', fields: (c) => [`workspace.discoveryReviews.${c.data.discoveryId}`] },
    TagDiscovery: { statuses: WORKING, action: 'tag a discovery', fields: (c) => [`workspace.discoveryTags.${c.data.discoveryId}`], commutative: true },
    PinDiscovery: { statuses: WORKING, action: 'pin a discovery', fields: (c) => [`workspace.discoveryPins.${c.data.discoveryId}`] },
    UnpinDiscovery: { statuses: WORKING, action: 'unpin a discovery', fields: (c) => [`workspace.discoveryPins.${c.data.discoveryId}`] },
  },
  events: {
    DiscoveryDetected: {
      shape: {
        discoveryId: id, category: oneOf(DISCOVERY_CATEGORIES), description: text(LIMITS.statement), materials: texts(LIMITS.formula),
        confidence: num(0, 1), evidence: object({ queryId: id, invocationIds: list(id, LIMITS.perAnswer), text: optional(text(LIMITS.evidenceChars)) }),
      },
      // Decided with the answer it came with: that answer's step takes it (queries/import-steps.ts).
      step: (_e, _base, _events, i) => {
        throw new ValidationError(`events[${i}].type`, `events[${i}]: a DiscoveryDetected is recorded with the answer it was detected in, right after its QueryAnswered`);
      },
    },
    // A settings event carries only the settings that changed.
    DiscoveriesConfigured: {
      shape: settings(DISCOVERY_CONFIG_CHECKS),
      step: (e, base) => {
        const { at: _at, ...settings } = e.data;
        return one({ type: 'ConfigureDiscoveries', data: settings }, base);
      },
    },
    DiscoveryRecorded: {
      shape: {
        discoveryId: id, category: oneOf(DISCOVERY_CATEGORIES), description: text(LIMITS.statement), materials: texts(LIMITS.formula),
        confidence: num(0, 1), evidence: json(LIMITS.evidenceChars), queryId: optional(id),
      },
      step: (e, base) => {
        const { at: _at, ...data } = e.data;
        return one({ type: 'RecordDiscovery', data }, base);
      },
    },
    DiscoveriesLinked: {
      shape: { linkId: id, discoveryIds: list(id, LIMITS.listItems, 2), relationship: oneOf(DISCOVERY_RELATIONSHIPS), notes: optional(text(LIMITS.notes)) },
      step: (e, base) => {
        const { at: _at, ...data } = e.data;
        return one({ type: 'LinkDiscoveries', data }, base);
      },
    },
    DiscoveryValidated: {
      shape: { discoveryId: id, note: optional(text(LIMITS.notes)) },
      step: (e, base) => one({ type: 'ValidateDiscovery', data: { discoveryId: e.data.discoveryId, note: e.data.note } }, base),
    },
    DiscoveryRejected: {
      shape: { discoveryId: id, reason: optional(text(LIMITS.notes)) },
      step: (e, base) => one({ type: 'RejectDiscovery', data: { discoveryId: e.data.discoveryId, reason: e.data.reason } }, base),
    },
    DiscoveryTagged: {
      shape: { discoveryId: id, tags: list(text(LIMITS.tag), LIMITS.tags, 1) },
      step: (e, base) => one({ type: 'TagDiscovery', data: { discoveryId: e.data.discoveryId, tags: e.data.tags } }, base),
    },
    DiscoveryPinned: {
      shape: { discoveryId: id, pinned: bool },
      step: (e, base) => one({ type: e.data.pinned ? 'PinDiscovery' : 'UnpinDiscovery', data: { discoveryId: e.data.discoveryId } }, base),
    },
  },
  fields: {
    'workspace.discoveries.': (s, k) => s.workspace.discoveries.find((d) => d.id === k),
    'workspace.discoveryReviews.': (s, k) => reviewOf(s.workspace.discoveries.find((d) => d.id === k)),
    'workspace.discoveryTags.': (s, k) => s.workspace.discoveries.find((d) => d.id === k)?.tags,
    'workspace.discoveryPins.': (s, k) => pinOf(s.workspace.discoveries.find((d) => d.id === k)),
    'workspace.discoveryLinks.': (s, k) => s.workspace.discoveryLinks.find((l) => l.id === k),
    'workspace.discoveryConfig.': (s, k) => ownValue(s.workspace.discoveryConfig as unknown as Record<string, unknown>, k),
  },
};
