// The data of every session event, as its command writes it: the fields, their types and the
// limits the command's validators apply. Each slice writes down the shapes of its own events
// (`events[type].shape` in its slice.ts), in a record over its event types, so a new event type
// cannot be imported before its shape is written down.
import type { SessionEventType } from '../core/events.js';
import { instant, object, type Check } from '../core/shapes.js';
import { eventRoute, SESSION_EVENT_TYPES } from '../core/slices.js';

const CHECKS: ReadonlyMap<string, Check> = new Map(SESSION_EVENT_TYPES.map((type) => [type, object({ ...eventRoute(type).rule.shape, at: instant })]));

/** Checks an event's data against its type's shape; `field` names the data (`events[3].data`). */
export function checkEventShape(type: SessionEventType, field: string, data: unknown): void {
  CHECKS.get(type)!(field, data);
}
