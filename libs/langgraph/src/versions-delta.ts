// A checkpoint's channel_versions and versions_seen stored as a difference from its parent's:
// one superstep changes a few channels and the nodes that ran, not the whole graph. Objects are
// built with Object.fromEntries so a channel or node named "__proto__" stays a plain key.
import type { ChannelVersion, SeenDelta, VersionsDelta } from './thread.events.js';

export type Versions = Readonly<Record<string, ChannelVersion>>;
export type Seen = Readonly<Record<string, Versions>>;

const own = (record: object, key: string) => Object.prototype.hasOwnProperty.call(record, key);

export function diffVersions(base: Versions, next: Versions): VersionsDelta {
  const delta: Array<[string, ChannelVersion | null]> = [];
  for (const [key, version] of Object.entries(next)) if (!own(base, key) || base[key] !== version) delta.push([key, version]);
  for (const key of Object.keys(base)) if (!own(next, key)) delta.push([key, null]);
  return Object.fromEntries(delta);
}

export function patchVersions(base: Versions, delta: VersionsDelta): Versions {
  if (Object.keys(delta).length === 0) return base;
  const entries = new Map(Object.entries(base));
  for (const [key, version] of Object.entries(delta)) {
    if (version === null) entries.delete(key);
    else entries.set(key, version);
  }
  return Object.fromEntries(entries);
}

export function diffSeen(base: Seen, next: Seen): SeenDelta {
  const delta: Array<[string, VersionsDelta | null]> = [];
  for (const [node, versions] of Object.entries(next)) {
    const changed = diffVersions(own(base, node) ? base[node]! : {}, versions);
    // A node that appears with no versions still has to appear: {} is a value of its own.
    if (Object.keys(changed).length > 0 || !own(base, node)) delta.push([node, changed]);
  }
  for (const node of Object.keys(base)) if (!own(next, node)) delta.push([node, null]);
  return Object.fromEntries(delta);
}

/** Unchanged nodes share their objects with the base: the index keeps one copy per change. */
export function patchSeen(base: Seen, delta: SeenDelta): Seen {
  if (Object.keys(delta).length === 0) return base;
  const entries = new Map(Object.entries(base));
  for (const [node, versions] of Object.entries(delta)) {
    if (versions === null) entries.delete(node);
    else entries.set(node, patchVersions(entries.get(node) ?? {}, versions));
  }
  return Object.fromEntries(entries);
}
