// No-op outcomes kept in a side stream of the same store (`idempotency-{streamId}`), trimmed by
// the store's own $maxCount: a thin mapping for EventStoreDB, where the server scavenges what
// falls out of the window. The embedded store keeps them in a table instead (SQLite's $maxCount
// only hides events, it never frees them).
import { randomUUID } from 'node:crypto';
import { StreamDeleted, StreamNotFound } from '../errors.js';
import type { EventStore } from '../event-store.port.js';
import { IDEMPOTENCY_WINDOW, type CommandOutcome, type IdempotencyStore } from './idempotency.port.js';

export const idempotencyStream = (streamId: string) => `idempotency-${streamId}`;

const OUTCOME_TYPE = 'CommandOutcomeRecorded';

interface StoredOutcome {
  commandId: string;
  /** Strings: JSON has no bigint. */
  revision: string;
  position: string;
}

const isStored = (data: unknown): data is StoredOutcome => {
  const d = data as Partial<StoredOutcome> | null;
  return typeof d?.commandId === 'string' && typeof d.revision === 'string' && /^-?\d+$/.test(d.revision) && typeof d.position === 'string' && /^\d+$/.test(d.position);
};

export class SideStreamIdempotencyStore implements IdempotencyStore {
  constructor(private readonly store: Pick<EventStore, 'appendToStream' | 'readStream' | 'getStreamMetadata' | 'setStreamMetadata'>) {}

  async record(streamId: string, commandId: string, outcome: CommandOutcome): Promise<void> {
    const stream = idempotencyStream(streamId);
    const data: StoredOutcome = { commandId, revision: outcome.revision.toString(), position: outcome.position.toString() };
    await this.store.appendToStream(stream, [
      {
        eventId: randomUUID(),
        type: OUTCOME_TYPE,
        data,
        metadata: { actor: { userId: 'system', via: 'system' }, occurredAt: new Date().toISOString(), correlationId: commandId, causationId: commandId, schemaVersion: 1 },
      },
    ]);
    // Checked on every record, as for snapshots: a failed first setting must not leave the side
    // stream growing without bound.
    const metadata = await this.store.getStreamMetadata(stream);
    if (metadata.maxCount !== IDEMPOTENCY_WINDOW) await this.store.setStreamMetadata(stream, { ...metadata, maxCount: IDEMPOTENCY_WINDOW });
  }

  async find(streamId: string, commandId: string): Promise<CommandOutcome | null> {
    let recent;
    try {
      recent = await this.store.readStream(idempotencyStream(streamId), { direction: 'backwards', fromRevision: 'end', maxCount: IDEMPOTENCY_WINDOW });
    } catch (error) {
      if (error instanceof StreamNotFound || error instanceof StreamDeleted) return null;
      throw error;
    }
    // Newest first: the last match is the first record, which wins over a concurrent repeat's.
    let first: StoredOutcome | null = null;
    for (const event of recent) if (isStored(event.data) && event.data.commandId === commandId) first = event.data;
    return first && { revision: BigInt(first.revision), position: BigInt(first.position) };
  }
}
