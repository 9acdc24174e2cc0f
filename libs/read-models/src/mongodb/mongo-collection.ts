// A read-model collection on MongoDB: each port method is one driver call, so the adapter is
// correct wherever the driver is; the conformance suite proves it against a server.
import type { Collection, Document, Filter, FindOptions, IndexSpec, TextSearchOptions, Update } from '../document-store.port.js';
import { mapWriteError, toFindOptions, toMongoIndexes, toMongoUpdate, toTextQuery, type BsonDocument } from './mongo-mapping.js';

/** The part of the driver's `Collection` the adapter uses; a test can hand in a fake. */
export interface MongoCollectionLike {
  findOne(filter: BsonDocument): Promise<BsonDocument | null>;
  find(filter: BsonDocument, options?: BsonDocument): { toArray(): Promise<BsonDocument[]> };
  countDocuments(filter: BsonDocument): Promise<number>;
  insertOne(document: BsonDocument): Promise<unknown>;
  updateOne(filter: BsonDocument, update: BsonDocument, options?: BsonDocument): Promise<{ matchedCount: number; upsertedCount: number }>;
  replaceOne(filter: BsonDocument, replacement: BsonDocument, options?: BsonDocument): Promise<{ matchedCount: number; upsertedCount: number }>;
  deleteMany(filter: BsonDocument): Promise<{ deletedCount: number }>;
  createIndex(keys: BsonDocument, options?: BsonDocument): Promise<string>;
  bulkWrite(operations: BsonDocument[], options?: BsonDocument): Promise<unknown>;
}

export interface MongoDbLike {
  collection(name: string): MongoCollectionLike;
}

export class MongoCollection<T extends Document> implements Collection<T> {
  constructor(
    private readonly collection: MongoCollectionLike,
    readonly name: string,
  ) {}

  async findOne(filter: Filter): Promise<T | null> {
    return (await this.collection.findOne(filter)) as T | null;
  }

  async find(filter: Filter = {}, options: FindOptions = {}): Promise<T[]> {
    return (await this.collection.find(filter, toFindOptions(options)).toArray()) as T[];
  }

  async count(filter: Filter = {}): Promise<number> {
    return this.collection.countDocuments(filter);
  }

  async insertOne(document: T): Promise<void> {
    await this.write(() => this.collection.insertOne(document));
  }

  async updateOne(filter: Filter, update: Update, options: { upsert?: boolean } = {}): Promise<{ matched: number; upserted: boolean }> {
    const upsert = options.upsert ?? false;
    const result = await this.write(() => this.collection.updateOne(filter, toMongoUpdate(filter, update, upsert), { upsert }));
    return { matched: result.matchedCount, upserted: result.upsertedCount > 0 };
  }

  async replaceOne(filter: Filter, document: T, options: { upsert?: boolean } = {}): Promise<{ matched: number; upserted: boolean }> {
    const result = await this.write(() => this.collection.replaceOne(filter, document, { upsert: options.upsert ?? false }));
    return { matched: result.matchedCount, upserted: result.upsertedCount > 0 };
  }

  async deleteMany(filter: Filter): Promise<number> {
    return (await this.collection.deleteMany(filter)).deletedCount;
  }

  async createIndex(spec: IndexSpec): Promise<void> {
    for (const [keys, options] of toMongoIndexes(spec)) await this.write(() => this.collection.createIndex(keys, options));
  }

  async textSearch(query: string, options: TextSearchOptions = {}): Promise<Array<T & { _score: number }>> {
    const text = toTextQuery(query, options);
    return (await this.collection.find(text.filter, text.options).toArray()) as Array<T & { _score: number }>;
  }

  private async write<R>(operation: () => Promise<R>): Promise<R> {
    try {
      return await operation();
    } catch (error) {
      throw mapWriteError(this.name, error);
    }
  }
}
