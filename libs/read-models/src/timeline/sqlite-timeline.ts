// The temporal read model in the embedded read-model file. Versions live in `rm_timeline` with
// two covering indexes over the revision range: "started or ended between a and b" is a range
// scan that costs what it returns, and "valid at r" scans whichever side of r holds fewer versions
// (started by r, or still valid after it), filtering inside the index; an item's version at r is
// one lookup in a third index, by item and start (what a restore reads: by start, as a start never
// changes, so closing a version does not touch this index). An R*Tree was measured
// too: its O(log n + k) lookups were three times slower than these scans at 100k versions.
// Writes run inside the projection batch's transaction (the caller's), so they commit with the
// checkpoint.
import type { Database, Statement } from 'better-sqlite3';
import { unpackJson, type PackedJson } from '@crystalyse/event-store';
import { RecentPacks } from './recent-packs.js';
import {
  checkRevision,
  OPEN_REVISION,
  pairChanges,
  type ItemBefore,
  type ItemChange,
  type TimelineAdvance,
  type TimelineItem,
  type TimelineQuery,
  type TimelineReader,
} from './timeline.port.js';

export const TIMELINE_SCHEMA = `
CREATE TABLE IF NOT EXISTS rm_timeline_streams (
  num    INTEGER PRIMARY KEY,
  stream TEXT    NOT NULL UNIQUE,
  head   INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS rm_timeline (
  id       INTEGER PRIMARY KEY,
  num      INTEGER NOT NULL,
  part     TEXT    NOT NULL,
  key      TEXT    NOT NULL,
  from_rev INTEGER NOT NULL,
  to_rev   INTEGER NOT NULL,
  ord      INTEGER NOT NULL,
  value    TEXT    NOT NULL,
  deleted  INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX IF NOT EXISTS rm_timeline_open ON rm_timeline (num, part, key) WHERE to_rev = ${OPEN_REVISION};
CREATE INDEX IF NOT EXISTS rm_timeline_started ON rm_timeline (num, from_rev, to_rev);
CREATE INDEX IF NOT EXISTS rm_timeline_ended ON rm_timeline (num, to_rev, from_rev);
CREATE INDEX IF NOT EXISTS rm_timeline_by_item ON rm_timeline (num, part, key, from_rev);
`;

interface Row {
  id: number;
  part: string;
  key: string;
  from_rev: number;
  ord: number;
  /** JSON, packed when long (as the event store packs events): a version is mostly a copy. */
  value: PackedJson;
  deleted: number;
}

const COLUMNS = 'id, part, key, from_rev, ord, value, deleted';
// A version is valid at r when from_rev <= r < to_rev.

export class SqliteTimeline implements TimelineReader {
  /** What changedSince read, packed: a restore writes those versions back next. */
  private readonly readBack = new RecentPacks();
  private readonly sql: {
    stream: Statement<[string], { num: number; head: number }>;
    addStream: Statement<[string, number]>;
    setHead: Statement<[number, number]>;
    open: Statement<[number, string, string], { id: number; from_rev: number }>;
    close: Statement<[number, number]>;
    replace: Statement<[PackedJson, number, number, number]>;
    insert: Statement<[number, string, string, number, number, PackedJson, number]>;
    atByStart: Statement<[number, number, number], Row>;
    atByEnd: Statement<[number, number, number], Row>;
    ended: Statement<[number, number, number, number], Row>;
    started: Statement<[number, number, number, number], Row>;
    changedByStart: Statement<[number, number, number, number], Pick<Row, 'part' | 'key'>>;
    changedByEnd: Statement<[number, number, number, number], Pick<Row, 'part' | 'key'>>;
    versionAt: Statement<[number, string, string, number], Row & { to_rev: number }>;
  };

  constructor(private readonly db: Database) {
    db.exec(TIMELINE_SCHEMA);
    this.sql = {
      stream: db.prepare('SELECT num, head FROM rm_timeline_streams WHERE stream = ?'),
      addStream: db.prepare('INSERT INTO rm_timeline_streams (stream, head) VALUES (?, ?)'),
      setHead: db.prepare('UPDATE rm_timeline_streams SET head = ? WHERE num = ?'),
      open: db.prepare(`SELECT id, from_rev FROM rm_timeline WHERE num = ? AND part = ? AND key = ? AND to_rev = ${OPEN_REVISION}`),
      close: db.prepare('UPDATE rm_timeline SET to_rev = ? WHERE id = ?'),
      replace: db.prepare('UPDATE rm_timeline SET value = ?, ord = ?, deleted = ? WHERE id = ?'),
      insert: db.prepare(`INSERT INTO rm_timeline (num, part, key, from_rev, to_rev, ord, value, deleted) VALUES (?, ?, ?, ?, ${OPEN_REVISION}, ?, ?, ?)`),
      atByStart: db.prepare(`SELECT ${COLUMNS} FROM rm_timeline INDEXED BY rm_timeline_started WHERE num = ? AND from_rev <= ? AND to_rev > ? ORDER BY part, ord`),
      atByEnd: db.prepare(`SELECT ${COLUMNS} FROM rm_timeline INDEXED BY rm_timeline_ended WHERE num = ? AND to_rev > ? AND from_rev <= ? ORDER BY part, ord`),
      // Valid at `from` and ended by `to`.
      ended: db.prepare(`SELECT ${COLUMNS} FROM rm_timeline INDEXED BY rm_timeline_ended WHERE num = ? AND to_rev > ? AND to_rev <= ? AND from_rev <= ?`),
      // Started in (from, to] and still valid at `to`.
      started: db.prepare(`SELECT ${COLUMNS} FROM rm_timeline INDEXED BY rm_timeline_started WHERE num = ? AND from_rev > ? AND from_rev <= ? AND to_rev > ?`),
      // Valid at `to` and started in (from, to]: the items changed in between, by either side of `to`.
      changedByStart: db.prepare('SELECT part, key FROM rm_timeline INDEXED BY rm_timeline_started WHERE num = ? AND from_rev > ? AND from_rev <= ? AND to_rev > ?'),
      changedByEnd: db.prepare('SELECT part, key FROM rm_timeline INDEXED BY rm_timeline_ended WHERE num = ? AND to_rev > ? AND from_rev > ? AND from_rev <= ?'),
      // An item's last version started by r: its version at r when still valid then.
      versionAt: db.prepare(`SELECT ${COLUMNS}, to_rev FROM rm_timeline INDEXED BY rm_timeline_by_item WHERE num = ? AND part = ? AND key = ? AND from_rev <= ? ORDER BY from_rev DESC LIMIT 1`),
    };
  }

