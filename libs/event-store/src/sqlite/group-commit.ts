// Group commit: with synchronous=FULL every commit is an fsync, so one transaction per append
// caps a durable store at a few thousand appends a second. Writes that arrive together (in the
// same tick, or while a flush is scheduled) are run in ONE transaction instead. Each write runs
// in its own savepoint, in arrival order, against the state the earlier writes left, so a
// refused write rolls back alone and rejects only its own promise. Promises settle after COMMIT
// returns, so a resolved append is on disk.
import type { SqliteDatabase } from './schema.js';
import { StoreReadOnly } from '../errors.js';

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
}

export class GroupCommit {
  private queue: Pending[] = [];
  private scheduled = false;
  private closed = false;
  private readonly counters: GroupCommitStats = { transactions: 0, operations: 0, largestBatch: 0 };
  private readonly inSavepoint: (op: () => unknown) => unknown;
  private readonly runBatch: (batch: Pending[]) => Outcome[];

  constructor(
    db: SqliteDatabase,
    /** Called after each successful commit (wakes live subscriptions). */
    private readonly onCommit: () => void,
    /** Set when the file was opened read-only: every write is refused with this reason. */
    private readonly readOnly?: string,
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
    if (this.readOnly !== undefined) return Promise.reject(new StoreReadOnly(this.readOnly));
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
    batch.forEach((item, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) item.resolve(outcome.value);
      else item.reject(outcome.error);
    });
    this.onCommit();
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
