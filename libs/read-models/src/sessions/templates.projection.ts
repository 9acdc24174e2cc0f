// Saved templates by name, for listing: who owns each and which versions exist.
import type { RecordedEvent } from '@crystalyse/event-store';
import { parseTemplateStream, type TemplateSaved } from '@crystalyse/domain';
import type { Document } from '../document-store.port.js';
import type { Projection } from '../projections/projection.js';

export interface TemplateDoc extends Document {
  name: string;
  ownerId: string;
  latestVersion: number;
  parameters: string[];
  versions: Array<{ version: number; savedAt: string; fromSessionId: string | null; parameters: string[] }>;
}

export const TEMPLATES_COLLECTION = 'templates';

export const templatesProjection: Projection<TemplateDoc> = {
  name: 'templates',
  collection: TEMPLATES_COLLECTION,
  handles: ['TemplateSaved'],
  indexes: [{ fields: ['ownerId'] }],
  documentId: (event: RecordedEvent) => parseTemplateStream(event.streamId),
  evolve(doc, event) {
    const data = (event as unknown as TemplateSaved).data;
    // The name is the stream's: a document is only ever the one of the stream the event is in.
    const name = parseTemplateStream(event.streamId)!;
    const version = { version: data.version, savedAt: data.at, fromSessionId: data.fromSessionId, parameters: data.parameters };
    return {
      _id: name,
      name,
      // The first saver owns the name.
      ownerId: doc?.ownerId ?? data.savedBy,
      latestVersion: data.version,
      parameters: data.parameters,
      versions: [...(doc?.versions ?? []), version],
    };
  },
};
