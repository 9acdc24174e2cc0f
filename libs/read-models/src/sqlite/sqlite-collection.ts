// A collection of the embedded store: SQL narrows the candidates (index lookups), mingo decides
// what matches, sorts and projects, so results agree with MongoDB's query language.
import { Query } from 'mingo';
import type { Collection, Document, Filter, FindOptions, IndexSpec, TextSearchOptions, Update } from '../document-store.port.js';
import type { DocumentTable } from './sqlite-documents.js';
import type { IndexRegistry } from './sqlite-indexes.js';
import type { SqliteContext } from './sqlite-schema.js';
import type { TextHit, TextIndexes } from './sqlite-text-index.js';
import { applyUpdate, checkReplacementId, upsertSeed, withId } from './update-semantics.js';

export interface SqliteParts {
  ctx: SqliteContext;
  documents: DocumentTable;
  indexes: IndexRegistry;
  text: TextIndexes;
}

const TEXT_PAGE = 200;

/** A text match and its document. */
interface Found<T> {
  doc: T;
  hit: TextHit;
}

export class SqliteCollection<T extends Document> implements Collection<T> {
  constructor(
    private readonly parts: SqliteParts,
    readonly name: string,
  ) {}

  async findOne(filter: Filter): Promise<T | null> {
    return this.findSync(filter, { limit: 1 })[0] ?? null;
  }

  async find(filter: Filter = {}, options: FindOptions = {}): Promise<T[]> {
    return this.findSync(filter, options);
  }

  async count(filter: Filter = {}): Promise<number> {
    if (Object.keys(filter).length === 0) return this.parts.documents.count(this.name);
    return this.matching(filter).length;
  }

  async insertOne(document: T): Promise<void> {
    this.parts.ctx.write(() => this.parts.documents.insert(this.name, withId(document) as T));
  }

  async updateOne(filter: Filter, update: Update, options: { upsert?: boolean } = {}): Promise<{ matched: number; upserted: boolean }> {
    return this.parts.ctx.write(() => {
      const existing = this.matching(filter)[0];
      if (existing) {
        this.parts.documents.put(this.name, applyUpdate(existing, update, false));
        return { matched: 1, upserted: false };
      }
      if (!options.upsert) return { matched: 0, upserted: false };
      this.parts.documents.insert(this.name, withId(applyUpdate(upsertSeed(filter), update, true)));
      return { matched: 0, upserted: true };
    });
  }

  async replaceOne(filter: Filter, document: T, options: { upsert?: boolean } = {}): Promise<{ matched: number; upserted: boolean }> {
    return this.parts.ctx.write(() => {
      const existing = this.matching(filter)[0];
      if (existing) {
        this.parts.documents.put(this.name, checkReplacementId(existing, document));
        return { matched: 1, upserted: false };
      }
      if (!options.upsert) return { matched: 0, upserted: false };
      // MongoDB takes the _id from the filter's equality when the replacement has none.
      const seedId = upsertSeed(filter)._id;
      this.parts.documents.insert(this.name, withId({ ...(seedId === undefined ? {} : { _id: seedId }), ...document }));
      return { matched: 0, upserted: true };
    });
  }

  async deleteMany(filter: Filter): Promise<number> {
    return this.parts.ctx.write(() => {
      const ids = this.matching(filter).map((d) => d._id);
      for (const id of ids) this.parts.documents.delete(this.name, id);
      return ids.length;
    });
  }

  async createIndex(spec: IndexSpec): Promise<void> {
    this.parts.ctx.write(() => {
      this.parts.ctx.sync();
      if (spec.fields?.length) this.parts.indexes.create(this.name, spec.fields, spec.unique ?? false);
      if (spec.text?.length) this.parts.text.create(this.name, spec.text);
    });
  }

  async textSearch(query: string, options: TextSearchOptions = {}): Promise<Array<T & { _score: number }>> {
    this.parts.ctx.sync();
    const filter = options.filter && Object.keys(options.filter).length > 0 ? new Query(options.filter) : null;
    const limit = options.limit ?? Infinity;
    const found: Found<T>[] = [];
    if (options.newest !== undefined && Number.isInteger(options.newest) && options.newest > 0) {
      // The latest matches first, a page at a time, until `newest` of them pass: the cost is what
      // is read, not every match in the collection. Then those are ranked.
      let before: number | undefined;
      for (;;) {
        const page = this.parts.text.search(this.name, query, { newest: TEXT_PAGE, ...(before === undefined ? {} : { before }) });
        if (page.length === 0) break;
        before = Math.min(...page.map((h) => h.rowid));
        found.push(...this.passing(page, filter, options.newest - found.length));
        if (found.length >= options.newest || page.length < TEXT_PAGE) break;
      }
      found.sort((a, b) => b.hit.score - a.hit.score || a.hit.rowid - b.hit.rowid);
    } else {
      // Every match ranked; documents are fetched page by page in score order, so a small limit reads few.
      const hits = this.parts.text.search(this.name, query);
      for (let i = 0; i < hits.length && found.length < limit; i += TEXT_PAGE) found.push(...this.passing(hits.slice(i, i + TEXT_PAGE), filter, limit - found.length));
    }
    return found.slice(0, limit).map(({ doc, hit }) => ({ ...doc, _score: hit.score }));
  }

  /** The documents of one page of hits that pass the filter, in the page's order, `max` at most. */
  private passing(page: TextHit[], filter: Query | null, max: number): Found<T>[] {
    const docs = this.parts.documents.byRowids(page.map((h) => h.rowid));
    const out: Found<T>[] = [];
    for (const hit of page) {
      if (out.length >= max) break;
      const doc = docs.get(hit.rowid) as T | undefined;
      if (doc && (!filter || filter.test(doc))) out.push({ doc, hit });
    }
    return out;
  }

  private matching(filter: Filter): T[] {
    const { rows, exact } = this.parts.documents.lookup(this.name, filter);
    const docs = rows.map((row) => row.doc as T);
    if (exact) return docs;
    const query = new Query(filter);
    return docs.filter((doc) => query.test(doc));
  }

  private findSync(filter: Filter, options: FindOptions): T[] {
    const docs = this.matching(filter);
    // Nothing to sort, skip or project (a batch lookup, a findOne by id): no second pass. The
    // candidates come in stored order, as an unsorted MongoDB find would give them.
    if (!options.sort && !options.skip && !options.fields) return options.limit ? docs.slice(0, options.limit) : docs;
    const projection = options.fields ? Object.fromEntries(options.fields.map((f) => [f, 1])) : undefined;
    let cursor = new Query({}).find<T>(docs, projection as Parameters<Query['find']>[1]);
    if (options.sort) cursor = cursor.sort(options.sort);
    if (options.skip) cursor = cursor.skip(options.skip);
    if (options.limit) cursor = cursor.limit(options.limit);
    return cursor.all();
  }
}
