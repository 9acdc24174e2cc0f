// The events of a LangGraph thread. Each one is small: a checkpoint carries its metadata, the
// channel values whose versions changed since its parent and the version maps as a difference
// from the parent's; pending writes are their own event per (checkpoint, task). Stored names are
// prefixed, so they never meet the session domain's `CheckpointSaved` in `$all`: rename nothing,
// add new types instead.
import type { DomainEvent } from '@crystalyse/event-store';

/** LangGraph's channel versions: numbers by default, strings from savers like ours. */
export type ChannelVersion = number | string;

/**
 * A value as the saver's `serde` wrote it: `j` holds the JSON itself when the serde wrote JSON
 * (readable in the log, no escaping), `b` the bytes in base64 otherwise.
 */
export type Encoded = { t: string; j: unknown } | { t: string; b: string };

/** Channel → version; null: the channel is gone. */
export type VersionsDelta = Record<string, ChannelVersion | null>;
/** Node → its changed seen-versions; null: the node is gone. */
export type SeenDelta = Record<string, VersionsDelta | null>;

/** Where a channel's value is: [stream, revision] of the checkpoint that stored it, 1 when it emptied it. */
export type ValueLocation = [string, number] | [string, number, 1];

export interface CheckpointSavedData {
  id: string;
  /** The parent checkpoint in the same namespace, as LangGraph named it. */
  parent?: string;
  /** True when `versions` and `seen` are differences from the parent's (it was known when saved). */
  relative?: true;
  /**
   * Set on a keyframe (a stream's first checkpoint, then one every few dozen events): the
   * checkpoint stands alone, its versions complete and its other values located, so a reader
   * can start from the latest keyframe instead of the start of the stream.
   */
  frame?: { refs: Record<string, ValueLocation>; forks: string[] };
  ts: string;
  v: number;
  metadata: Encoded;
  versions: VersionsDelta;
  seen: SeenDelta;
  /** Only the channels whose versions changed and that hold a value. */
  values: Record<string, Encoded>;
  /** Channels whose versions changed but that hold no value (emptied). */
  cleared?: string[];
}

export interface WritesSavedData {
  checkpoint: string;
  task: string;
  /** The task's path, LangGraph's sort key for a superstep's writes ('' when none was given). */
  path?: string;
  /** [idx, channel, value]; special channels carry LangGraph's negative indexes. */
  writes: Array<[number, string, Encoded]>;
}

export type LangGraphCheckpointSaved = DomainEvent<'LangGraphCheckpointSaved', CheckpointSavedData>;
export type LangGraphWritesSaved = DomainEvent<'LangGraphWritesSaved', WritesSavedData>;
/** In the root stream: the thread's directory of namespaces, so deleting a thread finds them all. */
export type LangGraphNamespaceOpened = DomainEvent<'LangGraphNamespaceOpened', { ns: string; stream: string }>;
/** In the stream a fork leaves: the fork's stream, so a reader of this stream finds it. */
export type LangGraphBranchOpened = DomainEvent<'LangGraphBranchOpened', { branch: string; ns: string }>;
/** The first event of a namespace's main line and of a fork. */
export type LangGraphBranchStarted = DomainEvent<'LangGraphBranchStarted', { ns: string; parent: { stream: string; checkpoint: string | null } }>;
/** In the root stream, just before the thread's streams are deleted: who deleted what, when. */
export type LangGraphThreadDeleted = DomainEvent<'LangGraphThreadDeleted', { streams: string[] }>;

export type ThreadEvent =
  | LangGraphNamespaceOpened
  | LangGraphCheckpointSaved
  | LangGraphWritesSaved
  | LangGraphBranchOpened
  | LangGraphBranchStarted
  | LangGraphThreadDeleted;

export const THREAD_EVENT_TYPES: ReadonlySet<string> = new Set<ThreadEvent['type']>([
  'LangGraphNamespaceOpened', 'LangGraphCheckpointSaved', 'LangGraphWritesSaved', 'LangGraphBranchOpened', 'LangGraphBranchStarted', 'LangGraphThreadDeleted',
]);

/** An event and the stream it belongs in: one decision can open a branch and write to it. */
export type PlacedEvent = ThreadEvent & { stream: string };
