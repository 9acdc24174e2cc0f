// Every statement the store runs, prepared once: the hot path (append, read) never parses SQL.
// `$all` reads push the filter into SQL; their statements are built per filter shape and cached.
import type Database from 'better-sqlite3';
import type { AllFilter, Direction, RecordedEvent } from '../event-store.port.js';
import type { EventRow, SqliteDatabase, StreamRow } from './schema.js';
import { unpackJson, type PackedJson } from '../packing/packed-json.js';

type Stmt<Params extends unknown[], Row = unknown> = Database.Statement<Params, Row>;

/** SQLite's largest integer: the open upper bound of a range. */
export const MAX_INT64 = 2n ** 63n - 1n;

const EVENT_COLUMNS = 'position, stream_id, revision, event_id, type, data, metadata, created';

export class Statements {
  readonly getStream: Stmt<[string], StreamRow>;
  readonly putStream: Stmt<[string, number | bigint, string, number | bigint, number, string | null]>;
  readonly insertEvent: Stmt<[string, number | bigint, string, string, PackedJson, PackedJson, string]>;
  readonly revisionOfEventId: Stmt<[string, string], number | null>;
  readonly idsFrom: Stmt<[string, bigint, number], Pick<EventRow, 'event_id' | 'revision' | 'position'>>;
  /** (streamId, minRevision, maxRevision, minCreated, limit) */
  readonly streamForwards: Stmt<[string, bigint, bigint, string, number], EventRow>;
  readonly streamBackwards: Stmt<[string, bigint, bigint, string, number], EventRow>;
  readonly headPosition: Stmt<[], number>;
  private readonly allQueries = new Map<string, Stmt<unknown[], EventRow>>();

  constructor(private readonly db: SqliteDatabase) {
    this.getStream = db.prepare('SELECT * FROM streams WHERE stream_id = ?');
    this.putStream = db.prepare(
      `INSERT INTO streams (stream_id, revision, last_hash, last_position, state, metadata) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (stream_id) DO UPDATE SET revision = excluded.revision, last_hash = excluded.last_hash,
         last_position = excluded.last_position, state = excluded.state, metadata = excluded.metadata`,
    );
    this.insertEvent = db.prepare(
      'INSERT INTO events (stream_id, revision, event_id, type, data, metadata, created) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    // Without statistics the planner prefers the (stream_id, revision) index and scans the
    // whole stream; this look-up runs on every 'any' append, so name the index.
    this.revisionOfEventId = db
      .prepare<[string, string], number | null>(
        'SELECT MIN(revision) FROM events INDEXED BY events_by_event_id WHERE stream_id = ? AND event_id = ?',
      )
      .pluck();
    this.idsFrom = db.prepare('SELECT event_id, revision, position FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision LIMIT ?');
    const streamRange = `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? AND revision BETWEEN ? AND ? AND created >= ?`;
    this.streamForwards = db.prepare(`${streamRange} ORDER BY revision ASC LIMIT ?`);
    this.streamBackwards = db.prepare(`${streamRange} ORDER BY revision DESC LIMIT ?`);
    this.headPosition = db.prepare<[], number>('SELECT COALESCE(MAX(position), 0) FROM events').pluck();
  }

  /** Events with position in [from, to], matching the filter, in the direction's order. */
  readAll(direction: Direction, from: bigint, to: bigint, filter: AllFilter | undefined, limit: number): EventRow[] {
    const prefixes = filter?.streamPrefixes?.length ? filter.streamPrefixes : [];
    const types = filter?.eventTypes?.length ? filter.eventTypes : [];
    const key = `${direction}:${prefixes.length}:${types.length}`;
    let statement = this.allQueries.get(key);
    if (!statement) {
      // instr(...) = 1 is an exact, case-sensitive startsWith (LIKE/GLOB would need escaping).
      const conditions = ['position BETWEEN ? AND ?'];
      if (prefixes.length) conditions.push(`(${prefixes.map(() => 'instr(stream_id, ?) = 1').join(' OR ')})`);
      if (types.length) conditions.push(`type IN (${types.map(() => '?').join(', ')})`);
      const order = direction === 'forwards' ? 'ASC' : 'DESC';
      statement = this.db.prepare<unknown[], EventRow>(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE ${conditions.join(' AND ')} ORDER BY position ${order} LIMIT ?`,
      );
      this.allQueries.set(key, statement);
    }
    return statement.all(from, to, ...prefixes, ...types, limit);
  }
}

export function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    eventId: row.event_id,
    type: row.type,
    data: JSON.parse(unpackJson(row.data)),
    metadata: JSON.parse(unpackJson(row.metadata)),
    streamId: row.stream_id,
    revision: BigInt(row.revision),
    position: BigInt(row.position),
    created: row.created,
  };
}
