// Is the embedded event store's file whole? Run at start-up (quick) and by `npm run cli -- check`
// (quick, or full with --full). It never writes to the file: it opens it read-only.
//
// quick: the SQLite header against the file's length (truncation), `PRAGMA quick_check` (page and
//        b-tree damage; O(N) but without the index cross-checks of integrity_check), every stream's
//        head (the `streams` row against its last events, whose hashes are recomputed and linked),
//        and the hashes of the most recent events of the whole log.
// full:  `PRAGMA integrity_check` and every stream's whole hash chain, revision by revision.
//
// Each problem names the file and where the damage is: a page (and its byte offset), or a stream,
// revision and global position. docs/caching-and-recovery.md says what an operator does next.
import Database from 'better-sqlite3';
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { computeHash } from '../hash-chain.js';
import type { EventMetadata } from '../event-store.port.js';
import { unpackJson, type PackedJson } from '../packing/packed-json.js';

export type IntegrityLevel = 'quick' | 'full';

export type ProblemKind =
  | 'not-sqlite'
  | 'truncated'
  | 'page-corruption'
  | 'schema'
  | 'head-mismatch'
  | 'hash-mismatch'
  | 'chain-break'
  | 'revision-gap'
  | 'unreadable-row';

export interface IntegrityProblem {
  kind: ProblemKind;
  message: string;
  /** SQLite page (1-based) and its byte offset in the file, when the damage is a page. */
  page?: number;
  offset?: number;
  streamId?: string;
  revision?: number;
  /** Global ($all) position of the event. */
  position?: number;
}

export interface IntegrityReport {
  ok: boolean;
  file: string;
  level: IntegrityLevel;
  /** False when there is no file yet (a first start): nothing to check. */
  exists: boolean;
  problems: IntegrityProblem[];
  checked: { bytes: number; pages: number; streams: number; events: number };
  /** Milliseconds each step took (sqlite is PRAGMA quick_check or integrity_check). */
  timings: { header: number; sqlite: number; chains: number; total: number };
}

export interface IntegrityOptions {
  level?: IntegrityLevel;
  /** quick: how many of the latest events of the whole log have their hash recomputed (default 500). */
  recentEvents?: number;
  /** quick: the heads of this many most recently written streams have their hashes recomputed (default 1000). */
  hashedHeads?: number;
  /** At most this many problems are listed (default 50). */
  maxProblems?: number;
}

interface Row {
  position: number;
  stream_id: string;
  revision: number;
  event_id: string;
  type: string;
  data: PackedJson;
  metadata: PackedJson;
}

interface Head {
  stream_id: string;
  revision: number;
  last_hash: string;
  last_position: number;
  at_stream: string | null;
  at_revision: number | null;
  max_revision: number | null;
}

const MAGIC = 'SQLite format 3\u0000';
const COLUMNS = 'position, stream_id, revision, event_id, type, data, metadata';

class Problems {
  readonly list: IntegrityProblem[] = [];
  private readonly seen = new Set<string>();
  constructor(private readonly max: number) {}
  /** Once per problem: an event can be both a stream's head and one of the latest events. */
  add(problem: IntegrityProblem): void {
    const key = problem.streamId === undefined ? problem.message : `${problem.kind}\u0000${problem.streamId}\u0000${problem.revision}`;
    if (this.seen.has(key) || this.list.length >= this.max) return;
    this.seen.add(key);
    this.list.push(problem);
  }
  get full(): boolean {
    return this.list.length >= this.max;
  }
}

