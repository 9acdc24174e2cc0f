// Export and import. An export is a versioned JSON document: the session's metadata, the chosen
// workspace parts, its checkpoints and, on request, every event with its full metadata (then it is
// a backup). Import makes a new session from a backup event for event, each one decided again
// (import.ts), so revisions (and the revisions checkpoints mark) keep their meaning; each
// event's metadata says where it came from, and a closing SessionImported records the import.
import type { Actor, Channel, RecordedEvent } from '@crystalyse/event-store';
import { ValidationError } from '../../errors.js';
import { DOMAIN_UPCASTERS } from '../../upcasters.js';
import { isPlainObject, type JsonObject } from '../../json.js';
import type { SessionEvent } from '../core/events.js';
import { isSessionEventType } from '../core/slices.js';
import { actor, instant, int, nullable, object, oneOf, optional } from '../core/shapes.js';
import type { BranchInfo, Checkpoint, SessionState, SessionStatus, SessionType, TemplateOrigin } from '../core/state.js';
import { workspaceView, type WorkspaceView } from '../core/view.js';
import { checkBase, requireId } from '../core/validation.js';
import { decideImport, type ImportIds } from './import.js';

export const EXPORT_FORMAT = 'crystalyse.session-export';
export const EXPORT_VERSION = 1;

export interface ExportOptions {
  includeDiscoveries?: boolean;
  includeMaterials?: boolean;
  /** Every event with its metadata: what an import needs. */
  includeEvents?: boolean;
  /** Stamped on the document; an input, like every time in the domain. */
  exportedAt: string;
}

export interface ExportedEvent {
  eventId: string;
  type: string;
  data: unknown;
  metadata: Record<string, unknown>;
  /** Bigints as decimal strings: JSON has no 64-bit integers. */
  revision: string;
  position: string;
  created: string;
}

type ExportedWorkspace = Omit<WorkspaceView, 'discoveries' | 'discoveryLinks' | 'materials'> &
  Partial<Pick<WorkspaceView, 'discoveries' | 'discoveryLinks' | 'materials'>>;

export interface SessionExport {
  format: typeof EXPORT_FORMAT;
  version: typeof EXPORT_VERSION;
  exportedAt: string;
  session: {
    id: string;
    ownerId: string;
    type: SessionType;
    name: string;
    status: SessionStatus;
    metadata: JsonObject;
    config: JsonObject;
    createdAt: string;
    updatedAt: string;
    /** Head revision at export, as a string. */
    revision: string;
    seededFrom: TemplateOrigin | null;
  };
  /** Present when the export is of a branch: its events fold on the session's state, so it is no backup. */
  branch?: BranchInfo;
  workspace: ExportedWorkspace;
  checkpoints: Checkpoint[];
  events?: ExportedEvent[];
}

export function exportSession(state: SessionState, events: readonly RecordedEvent[], options: ExportOptions): SessionExport {
  const { includeDiscoveries = true, includeMaterials = true, includeEvents = false } = options;
  const { discoveries, discoveryLinks, materials, ...rest } = workspaceView(state.workspace);
  const g = state.governance;
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: options.exportedAt,
    session: {
      id: state.id,
      ownerId: g.ownerId,
      type: g.type,
      name: g.name,
      status: g.status,
      metadata: g.metadata,
      config: g.config,
      createdAt: g.createdAt,
      updatedAt: g.updatedAt,
      revision: String(state.eventCount - 1),
      seededFrom: g.seededFrom,
    },
    ...(state.branch ? { branch: state.branch } : {}),
    workspace: {
      ...rest,
      ...(includeDiscoveries ? { discoveries, discoveryLinks } : {}),
      ...(includeMaterials ? { materials } : {}),
    },
    checkpoints: g.checkpoints.values(),
    ...(includeEvents ? { events: events.map(exportEvent) } : {}),
  };
}

const exportEvent = (e: RecordedEvent): ExportedEvent => ({
  eventId: e.eventId,
  type: e.type,
  data: e.data,
  metadata: { ...e.metadata },
  revision: e.revision.toString(),
  position: e.position.toString(),
  created: e.created,
});

export interface ImportProvenance {
  importedFrom: { sessionId: string; eventId: string; revision: string; actor: Actor | null; occurredAt: string | null };
  /** The version of the shape the event is written in: the shape it was decided in. */
  schemaVersion: number;
}

export interface ImportedEvent {
  event: SessionEvent;
  /** To merge into the new event's metadata; the closing SessionImported has none. */
  metadata: ImportProvenance | Record<string, never>;
}

export interface ImportOptions extends ImportIds {
  at: string;
}

