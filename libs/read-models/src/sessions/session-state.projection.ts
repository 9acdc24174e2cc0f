// One projection keeps what a session's state is made of, as the domain folds it: the timeline
// (every version of every item, timeline.port.ts) and the session list and detail document. It
// folds each session stream with the domain's own evolve and writes what each event changed, item
// by item, so the documents cannot drift from the state (counts included), and each event costs
// what it changed, however long the session. A stream's state is kept in memory between batches
// (a bounded number of streams) and rebuilt from the timeline when it is not.
import type { RecordedEvent } from '@crystalyse/event-store';
import {
  countsAfter,
  evolveWithChanges,
  initialSessionState,
  parseSessionStream,
  SESSION_EVENT_TYPES,
  SESSION_STREAM_PREFIX,
  sessionFromParts,
  workspaceCounts,
  type AppliedChange,
  type ConversationTurn,
  type SessionEvent,
  type SessionState,
  type WorkspaceCounts,
} from '@crystalyse/domain';
import { TIMELINE, type Document, type DocumentStore, type DocumentWrite } from '../document-store.port.js';
import { POSITION_FIELD, toDocumentPosition } from '../positions.js';
import type { StatefulFold, StatefulProjection } from '../projections/projection.js';

export interface SessionSummaryDoc extends Document {
  ownerId: string;
  /** Who may see the session: the owner and every member (lists find members' sessions through session_memberships). */
  readers?: string[];
  /** userId → permissions (the owner is implicit). */
  members?: Record<string, string[]>;
  name: string;
  type: string;
  status: string;
  metadata: Record<string, unknown>;
  /** `metadata.project`, lifted for filtering and indexing. */
  project: string | null;
  createdAt: string;
  updatedAt: string;
  /** Stream revision of the last event applied: the session's ETag. */
  revision: number;
  checkpoints: number;
  workspace: {
    counts: WorkspaceCounts;
    /** Questions asked and not yet answered or failed: what crash recovery looks for. */
    pendingQueryIds: string[];
  };
  /** Text for search: name and metadata values (questions and discoveries: session-texts). */
  metadataText: string;
}

export const SESSIONS_COLLECTION = 'sessions';

interface Folded {
  state: SessionState;
  /** Revision of the last event folded; -1 when none. */
  revision: number;
  doc: SessionSummaryDoc | null;
  /** An event of the stream could not be applied: the later ones wait behind it (parked too). */
  broken?: string;
}

const CACHED_STREAMS = 500;

const metadataText = (metadata: Record<string, unknown>) =>
  Object.entries(metadata).map(([k, v]) => `${k} ${typeof v === 'string' ? v : JSON.stringify(v)}`).join(' ');

function summary(sessionId: string, state: SessionState, revision: number, counts: WorkspaceCounts, pendingQueryIds: string[], position: bigint): SessionSummaryDoc {
  const g = state.governance;
  return {
    _id: sessionId, ownerId: g.ownerId, readers: [g.ownerId, ...Object.keys(g.members)], members: g.members, name: g.name, type: g.type, status: g.status, metadata: g.metadata,
    project: typeof g.metadata.project === 'string' ? g.metadata.project : null,
    createdAt: g.createdAt, updatedAt: g.updatedAt, revision, checkpoints: g.checkpoints.size,
    workspace: { counts, pendingQueryIds }, metadataText: metadataText(g.metadata),
    [POSITION_FIELD]: toDocumentPosition(position),
  };
}

/** The pending questions after an event: the ones before it, as its conversation changes leave them. */
function pendingAfter(pending: string[], applied: readonly AppliedChange[]): string[] {
  let next = pending;
  for (const change of applied) {
    if (change.part !== 'workspace.conversation') continue;
    const isPending = !change.deleted && (change.value as ConversationTurn).status === 'pending';
    const was = next.includes(change.key);
    if (isPending && !was) next = [...next, change.key];
    if (!isPending && was) next = next.filter((id) => id !== change.key);
  }
  return next;
}

export class SessionStateProjection implements StatefulProjection {
  readonly kind = 'stateful';
  readonly name = 'session-state';
  readonly collections = [SESSIONS_COLLECTION, TIMELINE];
  readonly handles = SESSION_EVENT_TYPES;
  readonly streamPrefixes = [SESSION_STREAM_PREFIX];
  readonly indexes = [
    { collection: SESSIONS_COLLECTION, spec: { fields: ['ownerId'] } },
    { collection: SESSIONS_COLLECTION, spec: { fields: ['status'] } },
    { collection: SESSIONS_COLLECTION, spec: { fields: ['project'] } },
    { collection: SESSIONS_COLLECTION, spec: { text: ['name', 'metadataText'] } },
  ];
  private readonly streams = new Map<string, Folded>();

  reset(): void {
    this.streams.clear();
  }

  async fold(events: RecordedEvent[], store: DocumentStore): Promise<StatefulFold> {
    const reached = new Map<string, Folded>();
    const writes: DocumentWrite[] = [];
    const failed: StatefulFold['failed'] = [];
    for (const event of events) {
      const sessionId = parseSessionStream(event.streamId);
      if (sessionId === null) continue;
      const folded = reached.get(event.streamId) ?? (await this.load(event.streamId, sessionId, store));
      const revision = Number(event.revision);
      if (revision <= folded.revision) continue; // already applied: a replayed batch
      if (folded.broken) {
        failed.push({ event, error: new Error(`waits behind an event of this stream that could not be applied: ${folded.broken}`) });
        continue;
      }
      try {
        if (revision !== folded.revision + 1) throw new Error(`revision ${revision} follows ${folded.revision}: events are missing`);
        const { state, applied } = evolveWithChanges(folded.state, { type: event.type, data: event.data } as SessionEvent);
        const counts = countsAfter(folded.doc?.workspace.counts ?? workspaceCounts(folded.state.workspace), folded.state, applied);
        const doc = state.exists ? summary(sessionId, state, revision, counts, pendingAfter(folded.doc?.workspace.pendingQueryIds ?? [], applied), event.position) : null;
        writes.push({ kind: 'timeline', advance: { stream: event.streamId, revision, changes: applied } });
        reached.set(event.streamId, { state, revision, doc });
      } catch (error) {
        failed.push({ event, error });
        reached.set(event.streamId, { ...folded, broken: error instanceof Error ? error.message : String(error) });
      }
    }
    // One document per session, as the batch leaves it.
    for (const { doc } of reached.values()) if (doc) writes.push({ kind: 'put', collection: SESSIONS_COLLECTION, document: doc });
    return {
      writes,
      failed,
      commit: () => {
        for (const [stream, folded] of reached) this.remember(stream, folded);
      },
    };
  }

  /** The stream's state as the store has it: from memory, or rebuilt from the timeline. */
  private async load(stream: string, sessionId: string, store: DocumentStore): Promise<Folded> {
    const known = this.streams.get(stream);
    if (known) return known;
    const timeline = store.timeline();
    const head = await timeline.head(stream);
    if (head < 0) return { state: initialSessionState(), revision: -1, doc: null };
    const state = sessionFromParts(await timeline.at(stream, head), head + 1);
    const doc = await store.collection<SessionSummaryDoc>(SESSIONS_COLLECTION).findOne({ _id: sessionId });
    return { state, revision: head, doc };
  }

  private remember(stream: string, folded: Folded): void {
    this.streams.delete(stream);
    this.streams.set(stream, folded);
    if (this.streams.size > CACHED_STREAMS) this.streams.delete(this.streams.keys().next().value!);
  }
}