export function checkEventStoreFile(file: string, options: IntegrityOptions = {}): IntegrityReport {
  const level = options.level ?? 'quick';
  const started = performance.now();
  const report: IntegrityReport = {
    ok: true, file, level, exists: existsSync(file), problems: [],
    checked: { bytes: 0, pages: 0, streams: 0, events: 0 },
    timings: { header: 0, sqlite: 0, chains: 0, total: 0 },
  };
  if (!report.exists) return finish(report, started);
  const problems = new Problems(options.maxProblems ?? 50);
  report.problems = problems.list;

  // 1. The header: is it SQLite, and is the file as long as the header says?
  let step = performance.now();
  const header = readHeader(file);
  report.checked.bytes = header.size;
  let pageSize = 4096;
  if (header.size > 0) {
    if (header.bytes.length < 100 || header.bytes.subarray(0, 16).toString('latin1') !== MAGIC) {
      problems.add({ kind: 'not-sqlite', offset: 0, message: `${file} does not start with the SQLite header: it is not an SQLite database (overwritten at offset 0?)` });
      report.timings.header = performance.now() - step;
      return finish(report, started);
    }
    const raw = header.bytes.readUInt16BE(16);
    pageSize = raw === 1 ? 65536 : raw;
    const pages = header.bytes.readUInt32BE(28);
    const valid = header.bytes.readUInt32BE(92) === header.bytes.readUInt32BE(24);
    report.checked.pages = valid ? pages : Math.floor(header.size / pageSize);
    if (valid && pages * pageSize > header.size) {
      const present = Math.floor(header.size / pageSize);
      problems.add({
        kind: 'truncated', page: present + 1, offset: header.size,
        message: `${file} is truncated: ${header.size} bytes, but its header says ${pages} pages of ${pageSize} bytes (${pages * pageSize} bytes); pages ${present + 1}..${pages} are missing from offset ${header.size}`,
      });
    } else if (header.size % pageSize !== 0) {
      problems.add({ kind: 'truncated', offset: header.size - (header.size % pageSize), page: Math.floor(header.size / pageSize) + 1, message: `${file} is ${header.size} bytes, not a whole number of ${pageSize}-byte pages: it was cut at offset ${header.size}` });
    }
  }
  report.timings.header = performance.now() - step;

  // 2. SQLite's own check of pages and b-trees.
  step = performance.now();
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const pragma = level === 'full' ? 'integrity_check(100)' : 'quick_check(100)';
    const rows = db.pragma(pragma, { simple: false }) as Record<string, string>[];
    for (const row of rows) {
      const text = String(Object.values(row)[0]);
      if (text === 'ok') continue;
      problems.add({ kind: 'page-corruption', ...pageOf(text, pageSize), message: `${file}: ${firstLines(text, 6)}` });
    }
  } catch (error) {
    const kind = describeSqliteError(error);
    problems.add({ kind, ...pageOf(String((error as Error).message), pageSize), message: `${file} cannot be read: ${(error as Error).message}` });
    // SQLite stopped at the first bad page without naming it: find which table, and which events.
    if (db && kind === 'page-corruption') {
      try {
        locateDamage(db, file, problems);
      } catch {
        // the schema itself is unreadable: the message above is all there is
      }
    }
  }
  report.timings.sqlite = performance.now() - step;

  // 3. The hash chains: stream heads and recent events (quick) or everything (full).
  step = performance.now();
  if (db) {
    try {
      checkChains(db, file, level, options, problems, report);
    } catch (error) {
      problems.add({ kind: describeSqliteError(error), ...pageOf(String((error as Error).message), pageSize), message: `${file}: reading the events failed: ${(error as Error).message}` });
    } finally {
      db.close();
    }
  }
  report.timings.chains = performance.now() - step;
  return finish(report, started);
}

/**
 * After SQLite reported corruption without a page: which tables (with their indexes) fail their
 * own check, and which event positions cannot be read. Runs only on a damaged file.
 */