/**
 * The events that make a new session out of a backup. The importer becomes the owner (the new
 * session is theirs); every other fact, including who first did what, stays as it was. Each event
 * is decided again (see decideImport): a backup that could not have been recorded is refused with
 * a ValidationError naming the event and its field.
 */
export function eventsFromBackup(doc: unknown, options: ImportOptions): ImportedEvent[] {
  checkBase({ sessionId: options.newSessionId, actorId: options.importerId, at: options.at });
  const source = validateExport(doc);
  const current = source.events.map(inCurrentShape);
  const decided = decideImport(current.map((c) => c.event), options, source.session.id);
  const copied = decided.map((event, i): ImportedEvent => {
    const e = source.events[i]!;
    const importedFrom = { sessionId: source.session.id, eventId: e.eventId, revision: e.revision, actor: current[i]!.actor, occurredAt: current[i]!.occurredAt };
    return { event, metadata: { importedFrom, schemaVersion: current[i]!.schemaVersion } };
  });
  const closing: SessionEvent = { type: 'SessionImported', data: { sourceSessionId: source.session.id, sourceRevision: source.events.length - 1, at: options.at } };
  return [...copied, { event: closing, metadata: {} }];
}

const CHANNELS = ['api', 'mcp', 'share-link', 'system', 'batch', 'scheduler'] as const satisfies readonly Channel[];
const PROVENANCE = object({ actor: optional(nullable(object({ userId: actor, via: oneOf(CHANNELS) }))), occurredAt: optional(nullable(instant)), schemaVersion: optional(int(1)) });

/** A backup's event read as today's code reads it: upcast from the version it was written in, its provenance checked. */
function inCurrentShape(e: ExportedEvent, i: number) {
  const { actor: who = null, occurredAt = null, schemaVersion = 1 } = e.metadata as { actor?: Actor | null; occurredAt?: string | null; schemaVersion?: number };
  PROVENANCE(`events[${i}].metadata`, { actor: who, occurredAt, schemaVersion });
  let current: RecordedEvent;
  try {
    current = DOMAIN_UPCASTERS.upcast({ ...e, streamId: '', revision: BigInt(e.revision), position: 0n, metadata: { ...e.metadata, schemaVersion } } as unknown as RecordedEvent);
  } catch {
    throw new ValidationError(`events[${i}].data`, `events[${i}].data cannot be read as a ${e.type} of version ${schemaVersion}`);
  }
  const event = { type: current.type, data: current.data } as SessionEvent;
  return { event, actor: who, occurredAt, schemaVersion: current.metadata.schemaVersion ?? schemaVersion };
}

/** Checks a document is an export this version can import; each failure names the field. */
export function validateExport(doc: unknown): SessionExport & { events: ExportedEvent[] } {
  if (!isPlainObject(doc)) throw new ValidationError('format', 'the backup must be a JSON object');
  if (doc.format !== EXPORT_FORMAT) throw new ValidationError('format', `format must be "${EXPORT_FORMAT}"`);
  if (doc.version !== EXPORT_VERSION) throw new ValidationError('version', `version ${String(doc.version)} is not supported (expected ${EXPORT_VERSION})`);
  if (!isPlainObject(doc.session)) throw new ValidationError('session.id', 'session.id is required');
  requireId('session.id', doc.session.id);
  if (doc.branch !== undefined) throw new ValidationError('branch', 'this is the export of a branch: export the session (after merging the branch) to make a backup');
  const events = doc.events;
  if (!Array.isArray(events) || events.length === 0) {
    throw new ValidationError('events', 'the export has no events: export with includeEvents to make a backup');
  }
  events.forEach((e: unknown, i) => {
    const at = `events[${i}]`;
    if (!isPlainObject(e)) throw new ValidationError(at, `${at} must be an object`);
    if (typeof e.type !== 'string' || !isSessionEventType(e.type)) throw new ValidationError(`${at}.type`, `${at}.type is not a session event`);
    if ((i === 0) !== (e.type === 'SessionCreated')) throw new ValidationError(`${at}.type`, 'a backup starts with SessionCreated, and only there');
    if (!isPlainObject(e.data)) throw new ValidationError(`${at}.data`, `${at}.data must be an object`);
    if (e.revision !== String(i)) throw new ValidationError(`${at}.revision`, `${at}.revision must be "${i}": a backup holds the whole stream in order`);
    requireId(`${at}.eventId`, e.eventId);
    if (!isPlainObject(e.metadata)) throw new ValidationError(`${at}.metadata`, `${at}.metadata must be an object`);
  });
  return doc as unknown as SessionExport & { events: ExportedEvent[] };
}
