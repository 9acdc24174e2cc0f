// Every schema change of a stored event type registers its step here: `{ type, fromVersion,
// upcast(data) }` turning version N's data into N+1's. Reads (command handling, time travel,
// projections) apply them; the store keeps events as written, so the hash chain still holds.
// None yet: every event type is at schemaVersion 1.
import { UpcasterRegistry } from '@crystalyse/event-store';

export const DOMAIN_UPCASTERS = new UpcasterRegistry();