function locateDamage(db: Database.Database, file: string, problems: Problems): void {
  const tables = db.prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all();
  for (const table of tables) {
    let result: string;
    try {
      const rows = db.pragma(`quick_check("${table.replace(/"/g, '""')}")`, { simple: false }) as Record<string, string>[];
      result = rows.map((r) => String(Object.values(r)[0])).join('; ');
    } catch (error) {
      result = (error as Error).message;
    }
    if (result !== 'ok') problems.add({ kind: 'page-corruption', message: `${file}: the ${table} table (or one of its indexes) is damaged: ${result}` });
  }
  if (!tables.includes('events')) return;
  // Read every row in position order, columns included (their overflow pages too).
  const scan = db.prepare<[number, number], { position: number; stream_id: string; revision: number }>(
    'SELECT position, stream_id, revision, length(data) AS d, length(metadata) AS m FROM events WHERE position > ? ORDER BY position LIMIT ?',
  );
  const one = db.prepare<[number], { position: number }>('SELECT position, length(data) AS d, length(metadata) AS m FROM events WHERE position = ?');
  let last: { position: number; stream_id: string; revision: number } | undefined;
  let chunk = 4096;
  for (;;) {
    let rows;
    try {
      rows = scan.all(last?.position ?? 0, chunk);
    } catch {
      if (chunk > 1) {
        chunk = Math.max(1, chunk >> 1);
        continue;
      }
      // The row after `last` is unreadable: probe forward to where rows read again.
      const from = (last?.position ?? 0) + 1;
      let to = from;
      let readable: number | undefined;
      for (let position = from + 1; position < from + 100_000; position++) {
        try {
          if (one.get(position)) {
            readable = position;
            break;
          }
        } catch {
          to = position;
        }
      }
      const after = last ? `; the last readable event before them is position ${last.position} (${last.stream_id} revision ${last.revision})` : '';
      problems.add({
        kind: 'page-corruption', position: from, streamId: last?.stream_id, revision: last?.revision,
        message: `${file}: the events at positions ${from}..${to} cannot be read (damaged pages)${after}${readable === undefined ? '' : `; events read again from position ${readable}`}`,
      });
      if (readable === undefined || problems.full) return;
      last = { position: readable - 1, stream_id: last?.stream_id ?? '', revision: last?.revision ?? -1 };
      chunk = 4096;
      continue;
    }
    if (rows.length === 0) return;
    last = rows[rows.length - 1]!;
    if (chunk < 4096) chunk = Math.min(4096, chunk << 1);
  }
}

function finish(report: IntegrityReport, started: number): IntegrityReport {
  report.ok = report.problems.length === 0;
  report.timings.total = performance.now() - started;
  for (const key of Object.keys(report.timings) as (keyof IntegrityReport['timings'])[]) report.timings[key] = Math.round(report.timings[key] * 10) / 10;
  return report;
}

function readHeader(file: string): { size: number; bytes: Buffer } {
  const size = statSync(file).size;
  const bytes = Buffer.alloc(Math.min(100, size));
  const fd = openSync(file, 'r');
  try {
    readSync(fd, bytes, 0, bytes.length, 0);
  } finally {
    closeSync(fd);
  }
  return { size, bytes };
}

function firstLines(text: string, count: number): string {
  const lines = text.split('\n');
  return lines.length <= count ? text : [...lines.slice(0, count - 1), `… (${lines.length - count + 1} more lines: npm run cli -- check --full)`].join('\n');
}

function pageOf(text: string, pageSize: number): { page?: number; offset?: number } {
  const match = /\bpage (\d+)/i.exec(text);
  if (!match) return {};
  const page = Number(match[1]);
  return { page, offset: (page - 1) * pageSize };
}

function describeSqliteError(error: unknown): ProblemKind {
  const code = (error as { code?: string }).code ?? '';
  if (code === 'SQLITE_NOTADB') return 'not-sqlite';
  if (code.startsWith('SQLITE_CORRUPT')) return 'page-corruption';
  if (/no such table|no such column/.test(String((error as Error).message))) return 'schema';
  return 'page-corruption';
}

