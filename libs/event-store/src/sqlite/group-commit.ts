// Group commit: with synchronous=FULL every commit is an fsync, so one transaction per append
// caps a durable store at a few thousand appends a second. Writes that arrive together (in the
// same tick, or while a flush is scheduled) are run in ONE transaction instead. Each write runs
// in its own savepoint, in arrival order, against the state the earlier writes left, so a
// refused write rolls back alone and rejects only its own promise.
//
// A resolved append is on disk. SQLite's own synchronous=FULL would fsync inside COMMIT, and
// better-sqlite3 runs COMMIT on the event loop: every request waited for the disk, and only the
// requests parsed since the last commit could join the next one. With a `durable` barrier
// instead, COMMIT only hands the WAL frames to the OS (synchronous=NORMAL) and the fsync runs in
// libuv's thread pool: the writes it covers settle when it returns, while the loop goes on
// deciding and committing the next ones, and one fsync covers every commit made while the
// previous one ran. The WAL is append-only, so what is durable is always a prefix of the log.
import type { SqliteDatabase } from './schema.js';

interface Pending {
  op: () => unknown;
  resolve: (value: any) => void;
  reject: (error: unknown) => void;
}

const MAX_BATCH = 5000;

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

export interface GroupCommitStats {
  /** Transactions committed (or attempted) by the writer. */
  transactions: number;
  /** Write operations (appends, deletes, metadata writes) run inside them. */
  operations: number;
  /** The most operations one transaction carried. */
  largestBatch: number;
  /** fsyncs run for them (at most one at a time; one covers every commit before it started). */
  syncs: number;
}

/** Makes every commit so far durable (an fsync of the WAL in the thread pool). */
export type DurableBarrier = () => Promise<void>;

export class GroupCommit {
  private queue: Pending[] = [];
  private scheduled = false;
  private closed = false;
  private readonly counters: GroupCommitStats = { transactions: 0, operations: 0, largestBatch: 0, syncs: 0 };
  /** Settles the writes of commits that wait for the next fsync. */
  private awaitingSync: Array<(error?: unknown) => void> = [];
  private syncing: Promise<void> | null = null;
  private syncFailure: unknown = null;
  private readonly inSavepoint: (op: () => unknown) => unknown;
  private readonly runBatch: (batch: Pending[]) => Outcome[];

  constructor(
    db: SqliteDatabase,
    /** Called after each successful commit (wakes live subscriptions). */
    private readonly onCommit: () => void,
    /** When given, commits are made durable off the event loop (see the top of this file). */
    private readonly durable?: DurableBarrier,
  ) {
    // A better-sqlite3 transaction function called inside another one becomes a SAVEPOINT.
    this.inSavepoint = db.transaction((op: () => unknown) => op());
    const batchTransaction = db.transaction((batch: Pending[]) =>
      batch.map((item): Outcome => {
        try {
          return { ok: true, value: this.inSavepoint(item.op) };
        } catch (error) {
          return { ok: false, error };
        }
      }),
    );
    // IMMEDIATE takes the write lock first, so the reads inside see the latest state even when
    // another process writes to the same file.
    this.runBatch = (batch) => batchTransaction.immediate(batch);
  }

  /** Queues a synchronous write; it runs inside the next group transaction. */
  submit<T>(op: () => T): Promise<T> {
    if (this.closed) return Promise.reject(new Error('SqliteEventStore is closed'));
    if (this.syncFailure) return Promise.reject(this.syncFailure);
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ op, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }

  /** Writes what is queued now. Called by the scheduled callback, and by close(). */
  flush(): void {
    this.scheduled = false;
    if (this.queue.length === 0) return;
    // A flood is written in bounded transactions, yielding to the event loop in between, so
    // reads and timers are not starved while it drains.
    const batch = this.queue.length <= MAX_BATCH ? this.queue : this.queue.slice(0, MAX_BATCH);
    this.queue = this.queue.length <= MAX_BATCH ? [] : this.queue.slice(MAX_BATCH);
    if (this.queue.length > 0) this.schedule();
    this.counters.transactions++;
    this.counters.operations += batch.length;
    if (batch.length > this.counters.largestBatch) this.counters.largestBatch = batch.length;
    let outcomes: Outcome[];
    try {
      outcomes = this.runBatch(batch);
    } catch (error) {
      // The commit itself failed (disk full, lock timeout): nothing of the batch is stored.
      for (const item of batch) item.reject(error);
      return;
    }
    // A refused write rolled back its savepoint: it changed nothing and can be told at once.
    const accepted: Array<[Pending, unknown]> = [];
    batch.forEach((item, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) accepted.push([item, outcome.value]);
      else item.reject(outcome.error);
    });
    const settle = (error?: unknown) => {
      for (const [item, value] of accepted) if (error === undefined) item.resolve(value); else item.reject(error);
    };
    if (accepted.length === 0) return;
    if (!this.durable) {
      settle();
      this.onCommit();
      return;
    }
    this.awaitingSync.push(settle);
    this.startSync();
  }

  /** One fsync at a time; the commits made while it runs wait for the next one. */
  private startSync(): void {
    if (this.syncing || this.awaitingSync.length === 0) return;
    const covered = this.awaitingSync;
    this.awaitingSync = [];
    this.counters.syncs++;
    this.syncing = this.durable!().then(
      () => {
        for (const settle of covered) settle();
        // Subscribers (the projections) are woken for durable events only.
        this.onCommit();
      },
      (error: unknown) => {
        // The disk refused: what was committed may not survive a power loss. Say so to those
        // waiting and refuse every later write: carrying on would build on a log that may vanish.
        this.syncFailure = new Error(`The event store could not make its writes durable (fsync failed: ${error instanceof Error ? error.message : String(error)}); it refuses writes until restarted`);
        for (const settle of covered) settle(this.syncFailure);
      },
    ).finally(() => {
      this.syncing = null;
      this.startSync();
    });
  }

  /** Resolves when every commit made so far is durable. */
  async drain(): Promise<void> {
    while (this.syncing) await this.syncing;
  }

  /** Flushes what is queued and refuses later writes. */
  close(): void {
    while (this.queue.length > 0) this.flush();
    this.closed = true;
  }

  stats(): GroupCommitStats {
    return { ...this.counters };
  }
}
