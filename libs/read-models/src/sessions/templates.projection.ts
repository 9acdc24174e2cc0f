// Saved templates, one document per stream (per owner and name), for listing: who owns each and
// which versions exist. The id is the stream's suffix: `{owner}-{name}`, or `{name}` for a
// template saved before names were scoped to their owner.
import type { RecordedEvent } from '@crystalyse/event-store';
import { parseTemplateStream, TEMPLATE_STREAM_PREFIX, type TemplateSaved } from '@crystalyse/domain';
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

function templateDocumentId(event: RecordedEvent): string | null {
  return parseTemplateStream(event.streamId) ? event.streamId.slice(TEMPLATE_STREAM_PREFIX.length) : null;
}

export const templatesProjection: Projection<TemplateDoc> = {
  name: 'templates',
  collection: TEMPLATES_COLLECTION,
  handles: ['TemplateSaved'],
  indexes: [{ fields: ['ownerId'] }],
  documentId: templateDocumentId,
  evolve(doc, event) {
    const data = (event as unknown as TemplateSaved).data;
    // Id and name are the stream's: a document is only ever the one of the stream the event is in.
    const { name } = parseTemplateStream(event.streamId)!;
    const version = { version: data.version, savedAt: data.at, fromSessionId: data.fromSessionId, parameters: data.parameters };
    return {
      _id: templateDocumentId(event)!,
      name,
      // The first saver owns the stream.
      ownerId: doc?.ownerId ?? data.savedBy,
      latestVersion: data.version,
      parameters: data.parameters,
      versions: [...(doc?.versions ?? []), version],
    };
  },
};
