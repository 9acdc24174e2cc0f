// Chooses the adapters behind the ports: embedded SQLite files by default, EventStoreDB and
// MongoDB when their URLs are set. Everything above this file sees only the ports.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { EventStoreDbEventStore, SqliteEventStore, type EventStore } from '@crystalyse/event-store';
import { MongoDocumentStore, SqliteDocumentStore, type DocumentStore } from '@crystalyse/read-models';
import type { AppConfig } from '../config/app-config.js';

export interface Storage {
  eventStore: EventStore;
  documentStore: DocumentStore;
  description: string;
}

export async function openStorage(config: AppConfig): Promise<Storage> {
  if (!config.eventStoreUrl || !config.mongodbUrl) mkdirSync(config.dataDir, { recursive: true });
  const eventStore = config.eventStoreUrl
    ? EventStoreDbEventStore.fromConnectionString(config.eventStoreUrl)
    : SqliteEventStore.open({ path: join(config.dataDir, 'events.db') });
  const documentStore = config.mongodbUrl
    ? await MongoDocumentStore.connect(config.mongodbUrl, config.mongodbDatabase)
    : SqliteDocumentStore.open(join(config.dataDir, 'read-models.db'));
  const description = [
    config.eventStoreUrl ? 'events in EventStoreDB' : `events in ${join(config.dataDir, 'events.db')}`,
    config.mongodbUrl ? 'read models in MongoDB' : `read models in ${join(config.dataDir, 'read-models.db')}`,
  ].join(', ');
  return { eventStore, documentStore, description };
}
