// The seed's `session.configure_cache(enabled, cache_discoveries, cache_molecules, ttl_minutes)`:
// an LRU of GET answers (lru-cache) kept by the client and revalidated on every use. A cached
// answer is never served on its own: each read sends its ETag as `If-None-Match` and the server
// answers 304 (use the cached body) or 200 (a newer representation, which replaces it). So the
// cache saves bytes on the wire and their parsing, and can never serve a stale revision; the TTL
// bounds how long an entry may be kept at all. Off until configured.
import { LRUCache } from 'lru-cache';

export interface CacheOptions {
  /** Cache this session's reads (or, on the manager, every session's). Default true once configured. */
  enabled?: boolean;
  /** Also the discovery lists (`/discoveries`). Default true. */
  cacheDiscoveries?: boolean;
  /** Also what is about materials: `/materials` and the tool states (`/tools`) that hold loaded materials. Default true. */
  cacheMaterials?: boolean;
  /** How long an entry is kept before it is dropped and read in full again. Default 30. */
  ttlMinutes?: number;
}

export interface CacheStats {
  /** Reads answered 304 and served from the cache. */
  hits: number;
  /** Cacheable reads answered in full (nothing cached, a changed representation, or an expired entry). */
  misses: number;
  entries: number;
}

type Rule = Required<CacheOptions>;

interface Entry {
  etag: string;
  /** The JSON text: parsed anew on each hit, so a caller changing what it got changes no entry. */
  text: string;
}

const DEFAULTS: Rule = { enabled: true, cacheDiscoveries: true, cacheMaterials: true, ttlMinutes: 30 };
const ALL = '*';

/** Reads that are made anew on every request (an export carries its time): caching them saves nothing. */
const NEVER = /\/export(?:$|\?)/;

export class ResponseCache {
  private readonly rules = new Map<string, Rule>();
  private readonly lru: LRUCache<string, Entry>;
  private counts = { hits: 0, misses: 0 };

  constructor(options: { maxEntries?: number; maxBytes?: number; now?: () => number } = {}) {
    this.lru = new LRUCache<string, Entry>({
      max: options.maxEntries ?? 1000,
      maxSize: options.maxBytes ?? 64 * 1024 * 1024,
      sizeCalculation: (entry) => Math.max(1, entry.text.length + entry.etag.length),
      // Expired entries are not returned; the clock is injectable for tests.
      ...(options.now ? { perf: { now: options.now }, ttlResolution: 0 } : {}),
    });
  }

  /** Settings for one session (its id) or, without one, for every session that has none of its own. */
  configure(options: CacheOptions, sessionId: string = ALL): Rule {
    const ttl = options.ttlMinutes ?? DEFAULTS.ttlMinutes;
    if (typeof ttl !== 'number' || !Number.isFinite(ttl) || ttl <= 0) throw new RangeError('ttlMinutes must be a positive number');
    const rule: Rule = { ...DEFAULTS, ...definedOnly(options), ttlMinutes: ttl };
    this.rules.set(sessionId, rule);
    // Whatever the new rule no longer caches goes now.
    for (const key of [...this.lru.keys()]) if (this.ruleFor(key) === undefined) this.lru.delete(key);
    return rule;
  }

  /** The rule a GET of this path (under /v1, query included) is cached under, if any. */
  ruleFor(path: string): Rule | undefined {
    if (NEVER.test(path)) return undefined;
    const session = /\/sessions\/([^/?]+)/.exec(path)?.[1];
    const id = session === undefined || session === 'search' ? undefined : decodeURIComponent(session);
    const rule = (id !== undefined ? this.rules.get(id) : undefined) ?? this.rules.get(ALL);
    if (!rule?.enabled) return undefined;
    if (!rule.cacheDiscoveries && /\/discoveries(?:\/|$|\?)/.test(path)) return undefined;
    if (!rule.cacheMaterials && /\/(?:materials|tools)(?:\/|$|\?)/.test(path)) return undefined;
    return rule;
  }

  /** The entry to revalidate, if the key is cached and not expired. */
  lookup(key: string): Entry | undefined {
    return this.lru.get(key);
  }

  /** A 304: the cached body, parsed anew. */
  served(key: string, entry: Entry): unknown {
    this.counts.hits += 1;
    this.lru.get(key); // most recently used
    return JSON.parse(entry.text);
  }

  /** A full answer to a cacheable read. */
  store(key: string, etag: string | null, text: string, rule: Rule): void {
    this.counts.misses += 1;
    if (!etag || text === '') {
      this.lru.delete(key);
      return;
    }
    this.lru.set(key, { etag, text }, { ttl: Math.round(rule.ttlMinutes * 60_000) });
  }

  clear(): void {
    this.lru.clear();
  }

  stats(): CacheStats {
    return { ...this.counts, entries: this.lru.size };
  }
}

function definedOnly(options: CacheOptions): Partial<Rule> {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as Partial<Rule>;
}
