// Time travel on a session's main line from the timeline (the temporal read model): the state at a
// revision, what changed between two, and what a restore puts back, each costing what it returns,
// not the length of the history. The timeline is a projection, so a read waits (briefly) for it to
// reach the revision asked; when it cannot (being rebuilt, far behind), the answer is folded from
// the events instead: slower, never different. Branches are folded (they are short-lived and their
// base comes from the parent at the fork).
import { Inject, Injectable } from '@nestjs/common';
import {
  changesSince,
  diffOfChanges,
  diffSessions,
  foldSession,
  initialSessionState,
  isWorkspacePart,
  KEYED_PARTS,
  restoreChanges,
  sessionFromParts,
  sessionStream,
  stateAtRevision,
  type AppliedChange,
  type SessionDiff,
  type SessionEvent,
  type SessionState,
  type StatePart,
  VALUE_PARTS,
} from '@crystalyse/domain';
import type { DocumentStore, TimelineReader } from '@crystalyse/read-models';
import { DOCUMENT_STORE } from '../infrastructure/tokens.js';
import { SessionEvents } from './session-events.service.js';
import { toDomainEvents } from './domain-events.js';

const WAIT_MS = 2000;
const WORKSPACE_PARTS = [...KEYED_PARTS, ...VALUE_PARTS].filter(isWorkspacePart);
const POLL_MS = 2;

@Injectable()
export class SessionTimeline {
  private readonly timeline: TimelineReader;

  constructor(
    @Inject(DOCUMENT_STORE) documents: DocumentStore,
    private readonly sessions: SessionEvents,
  ) {
    this.timeline = documents.timeline();
  }

  /** The state after the event at `revision` (-1: before the first); `updatedAt` is that event's time. */
  async stateAt(sessionId: string, revision: number): Promise<SessionState> {
    if (revision < 0) return initialSessionState();
    const stream = sessionStream(sessionId);
    if (!(await this.reached(stream, revision))) return stateAtRevision(await this.events(sessionId, revision), revision);
    const [state, [event]] = await Promise.all([
      this.timeline.at(stream, revision).then((parts) => sessionFromParts(parts, revision + 1)),
      this.sessions.recorded(sessionId, { fromRevision: BigInt(revision), maxCount: 1 }),
    ]);
    const at = (event?.data as { at?: string } | undefined)?.at ?? state.governance.createdAt;
    return { ...state, governance: { ...state.governance, updatedAt: at } };
  }

  /** What changed from revision `from` to revision `to` (from < to), part by part. */
  async diff(sessionId: string, from: number, to: number): Promise<SessionDiff> {
    const stream = sessionStream(sessionId);
    if (from >= 0 && (await this.reached(stream, to))) {
      const changes = await this.timeline.between(stream, from, to);
      return diffOfChanges(changes.map((c) => ({ part: c.part, key: c.key, before: c.before as StatePart | null, after: c.after as StatePart | null })));
    }
    const events = await this.events(sessionId, to);
    return diffSessions(stateAtRevision(events, from), stateAtRevision(events, to));
  }

  /**
   * What restoring the checkpoint at `checkpoint` puts back on the state at `head`: the value at
   * the checkpoint of every workspace item that changed since (what RestoreCheckpoint carries).
   * The timeline reads only those items' versions at the checkpoint, not the versions since.
   */
  async restoreChanges(sessionId: string, checkpoint: number, head: number): Promise<AppliedChange[]> {
    const stream = sessionStream(sessionId);
    if (checkpoint >= head) return [];
    if (await this.reached(stream, head)) {
      const changed = await this.timeline.changedSince(stream, checkpoint, head, { parts: WORKSPACE_PARTS });
      const defaults = initialSessionState();
      return changed.map((c): AppliedChange => {
        if (c.before && !c.before.deleted) return { part: c.part as AppliedChange['part'], key: c.key, ord: c.before.ord, value: c.before.value };
        // Absent at the checkpoint: a record goes, a single value goes back to its default.
        if (c.key !== '') return { part: c.part as AppliedChange['part'], key: c.key, ord: 0, value: null, deleted: true };
        const [group, field] = c.part.split('.') as ['workspace', keyof SessionState['workspace']];
        return { part: c.part as AppliedChange['part'], key: '', ord: 0, value: defaults[group][field] };
      });
    }
    const events = await this.events(sessionId, head);
    let state = stateAtRevision(events, checkpoint);
    const target = state.workspace;
    const after = events.slice(checkpoint + 1).map((event) => (state = foldSession([event], state)));
    return after.length === 0 ? restoreChanges(state.workspace, target) : changesSince(target, after);
  }

  /**
   * The revision a session was at at `instant`: its last event by then. Events' times only grow
   * along a stream (one writer's clock at a time), so a binary search reads about log2(n) events.
   */
  async revisionAt(sessionId: string, instant: string, head: number): Promise<number> {
    const until = Date.parse(instant);
    const timeOf = async (revision: number) => {
      const [event] = await this.sessions.recorded(sessionId, { fromRevision: BigInt(revision), maxCount: 1 });
      return Date.parse((event?.data as { at: string }).at);
    };
    let [low, high] = [-1, head];
    while (low < high) {
      const middle = Math.floor((low + high + 1) / 2);
      if ((await timeOf(middle)) <= until) low = middle;
      else high = middle - 1;
    }
    return low;
  }

  /** Waits (briefly) for the timeline to hold the stream up to `revision`. */
  private async reached(stream: string, revision: number): Promise<boolean> {
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      if ((await this.timeline.head(stream)) >= revision) return true;
      if (Date.now() > deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  private async events(sessionId: string, upTo: number): Promise<SessionEvent[]> {
    return toDomainEvents(await this.sessions.recorded(sessionId, { maxCount: upTo + 1 }));
  }
}