function checkChains(db: Database.Database, file: string, level: IntegrityLevel, options: IntegrityOptions, problems: Problems, report: IntegrityReport): void {
  const tables = new Set(db.prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all());
  if (!tables.has('events') && !tables.has('streams')) return; // a new, empty file
  for (const table of ['events', 'streams']) {
    if (!tables.has(table)) problems.add({ kind: 'schema', message: `${file}: the ${table} table is missing` });
  }
  if (problems.full || !tables.has('events') || !tables.has('streams')) return;

  // Every stream's head, structurally and without decoding anything (one index seek each): the
  // event at the recorded position is that stream's head revision, and none lies beyond it.
  const heads = db.prepare<[], Head>(
    `SELECT s.stream_id, s.revision, s.last_hash, s.last_position, e.stream_id AS at_stream, e.revision AS at_revision,
            (SELECT MAX(x.revision) FROM events x WHERE x.stream_id = s.stream_id) AS max_revision
       FROM streams s LEFT JOIN events e ON e.position = s.last_position
      WHERE s.revision >= 0 ORDER BY s.last_position DESC`,
  ).all();
  report.checked.streams = heads.length;
  const headOf = new Map(heads.map((h) => [h.stream_id, h]));
  for (const head of heads) {
    if (problems.full) return;
    const where = { streamId: head.stream_id, revision: head.revision, position: head.last_position };
    if (head.max_revision === null) {
      problems.add({ kind: 'head-mismatch', ...where, message: `${file}: stream ${head.stream_id} says its head is revision ${head.revision} at position ${head.last_position}, but none of its events is stored (rows deleted or lost)` });
    } else if (head.max_revision !== head.revision || head.at_stream !== head.stream_id || head.at_revision !== head.revision) {
      problems.add({
        kind: 'head-mismatch', ...where,
        message: `${file}: stream ${head.stream_id} says its head is revision ${head.revision} at position ${head.last_position}, but its last stored event is revision ${head.max_revision}${head.at_stream === head.stream_id ? '' : ` and position ${head.last_position} holds ${head.at_stream === null ? 'no event' : `an event of ${head.at_stream}`}`} (events lost or added behind the store's back)`,
      });
    }
  }

  // The heads of the most recently written streams, hashes recomputed and linked to the event before.
  const latest = db.prepare<[string, number], Row>(`SELECT ${COLUMNS} FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT ?`);
  const hashed = level === 'full' ? [] : heads.slice(0, options.hashedHeads ?? 1000);
  for (const head of hashed) {
    if (problems.full) return;
    const rows = latest.all(head.stream_id, 2);
    report.checked.events += rows.length;
    const top = rows[0];
    const meta = top ? readMetadata(top) : undefined;
    if (top && meta && top.revision === head.revision && meta.hash !== head.last_hash) {
      problems.add({ kind: 'hash-mismatch', streamId: head.stream_id, revision: top.revision, position: top.position, message: `${file}: stream ${head.stream_id} revision ${top.revision} (position ${top.position}) has hash ${String(meta.hash).slice(0, 12)}…, but the stream's head records ${head.last_hash.slice(0, 12)}…` });
    }
    checkRows(file, [...rows].reverse(), problems);
  }
  if (level === 'full') {
    checkEveryChain(db, file, heads, problems, report);
    return;
  }

  // The latest events of the whole log: each one's own hash, and that its stream knows it.
  const recent = db.prepare<[number], Row>(`SELECT ${COLUMNS} FROM events ORDER BY position DESC LIMIT ?`).all(options.recentEvents ?? 500);
  report.checked.events += recent.length;
  for (const row of recent) {
    if (problems.full) return;
    const head = headOf.get(row.stream_id);
    if (!head || head.revision < row.revision) {
      problems.add({ kind: 'head-mismatch', streamId: row.stream_id, revision: row.revision, position: row.position, message: `${file}: event at position ${row.position} is revision ${row.revision} of ${row.stream_id}, beyond the head its stream records (${head ? head.revision : 'no stream row'})` });
    }
  }
  const byStream = new Map<string, Row[]>();
  for (const row of recent) byStream.set(row.stream_id, [...(byStream.get(row.stream_id) ?? []), row]);
  for (const rows of byStream.values()) checkRows(file, rows.sort((a, b) => a.revision - b.revision), problems);
}

function readMetadata(row: Row): EventMetadata | undefined {
  try {
    return JSON.parse(unpackJson(row.metadata)) as EventMetadata;
  } catch {
    return undefined; // checkRows names it
  }
}

