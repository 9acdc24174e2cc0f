// The child of the kill -9 test: appends to a few streams, 20 appends in flight, and prints
// `ack <stream> <revision>` for each append once its promise resolved (the store said "durable").
import { randomUUID } from 'node:crypto';
import { SqliteEventStore } from '../sqlite-event-store.js';

const store = SqliteEventStore.open({ path: process.argv[2]! });
const streams = ['crash-a', 'crash-b', 'crash-c', 'crash-d'];
let n = 0;

async function writer(): Promise<never> {
  for (;;) {
    const stream = streams[n++ % streams.length]!;
    const data = { note: `observation ${n}`, padding: 'x'.repeat(n % 300) };
    const eventId = randomUUID();
    const metadata = { actor: { userId: 'u-crash', via: 'api' as const }, occurredAt: new Date().toISOString(), correlationId: eventId, causationId: eventId, schemaVersion: 1 };
    const result = await store.appendToStream(stream, [{ eventId, type: 'NoteTaken', data, metadata }]);
    process.stdout.write(`ack ${stream} ${result.nextExpectedRevision}\n`);
  }
}

for (let i = 0; i < 20; i++) void writer();
