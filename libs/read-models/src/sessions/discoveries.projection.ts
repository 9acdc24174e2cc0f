// Every discovery of every session, one document each: the search behind "relevant past
// findings" (relevanceThreshold) across a user's sessions. It is the audit view: a discovery
// undone by a checkpoint restore stays here, as it stays in the log.
import type { RecordedEvent } from '@crystalyse/event-store';
import { parseSessionStream } from '@crystalyse/domain';
import type { Document } from '../document-store.port.js';
import type { Projection } from '../projections/projection.js';

export interface DiscoveryDoc extends Document {
  sessionId: string;
  discoveryId: string;
  category: string;
  description: string;
  materials: string[];
  confidence: number;
  status: 'detected' | 'recorded' | 'validated' | 'rejected';
  tags: string[];
  at: string;
}

export const DISCOVERIES_COLLECTION = 'discoveries';

type DiscoveryEventData = { discoveryId: string; at: string; category?: string; description?: string; materials?: string[]; confidence?: number; tags?: string[] };

export const discoveriesProjection: Projection<DiscoveryDoc> = {
  name: 'session-discoveries',
  collection: DISCOVERIES_COLLECTION,
  handles: ['DiscoveryDetected', 'DiscoveryRecorded', 'DiscoveryValidated', 'DiscoveryRejected', 'DiscoveryTagged'],
  indexes: [{ fields: ['sessionId'] }, { text: ['description', 'materials', 'tags'] }],
  documentId(event: RecordedEvent) {
    const sessionId = parseSessionStream(event.streamId);
    return sessionId ? `${sessionId}/${(event.data as DiscoveryEventData).discoveryId}` : null;
  },
  evolve(doc, event) {
    const data = event.data as DiscoveryEventData;
    switch (event.type) {
      case 'DiscoveryDetected':
      case 'DiscoveryRecorded':
        return {
          _id: `${parseSessionStream(event.streamId)}/${data.discoveryId}`,
          sessionId: parseSessionStream(event.streamId)!,
          discoveryId: data.discoveryId,
          category: data.category ?? 'structure_property',
          description: data.description ?? '',
          materials: data.materials ?? [],
          confidence: data.confidence ?? 0,
          status: event.type === 'DiscoveryDetected' ? 'detected' : 'recorded',
          tags: [],
          at: data.at,
        };
      case 'DiscoveryValidated':
        return doc && { ...doc, status: 'validated' };
      case 'DiscoveryRejected':
        return doc && { ...doc, status: 'rejected' };
      case 'DiscoveryTagged':
        return doc && { ...doc, tags: [...new Set([...doc.tags, ...(data.tags ?? [])])] };
      default:
        return doc;
    }
  },
};
