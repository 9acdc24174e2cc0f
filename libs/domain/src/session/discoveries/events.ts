// The events of discoveries: detected with an answer or recorded by hand, configured, linked,
// reviewed and tagged. Stored names: rename nothing, add new types instead.
import type { DomainEvent } from '@crystalyse/event-store';
import type { JsonValue } from '../../json.js';
import type { DiscoveryCategory, DiscoveryConfig, DiscoveryRelationship } from '../core/state.js';

interface At {
  at: string;
}

export interface DetectedEvidence {
  queryId: string;
  invocationIds: string[];
  text?: string;
}

/** A discovery the analyst proposed that passed the session's discovery settings. */
export type DiscoveryDetected = DomainEvent<'DiscoveryDetected', At & {
  discoveryId: string;
  category: DiscoveryCategory;
  description: string;
  materials: string[];
  confidence: number;
  evidence: DetectedEvidence;
}>;
/** Only the settings that changed. */
export type DiscoveriesConfigured = DomainEvent<'DiscoveriesConfigured', At & Partial<DiscoveryConfig>>;
export type DiscoveryRecorded = DomainEvent<'DiscoveryRecorded', At & {
  discoveryId: string;
  category: DiscoveryCategory;
  description: string;
  materials: string[];
  confidence: number;
  evidence: JsonValue;
  queryId?: string;
}>;
export type DiscoveriesLinked = DomainEvent<'DiscoveriesLinked', At & {
  linkId: string;
  discoveryIds: string[];
  relationship: DiscoveryRelationship;
  notes?: string;
}>;
export type DiscoveryValidated = DomainEvent<'DiscoveryValidated', At & { discoveryId: string; note?: string }>;
export type DiscoveryRejected = DomainEvent<'DiscoveryRejected', At & { discoveryId: string; reason?: string }>;
/** Only the tags the discovery did not have yet. */
export type DiscoveryTagged = DomainEvent<'DiscoveryTagged', At & { discoveryId: string; tags: string[] }>;
/** One event for both ways: `pinned` says which. */
export type DiscoveryPinned = DomainEvent<'DiscoveryPinned', At & { discoveryId: string; pinned: boolean }>;

export type DiscoveryEvent =
  | DiscoveryDetected
  | DiscoveriesConfigured
  | DiscoveryRecorded
  | DiscoveriesLinked
  | DiscoveryValidated
  | DiscoveryRejected
  | DiscoveryTagged
  | DiscoveryPinned;
