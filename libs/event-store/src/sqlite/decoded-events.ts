// Every projection and the live hub subscribe to `$all` on their own (each with its checkpoint and
// filter), so an event just committed is read by a dozen subscribers within moments of each other.
// Inflating its data and metadata and parsing them was paid once per subscriber: most of the
// read side's CPU per command. Positions never change their event, so the decoded event is kept
// here by position for the next subscriber, and frozen, since they all share the one object (a
// subscriber that tried to change it would throw, not corrupt what the others see).
import type { RecordedEvent } from '../event-store.port.js';
import type { EventRow } from './schema.js';
import { toRecordedEvent } from './statements.js';

/** The latest decoded events; enough for every subscriber near the head to find a page's events. */
export class DecodedEvents {
  private readonly byPosition = new Map<number, RecordedEvent>();
  hits = 0;
  misses = 0;

  constructor(private readonly capacity = 2048) {}

  of(row: EventRow): RecordedEvent {
    const known = this.byPosition.get(row.position);
    if (known) {
      this.hits++;
      return known;
    }
    this.misses++;
    const event = deepFreeze(toRecordedEvent(row));
    this.byPosition.set(row.position, event);
    // A Map iterates in insertion order: the first key is the oldest decoded.
    if (this.byPosition.size > this.capacity) this.byPosition.delete(this.byPosition.keys().next().value!);
    return event;
  }
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}