  async head(stream: string): Promise<number> {
    return this.sql.stream.get(stream)?.head ?? -1;
  }

  async at(stream: string, revision: number, query: TimelineQuery = {}): Promise<TimelineItem[]> {
    checkRevision(revision);
    const row = this.sql.stream.get(stream);
    if (!row || revision < 0) return [];
    // Fewer versions started by an early revision; fewer still valid after a late one.
    const rows = revision < row.head / 2 ? this.sql.atByStart.all(row.num, revision, revision) : this.sql.atByEnd.all(row.num, revision, revision);
    return select(rows, query);
  }

  async between(stream: string, from: number, to: number, query: Pick<TimelineQuery, 'parts'> = {}): Promise<ItemChange[]> {
    checkRevision(from);
    checkRevision(to);
    if (to <= from) throw new RangeError(`between needs from < to, got ${from} and ${to}`);
    const num = this.sql.stream.get(stream)?.num;
    if (num === undefined) return [];
    // Read in one transaction so both halves see the same rows.
    const read = this.db.transaction(() => [this.sql.ended.all(num, from, to, from), this.sql.started.all(num, from, to, to)]);
    const [ended, started] = read();
    const keep = { ...query, deletions: true };
    return pairChanges(select(ended!, keep), select(started!, keep));
  }

  async changedSince(stream: string, from: number, to: number, query: Pick<TimelineQuery, 'parts'> = {}): Promise<ItemBefore[]> {
    checkRevision(from);
    checkRevision(to);
    if (to <= from) throw new RangeError(`changedSince needs from < to, got ${from} and ${to}`);
    const row = this.sql.stream.get(stream);
    if (!row) return [];
    const parts = query.parts ? new Set(query.parts) : null;
    // In one transaction, so the lookups see the versions the first query found.
    const read = this.db.transaction(() => {
      // Fewer versions started in (from, to] when the range is short; fewer ended after `to` when `to` is late.
      const changed = to - from < row.head - to ? this.sql.changedByStart.all(row.num, from, to, to) : this.sql.changedByEnd.all(row.num, to, from, to);
      return changed
        .filter((item) => !parts || parts.has(item.part))
        .map(({ part, key }): ItemBefore => {
          const version = this.sql.versionAt.get(row.num, part, key, from);
          if (!version || version.to_rev <= from) return { part, key, before: null };
          const json = unpackJson(version.value);
          this.readBack.remember(json, version.value);
          return { part, key, before: itemOf(version, json) };
        });
    });
    return read();
  }

  /** Records one stream revision; must run inside the caller's write transaction. Replays are skipped. */
  apply(advance: TimelineAdvance): void {
    checkRevision(advance.revision);
    let stream = this.sql.stream.get(advance.stream);
    if (!stream) {
      const num = Number(this.sql.addStream.run(advance.stream, -1).lastInsertRowid);
      stream = { num, head: -1 };
    }
    if (advance.revision <= stream.head) return;
    const { num } = stream;
    const revision = advance.revision;
    for (const change of advance.changes) {
      const value = this.readBack.pack(JSON.stringify(change.value ?? null));
      const deleted = change.deleted ? 1 : 0;
      const open = this.sql.open.get(num, change.part, change.key);
      // A second change of one item in one revision replaces the first: no empty version.
      if (open && open.from_rev === revision) {
        this.sql.replace.run(value, change.ord, deleted, open.id);
        continue;
      }
      if (open) this.sql.close.run(revision, open.id);
      this.sql.insert.run(num, change.part, change.key, revision, change.ord, value, deleted);
    }
    this.sql.setHead.run(revision, num);
  }

  /** Forgets every stream's versions (a rebuild); inside the caller's transaction. */
  clear(): void {
    this.db.exec('DELETE FROM rm_timeline; DELETE FROM rm_timeline_streams;');
  }
}

function select(rows: Row[], query: TimelineQuery): TimelineItem[] {
  const parts = query.parts ? new Set(query.parts) : null;
  const items: TimelineItem[] = [];
  for (const row of rows) {
    if (parts && !parts.has(row.part)) continue;
    if (row.deleted && !query.deletions) continue;
    items.push(itemOf(row, unpackJson(row.value)));
  }
  return items;
}

function itemOf(row: Row, json: string): TimelineItem {
  const item: TimelineItem = { part: row.part, key: row.key, ord: row.ord, value: JSON.parse(json) };
  if (row.deleted) item.deleted = true;
  return item;
}
