// Draining the client's streaming reads into arrays of our RecordedEvent.
import type { AllStreamResolvedEvent, EventStoreDBClient, ReadStreamOptions, StreamingRead } from '@eventstore/db-client';
import type { RecordedEvent } from '../event-store.port.js';
import { translateError } from './error-mapping.js';
import { fromResolvedEvent } from './mapping.js';

export async function readStreamEvents(
  client: EventStoreDBClient,
  streamId: string,
  options: ReadStreamOptions,
): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  try {
    // The client reports a missing or deleted stream while iterating, not when the read starts.
    for await (const resolved of client.readStream(streamId, options)) {
      const event = fromResolvedEvent(resolved);
      if (event) events.push(event);
    }
  } catch (error) {
    throw translateError(error, { streamId });
  }
  return events;
}

/**
 * Collects accepted events from a `$all` read into `into` until it holds `limit` events. Leaving
 * the loop early only stops the local stream, so the gRPC call is cancelled as well.
 */
export async function collectAll(
  open: () => StreamingRead<AllStreamResolvedEvent>,
  accepts: (event: RecordedEvent) => boolean,
  limit: number,
  into: RecordedEvent[] = [],
): Promise<RecordedEvent[]> {
  if (into.length >= limit) return into;
  let read: StreamingRead<AllStreamResolvedEvent> | undefined;
  let stoppedEarly = false;
  try {
    read = open();
    for await (const resolved of read) {
      const event = fromResolvedEvent(resolved);
      if (event && accepts(event)) into.push(event);
      if (into.length >= limit) {
        stoppedEarly = true;
        break;
      }
    }
  } catch (error) {
    throw translateError(error);
  }
  if (stoppedEarly) await read?.cancel();
  return into;
}
