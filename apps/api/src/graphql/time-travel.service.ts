// sessionAt and diff for GraphQL: the same answers as GET /v1/sessions/:id/state?at= and
// /diff?from=&to= on the main line, from the same services (the head from the state commands
// decide on, any other revision from the timeline). The caller's access was checked by the resolver.
import { Injectable } from '@nestjs/common';
import { diffSessions, initialSessionState, requireInstant, ValidationError, type PartDiff, type SessionDiff, type SessionState } from '@crystalyse/domain';
import { SessionEvents } from '../sessions/session-events.service.js';
import { SessionTimeline } from '../sessions/session-timeline.service.js';

/** The diff from b to a, given the diff from a to b. */
function reversed(diff: SessionDiff): SessionDiff {
  const flip = (parts: Record<string, PartDiff>) =>
    Object.fromEntries(Object.entries(parts).map(([k, p]) => [k, { added: p.removed, removed: p.added, changed: p.changed.map((c) => ({ key: c.key, from: c.to, to: c.from })) }]));
  return { governance: flip(diff.governance), workspace: flip(diff.workspace) } as SessionDiff;
}

export type At = { revision: number } | { instant: string } | { text: string } | undefined;

@Injectable()
export class TimeTravel {
  constructor(
    private readonly sessions: SessionEvents,
    private readonly timeline: SessionTimeline,
  ) {}

  async stateAt(sessionId: string, at: At, field: string): Promise<{ state: SessionState; revision: number }> {
    const { state: now, revision } = await this.sessions.sessionNow(sessionId);
    const head = Number(revision);
    const target = await this.revisionOf(sessionId, at, head, field);
    return { state: target === head ? now : await this.timeline.stateAt(sessionId, target), revision: target };
  }

  async diff(sessionId: string, from: At, to: At): Promise<{ from: number; to: number; diff: SessionDiff }> {
    const head = Number((await this.sessions.sessionNow(sessionId)).revision);
    const [a, b] = await Promise.all([this.revisionOf(sessionId, from, head, 'from'), this.revisionOf(sessionId, to, head, 'to')]);
    const diff = a === b ? diffSessions(initialSessionState(), initialSessionState()) : a < b ? await this.timeline.diff(sessionId, a, b) : reversed(await this.timeline.diff(sessionId, b, a));
    return { from: a, to: b, diff };
  }

  /** A revision (from -1 up to the head), an ISO instant, or text that is either; the head when absent. */
  private async revisionOf(sessionId: string, at: At, head: number, field: string): Promise<number> {
    if (at === undefined) return head;
    if ('text' in at) {
      if (/^-?\d+$/.test(at.text)) return this.revisionOf(sessionId, { revision: Number(at.text) }, head, field);
      return this.timeline.revisionAt(sessionId, requireInstant(field, at.text), head);
    }
    if ('instant' in at) return this.timeline.revisionAt(sessionId, requireInstant(field, at.instant), head);
    const { revision } = at;
    if (!Number.isSafeInteger(revision) || revision < -1) throw new ValidationError(field, `${field} must be an integer from -1 up`);
    if (revision > head) throw new ValidationError(field, `revision ${revision} is beyond the head of the session (revision ${head})`);
    return revision;
  }
}
