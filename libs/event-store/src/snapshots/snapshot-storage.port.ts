// Where snapshots are kept: beside the log, in the same database or server, bounded per stream.
// A snapshot is a cache of a fold, so storage holds the latest one (or a small constant number)
// per stream and never a growing pile of whole states (DESIGN.md, "Costs that do not grow").

export interface SnapshotStorage {
  /** The latest snapshot written for the stream, as written; null when there is none. */
  read(streamId: string): Promise<unknown | null>;
  /** Replaces the stream's snapshot; a store keeps at most a small constant number per stream. */
  write(streamId: string, data: unknown): Promise<void>;
}
