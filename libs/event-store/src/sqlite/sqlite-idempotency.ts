// No-op outcomes in the event store's own file: one row per (stream, key), written through the
// group commit (so a resolved record is on disk) and trimmed to the latest keys of each stream.
import type Database from 'better-sqlite3';
import { IDEMPOTENCY_WINDOW, type CommandOutcome, type IdempotencyStore } from '../idempotency/idempotency.port.js';
import type { GroupCommit } from './group-commit.js';
import type { SqliteDatabase } from './schema.js';

interface OutcomeRow {
  revision: number;
  position: number;
}

export class SqliteIdempotencyStore implements IdempotencyStore {
  private readonly insert: Database.Statement<[string, string, bigint, bigint]>;
  private readonly trim: Database.Statement<[string, string, number]>;
  private readonly select: Database.Statement<[string, string], OutcomeRow>;

  constructor(
    db: SqliteDatabase,
    private readonly writer: GroupCommit,
  ) {
    // The first record wins: a concurrent repeat of the key keeps the first answer.
    this.insert = db.prepare('INSERT INTO command_outcomes (stream_id, command_id, revision, position) VALUES (?, ?, ?, ?) ON CONFLICT (stream_id, command_id) DO NOTHING');
    this.trim = db.prepare(
      `DELETE FROM command_outcomes WHERE stream_id = ? AND seq <= (
         SELECT seq FROM command_outcomes WHERE stream_id = ? ORDER BY seq DESC LIMIT 1 OFFSET ?)`,
    );
    this.select = db.prepare('SELECT revision, position FROM command_outcomes WHERE stream_id = ? AND command_id = ?');
  }

  record(streamId: string, commandId: string, outcome: CommandOutcome): Promise<void> {
    return this.writer.submit(() => {
      if (this.insert.run(streamId, commandId, outcome.revision, outcome.position).changes > 0) this.trim.run(streamId, streamId, IDEMPOTENCY_WINDOW);
    });
  }

  async find(streamId: string, commandId: string): Promise<CommandOutcome | null> {
    const row = this.select.get(streamId, commandId);
    return row ? { revision: BigInt(row.revision), position: BigInt(row.position) } : null;
  }
}
