// Chooses the adapters behind the ports: embedded SQLite files by default, EventStoreDB and
// MongoDB when their URLs are set. Everything above this file sees only the ports.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { EventStoreDbEventStore, SqliteEventStore, type EventStore } from '@crystalyse/event-store';
import { MongoDocumentStore, SqliteDocumentStore, type DocumentStore } from '@crystalyse/read-models';
import type { AppConfig } from '../config/app-config.js';
import { checkAtStartup, StoreDamaged, type StoreIntegrity } from './store-integrity.js';

export interface Storage {
  eventStore: EventStore;
  documentStore: DocumentStore;
  description: string;
  /** What the start-up check found (embedded store only), and whether writes are refused. */
  integrity: StoreIntegrity;
}

export async function openStorage(config: AppConfig, print?: (text: string) => void): Promise<Storage> {
  if (!config.eventStoreUrl || !config.mongodbUrl) mkdirSync(config.dataDir, { recursive: true });
  const eventsFile = join(config.dataDir, 'events.db');
  // The file is checked before anything opens it for writing (store-integrity.ts).
  const integrity: StoreIntegrity = config.eventStoreUrl ? {} : checkAtStartup(eventsFile, config.integrity, print);
  const eventStore = config.eventStoreUrl ? EventStoreDbEventStore.fromConnectionString(config.eventStoreUrl) : openSqliteStore(eventsFile, integrity);
  const documentStore = config.mongodbUrl
    ? await MongoDocumentStore.connect(config.mongodbUrl, config.mongodbDatabase)
    : SqliteDocumentStore.open(join(config.dataDir, 'read-models.db'));
  const description = [
    config.eventStoreUrl ? 'events in EventStoreDB' : `events in ${join(config.dataDir, 'events.db')}`,
    config.mongodbUrl ? 'read models in MongoDB' : `read models in ${join(config.dataDir, 'read-models.db')}`,
  ].join(', ');
  return { eventStore, documentStore, description, integrity };
}

function openSqliteStore(path: string, integrity: StoreIntegrity): EventStore {
  try {
    return SqliteEventStore.open({ path, readOnly: integrity.readOnly });
  } catch (error) {
    if (integrity.readOnly === undefined) throw error;
    // Too damaged even to read: there is nothing a read-only service could serve.
    throw new StoreDamaged(`${integrity.readOnly}\nThe file cannot even be opened read-only (${(error as Error).message}): the service does not start.`, integrity.report);
  }
}
