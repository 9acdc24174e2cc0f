// Discovery commands: detection settings, manual records, links, review and tags. (Detected
// discoveries arrive with an answer: see RecordAnswer.)
import type { JsonValue } from '../../json.js';
import type { Cmd } from '../core/command-base.js';
import type { DiscoveryCategory, DiscoveryConfig, DiscoveryRelationship } from '../core/state.js';

export type ConfigureDiscoveries = Cmd<'ConfigureDiscoveries', Partial<DiscoveryConfig>>;
/** The seed's recordDiscovery; `queryId` optionally names the query whose analysis is the evidence. */
export type RecordDiscovery = Cmd<'RecordDiscovery', {
  discoveryId: string;
  category: DiscoveryCategory;
  description: string;
  materials: string[];
  evidence: JsonValue;
  confidence: number;
  queryId?: string;
}>;
export type LinkDiscoveries = Cmd<'LinkDiscoveries', {
  linkId: string;
  discoveryIds: string[];
  relationship: DiscoveryRelationship;
  notes?: string;
}>;
export type ValidateDiscovery = Cmd<'ValidateDiscovery', { discoveryId: string; note?: string }>;
export type RejectDiscovery = Cmd<'RejectDiscovery', { discoveryId: string; reason?: string }>;
export type TagDiscovery = Cmd<'TagDiscovery', { discoveryId: string; tags: string[] }>;
/** Pinning what is pinned, or unpinning what is not, appends nothing. */
export type PinDiscovery = Cmd<'PinDiscovery', { discoveryId: string }>;
export type UnpinDiscovery = Cmd<'UnpinDiscovery', { discoveryId: string }>;

export type DiscoveryCommand =
  | ConfigureDiscoveries
  | RecordDiscovery
  | LinkDiscoveries
  | ValidateDiscovery
  | RejectDiscovery
  | TagDiscovery
  | PinDiscovery
  | UnpinDiscovery;
