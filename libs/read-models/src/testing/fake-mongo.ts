// A scripted stand-in for the driver's Db/Collection in unit tests: records every call in
// order and lets a test make a call fail or return what it needs. No query evaluation.
import type { MongoCollectionLike, MongoDbLike } from '../mongodb/mongo-collection.js';
import type { BsonDocument } from '../mongodb/mongo-mapping.js';

export interface FakeCall {
  collection: string;
  method: string;
  args: unknown[];
}

type Script = (call: FakeCall) => unknown;

export class FakeMongoDb implements MongoDbLike {
  readonly calls: FakeCall[] = [];
  /** Per `collection.method`: return a value or throw, given the call. */
  readonly scripts = new Map<string, Script>();

  collection(name: string): MongoCollectionLike {
    const call = (method: string, fallback: unknown) => async (...args: unknown[]) => {
      const entry = { collection: name, method, args };
      this.calls.push(entry);
      const script = this.scripts.get(`${name}.${method}`) ?? this.scripts.get(`*.${method}`);
      return script ? script(entry) : fallback;
    };
    return {
      findOne: call('findOne', null) as MongoCollectionLike['findOne'],
      find: (filter: BsonDocument, options?: BsonDocument) => ({ toArray: call('find', []).bind(null, filter, options) as () => Promise<BsonDocument[]> }),
      countDocuments: call('countDocuments', 0) as MongoCollectionLike['countDocuments'],
      insertOne: call('insertOne', {}) as MongoCollectionLike['insertOne'],
      updateOne: call('updateOne', { matchedCount: 0, upsertedCount: 1 }) as MongoCollectionLike['updateOne'],
      replaceOne: call('replaceOne', { matchedCount: 1, upsertedCount: 0 }) as MongoCollectionLike['replaceOne'],
      deleteMany: call('deleteMany', { deletedCount: 0 }) as MongoCollectionLike['deleteMany'],
      createIndex: call('createIndex', 'index') as MongoCollectionLike['createIndex'],
      bulkWrite: call('bulkWrite', {}) as MongoCollectionLike['bulkWrite'],
    };
  }

  methods(): string[] {
    return this.calls.map((c) => `${c.collection}.${c.method}`);
  }
}

/** What the driver throws for E11000, with the server's keyPattern. */
export function duplicateKeyError(keyPattern: Record<string, number>): Error {
  return Object.assign(new Error(`E11000 duplicate key error collection: db.c index: ${Object.keys(keyPattern).join('_')}_1 dup key`), { code: 11000, keyPattern });
}

/** What the driver throws when some operations of an unordered bulk write fail. */
export function bulkWriteError(writeErrors: unknown[]): Error {
  return Object.assign(new Error('bulk write failed'), { code: 11000, writeErrors });
}
