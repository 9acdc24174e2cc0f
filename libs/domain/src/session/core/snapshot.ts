// A session's state as a snapshot keeps it: plain JSON, each keyed part as [key, ord, value]
// triples so the records come back at their places (items.ts), and back again.
import { isKeyedPart, KEYED_PARTS } from './changes.js';
import { Items } from './items.js';
import { initialSessionState, type SessionState } from './state.js';

type Json = Record<string, unknown>;

function mapKeyedParts(state: Json, f: (value: unknown) => unknown): Json {
  const out: Json = { ...state, governance: { ...(state.governance as Json) }, workspace: { ...(state.workspace as Json) } };
  for (const part of KEYED_PARTS) {
    const [group, field] = part.split('.') as ['governance' | 'workspace', string];
    const holder = out[group] as Json;
    holder[field] = f(holder[field]);
  }
  return out;
}

export function sessionToSnapshot(state: SessionState): unknown {
  return mapKeyedParts(state as unknown as Json, (items) => (items as Items<unknown>).entries());
}

export function sessionFromSnapshot(json: unknown): SessionState {
  return mapKeyedParts(json as Json, (entries) => Items.fromEntries(entries as Array<[string, number, unknown]>)) as unknown as SessionState;
}

/** One version of one part of the state, as the timeline keeps them (changes.ts, AppliedChange). */
export interface StatePart {
  part: string;
  key: string;
  ord: number;
  value: unknown;
  deleted?: true;
}

/**
 * The state after `eventCount` events, from the version of each part valid then (the timeline's
 * rows): the same state a fold gives, records at the same places. A keyed part without rows is
 * empty; a value part without one keeps `base`'s (the initial state's by default).
 */
export function sessionFromParts(parts: Iterable<StatePart>, eventCount: number, base: SessionState = initialSessionState()): SessionState {
  const keyed = new Map<string, Array<[string, number, unknown]>>(KEYED_PARTS.map((part) => [part, []]));
  let state: Json = { ...(base as unknown as Json), governance: { ...(base.governance as unknown as Json) }, workspace: { ...(base.workspace as unknown as Json) } };
  for (const { part, key, ord, value, deleted } of parts) {
    if (isKeyedPart(part)) {
      if (!deleted) (keyed.get(part) ?? keyed.set(part, []).get(part)!).push([key, ord, value]);
      continue;
    }
    const [group, field] = part.includes('.') ? (part.split('.') as [string, string]) : [null, part];
    if (group === null) state = { ...state, [field]: value };
    else (state[group] as Json)[field] = value;
  }
  for (const [part, entries] of keyed) {
    const [group, field] = part.split('.') as [string, string];
    (state[group] as Json)[field] = Items.fromEntries(entries);
  }
  return { ...(state as unknown as SessionState), eventCount };
}