/** Each row's hash recomputed; consecutive revisions linked by prevHash. Rows in revision order. */
function checkRows(file: string, rows: Row[], problems: Problems, previous?: { revision: number; hash: unknown }): { revision: number; hash: unknown } | undefined {
  let last = previous;
  for (const row of rows) {
    if (problems.full) return last;
    const where = { streamId: row.stream_id, revision: row.revision, position: row.position };
    let data: unknown;
    let metadata: EventMetadata;
    try {
      data = JSON.parse(unpackJson(row.data));
      metadata = JSON.parse(unpackJson(row.metadata)) as EventMetadata;
    } catch (error) {
      problems.add({ kind: 'unreadable-row', ...where, message: `${file}: ${row.stream_id} revision ${row.revision} (position ${row.position}) cannot be decoded: ${(error as Error).message}` });
      last = { revision: row.revision, hash: undefined };
      continue;
    }
    const { prevHash, hash } = metadata;
    if (typeof prevHash !== 'string' || typeof hash !== 'string') {
      problems.add({ kind: 'hash-mismatch', ...where, message: `${file}: ${row.stream_id} revision ${row.revision} (position ${row.position}) has no hash fields` });
    } else {
      if (last && last.revision === row.revision - 1 && last.hash !== undefined && prevHash !== last.hash) {
        problems.add({ kind: 'chain-break', ...where, message: `${file}: ${row.stream_id} revision ${row.revision} (position ${row.position}) does not follow revision ${last.revision}: its prevHash is not that event's hash` });
      }
      const computed = computeHash(prevHash, row.stream_id, BigInt(row.revision), { eventId: row.event_id, type: row.type, data, metadata });
      if (computed !== hash) {
        problems.add({ kind: 'hash-mismatch', ...where, message: `${file}: ${row.stream_id} revision ${row.revision} (position ${row.position}, ${row.type}) does not match its hash: the row was edited after it was written` });
      }
    }
    last = { revision: row.revision, hash };
  }
  return last;
}

function checkEveryChain(db: Database.Database, file: string, heads: Head[], problems: Problems, report: IntegrityReport): void {
  const page = db.prepare<[string, number], Row>(`SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision LIMIT 1000`);
  report.checked.events = 0;
  for (const head of heads) {
    const streamId = head.stream_id;
    let from = 0;
    let last: { revision: number; hash: unknown } | undefined;
    for (;;) {
      if (problems.full) return;
      const rows = page.all(streamId, from);
      if (rows.length === 0) break;
      report.checked.events += rows.length;
      for (const [i, row] of rows.entries()) {
        if (row.revision !== from + i) {
          problems.add({ kind: 'revision-gap', streamId, revision: from + i, position: row.position, message: `${file}: ${streamId} has no revision ${from + i}: the next stored one is ${row.revision} (position ${row.position})` });
          break;
        }
      }
      last = checkRows(file, rows, problems, last);
      from = rows[rows.length - 1]!.revision + 1;
    }
    if (last && last.revision === head.revision && last.hash !== head.last_hash) {
      problems.add({ kind: 'hash-mismatch', streamId, revision: head.revision, position: head.last_position, message: `${file}: stream ${streamId} revision ${head.revision} (position ${head.last_position}) does not carry the hash its stream's head records` });
    }
  }
}

/** The report as an operator reads it: one line per problem, then what to do. */
export function formatIntegrityReport(report: IntegrityReport): string {
  const { checked, timings } = report;
  const scope = `${report.level} check of ${report.file}: ${checked.bytes} bytes, ${checked.pages} pages, ${checked.streams} streams, ${checked.events} events checked in ${timings.total} ms (sqlite ${timings.sqlite} ms, hash chains ${timings.chains} ms)`;
  if (!report.exists) return `no event store at ${report.file} yet: nothing to check`;
  if (report.ok) return `OK  ${scope}`;
  const lines = report.problems.map((p) => `  - [${p.kind}] ${p.message}${p.page !== undefined && !/page \d/i.test(p.message) ? ` (page ${p.page}, offset ${p.offset})` : ''}`);
  return [`DAMAGED  ${scope}`, `${report.problems.length} problem(s):`, ...lines].join('\n');
}
