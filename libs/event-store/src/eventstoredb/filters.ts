// `$all` filters. An EventStoreDB filter matches either stream names or event types, never both,
// and client 6.2.1 filters subscriptions only (readAll has no filter option). So the server gets
// the most selective single filter it can take, and `accepts` applies the whole filter here.
import { eventTypeFilter, excludeSystemEvents, streamNameFilter } from '@eventstore/db-client';
import type { Filter } from '@eventstore/db-client';
import type { AllFilter } from '../event-store.port.js';
import { isSystemEventType } from './mapping.js';

export interface FilterPlan {
  /** For subscribeToAll. */
  server: Filter;
  /** The full filter, system events excluded; applied to every event the server sends. */
  accepts(event: { streamId: string; type: string }): boolean;
}

/** Escapes regex metacharacters; the server evaluates the pattern with .NET regex. */
export const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export const exactTypesRegex = (types: string[]): string => `^(${types.map(escapeRegex).join('|')})$`;

/** An empty list constrains nothing, the same as an absent one. */
const nonEmpty = (list: string[] | undefined): string[] | undefined => (list && list.length > 0 ? list : undefined);

export function planFilter(filter: AllFilter = {}): FilterPlan {
  const prefixes = nonEmpty(filter.streamPrefixes);
  const types = nonEmpty(filter.eventTypes);
  const typeSet = types ? new Set(types) : undefined;

  const accepts = (event: { streamId: string; type: string }): boolean =>
    !isSystemEventType(event.type) &&
    (!prefixes || prefixes.some((prefix) => event.streamId.startsWith(prefix))) &&
    (!typeSet || typeSet.has(event.type));

  // With both, stream prefixes go to the server (a prefix match is its cheapest filter) and the
  // event types are checked by `accepts`.
  const server = prefixes
    ? streamNameFilter({ prefixes })
    : types
      ? eventTypeFilter({ regex: exactTypesRegex(types) })
      : excludeSystemEvents();
  return { server, accepts };
}
