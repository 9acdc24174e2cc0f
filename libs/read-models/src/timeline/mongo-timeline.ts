// The temporal read model on MongoDB: one document per version, indexed by (stream, to, from),
// so "valid at r" and "changed between a and b" are index range scans, and by (stream, part, key,
// to), so an item's version at r is one index lookup. Without a transaction a
// revision is made idempotent instead: version ids are deterministic, closing only touches the
// open version, and the stream's head moves last, so replaying a batch after a crash is harmless.
import type { MongoDbLike } from '../mongodb/mongo-collection.js';
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

export const TIMELINE_COLLECTION = 'timeline';
export const TIMELINE_HEADS_COLLECTION = 'timeline_heads';

interface VersionDoc {
  _id: string;
  stream: string;
  part: string;
  key: string;
  from: number;
  to: number;
  ord: number;
  value: unknown;
  deleted?: true;
  [field: string]: unknown;
}

const versionId = (stream: string, part: string, key: string, from: number) => [stream, part, key, String(from)].join('\u0000');

export class MongoTimeline implements TimelineReader {
  constructor(private readonly db: MongoDbLike) {}

  async ensureIndexes(): Promise<void> {
    const versions = this.db.collection(TIMELINE_COLLECTION);
    await versions.createIndex({ stream: 1, to: 1, from: 1 });
    await versions.createIndex({ stream: 1, part: 1, key: 1, to: 1 });
  }

  async head(stream: string): Promise<number> {
    const doc = await this.db.collection(TIMELINE_HEADS_COLLECTION).findOne({ _id: stream });
    return typeof doc?.head === 'number' ? doc.head : -1;
  }

  async at(stream: string, revision: number, query: TimelineQuery = {}): Promise<TimelineItem[]> {
    checkRevision(revision);
    if (revision < 0) return [];
    const docs = await this.find({ stream, to: { $gt: revision }, from: { $lte: revision }, ...partFilter(query) });
    return select(docs, query).sort((a, b) => (a.part < b.part ? -1 : a.part > b.part ? 1 : a.ord - b.ord));
  }

  async between(stream: string, from: number, to: number, query: Pick<TimelineQuery, 'parts'> = {}): Promise<ItemChange[]> {
    checkRevision(from);
    checkRevision(to);
    if (to <= from) throw new RangeError(`between needs from < to, got ${from} and ${to}`);
    const parts = partFilter(query);
    const [ended, started] = await Promise.all([
      this.find({ stream, to: { $gt: from, $lte: to }, from: { $lte: from }, ...parts }),
      this.find({ stream, to: { $gt: to }, from: { $gt: from, $lte: to }, ...parts }),
    ]);
    const keep = { deletions: true };
    return pairChanges(select(ended, keep), select(started, keep));
  }

  async changedSince(stream: string, from: number, to: number, query: Pick<TimelineQuery, 'parts'> = {}): Promise<ItemBefore[]> {
    checkRevision(from);
    checkRevision(to);
    if (to <= from) throw new RangeError(`changedSince needs from < to, got ${from} and ${to}`);
    const versions = this.db.collection(TIMELINE_COLLECTION);
    const changed = await versions.find({ stream, to: { $gt: to }, from: { $gt: from, $lte: to }, ...partFilter(query) }, { projection: { part: 1, key: 1 } }).toArray();
    return Promise.all(
      changed.map(async ({ part, key }) => {
        // The item's first version ending after `from`: its version then, when it started by then.
        const [version] = (await versions.find({ stream, part, key, to: { $gt: from } }, { sort: { to: 1 }, limit: 1 }).toArray()) as VersionDoc[];
        const [before] = version && version.from <= from ? select([version], { deletions: true }) : [];
        return { part: part as string, key: key as string, before: before ?? null };
      }),
    );
  }

  /** Records one stream revision; replays (at or below the stream's head) change nothing. */
  async apply(advance: TimelineAdvance): Promise<void> {
    checkRevision(advance.revision);
    const { stream, revision } = advance;
    if (revision <= (await this.head(stream))) return;
    const versions = this.db.collection(TIMELINE_COLLECTION);
    // The last change of an item in a revision wins, as in the embedded store.
    const last = new Map(advance.changes.map((c) => [`${c.part}\u0000${c.key}`, c]));
    for (const change of last.values()) {
      await versions.updateOne(
        { stream, part: change.part, key: change.key, to: OPEN_REVISION, from: { $lt: revision } },
        { $set: { to: revision } },
      );
      const doc: VersionDoc = {
        _id: versionId(stream, change.part, change.key, revision),
        stream, part: change.part, key: change.key, from: revision, to: OPEN_REVISION, ord: change.ord, value: change.value ?? null,
        ...(change.deleted ? { deleted: true as const } : {}),
      };
      await versions.replaceOne({ _id: doc._id }, doc, { upsert: true });
    }
    await this.db.collection(TIMELINE_HEADS_COLLECTION).updateOne({ _id: stream }, { $max: { head: revision } }, { upsert: true });
  }

  async clear(): Promise<void> {
    await this.db.collection(TIMELINE_COLLECTION).deleteMany({});
    await this.db.collection(TIMELINE_HEADS_COLLECTION).deleteMany({});
  }

  private async find(filter: Record<string, unknown>): Promise<VersionDoc[]> {
    return (await this.db.collection(TIMELINE_COLLECTION).find(filter).toArray()) as VersionDoc[];
  }
}

const partFilter = (query: Pick<TimelineQuery, 'parts'>) => (query.parts ? { part: { $in: query.parts } } : {});

function select(docs: VersionDoc[], query: TimelineQuery): TimelineItem[] {
  return docs
    .filter((doc) => query.deletions || !doc.deleted)
    .map((doc) => ({ part: doc.part, key: doc.key, ord: doc.ord, value: doc.value, ...(doc.deleted ? { deleted: true as const } : {}) }));
}
