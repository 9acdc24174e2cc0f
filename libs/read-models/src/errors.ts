// Errors both adapters raise in the same shapes, so callers and the conformance suite can tell
// a broken invariant (a duplicate key) from an unavailable store.

export class DocumentStoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** A write would give two documents the same `_id` or the same key of a unique index. */
export class DuplicateKeyError extends DocumentStoreError {
  constructor(
    readonly collection: string,
    readonly detail: string,
  ) {
    super(`Duplicate key in ${collection}: ${detail}`);
  }
}

/** An update or query MongoDB would refuse (e.g. `$inc` on a string); SQLite refuses it too. */
export class InvalidOperationError extends DocumentStoreError {}
