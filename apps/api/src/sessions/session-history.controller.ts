// Time travel and audit: state at any revision or instant, diffs, raw event pages, the hash
// chain, export and import. All of it reads the session's own stream, never the AI.
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  diffSessions, exportSession, initialSessionState, requireInstant, sessionView, stateAtInstant, stateAtRevision, ValidationError,
  type PartDiff, type SessionDiff, type SessionEvent, type SessionState,
} from '@crystalyse/domain';
import { verifyStream, type EventStore } from '@crystalyse/event-store';
import { Inject } from '@nestjs/common';
import { Ctx, type RequestContext } from '../http/request-context.js';
import { Clock } from '../infrastructure/clock.js';
import { EVENT_STORE } from '../infrastructure/tokens.js';
import { SessionEvents, streamOf } from './session-events.service.js';
import { toDomainEvents } from './domain-events.js';
import { targetOf, type WorkspaceTarget } from '../branches/workspace-target.js';
import { DiffQuery, EventsQuery, ExportQuery, StateQuery } from './session.dto.js';
import { SessionTimeline } from './session-timeline.service.js';
import { Requires } from '../access/requires.js';

/** The diff from b to a, given the diff from a to b. */
function reversed(diff: SessionDiff): SessionDiff {
  const flip = (parts: Record<string, PartDiff>) =>
    Object.fromEntries(Object.entries(parts).map(([k, p]) => [k, { added: p.removed, removed: p.added, changed: p.changed.map((c) => ({ key: c.key, from: c.to, to: c.from })) }]));
  return { governance: flip(diff.governance), workspace: flip(diff.workspace) } as SessionDiff;
}


/** `at` is a revision (digits, or -1) or an ISO instant; a branch's history folds from its base. */
function stateAt({ events, base }: { events: SessionEvent[]; base: SessionState }, at: string | undefined) {
  if (at === undefined) return { state: stateAtRevision(events, events.length - 1, base), revision: events.length - 1 };
  if (/^-?\d+$/.test(at)) return { state: stateAtRevision(events, Number(at), base), revision: Number(at) };
  return stateAtInstant(events, at, base);
}

@ApiTags('time travel and audit')
@ApiBearerAuth()
@Controller(['sessions/:id', 'sessions/:id/branches/:branchId'])
export class SessionHistoryController {
  constructor(
    private readonly sessions: SessionEvents,
    private readonly clock: Clock,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly timeline: SessionTimeline,
  ) {}

  @Get('state')
  @Requires('readSession')
  @ApiOperation({ summary: 'The session as it was at a revision or an instant (the head by default)' })
  async state(@Ctx() ctx: RequestContext, @Param('id') id: string, @Param('branchId') branchId: string | undefined, @Query() query: StateQuery) {
    if (branchId) {
      const { state, revision } = stateAt(await this.history(targetOf(id, branchId), ctx), query.at);
      return { atRevision: revision, ...sessionView(state) };
    }
    // The head from the state commands decide on; any other revision from the timeline.
    const { state: now, revision: head } = await this.sessions.readableState(id, ctx.user.userId);
    const revision = await this.revisionOf(id, query.at, Number(head));
    const state = revision === Number(head) ? now : await this.timeline.stateAt(id, revision);
    return { atRevision: revision, ...sessionView(state) };
  }

  @Get('diff')
  @Requires('readSession')
  @ApiOperation({ summary: 'What changed between two revisions or instants, part by part' })
  async diff(@Ctx() ctx: RequestContext, @Param('id') id: string, @Param('branchId') branchId: string | undefined, @Query() query: DiffQuery) {
    if (branchId) {
      const history = await this.history(targetOf(id, branchId), ctx);
      const from = stateAt(history, query.from);
      const to = stateAt(history, query.to);
      return { id, from: from.revision, to: to.revision, diff: diffSessions(from.state, to.state) };
    }
    const { revision } = await this.sessions.readableState(id, ctx.user.userId);
    const head = Number(revision);
    const [from, to] = await Promise.all([this.revisionOf(id, query.from, head), this.revisionOf(id, query.to, head)]);
    const diff = from === to ? diffSessions(initialSessionState(), initialSessionState()) : from < to ? await this.timeline.diff(id, from, to) : reversed(await this.timeline.diff(id, to, from));
    return { id, from, to, diff };
  }

  /** `at` is a revision (digits, or -1) or an ISO instant; the head when absent. */
  private async revisionOf(sessionId: string, at: string | undefined, head: number): Promise<number> {
    if (at === undefined) return head;
    if (/^-?\d+$/.test(at)) {
      const revision = Number(at);
      if (!Number.isSafeInteger(revision) || revision < -1) throw new ValidationError('revision', 'revision must be an integer from -1 up');
      if (revision > head) throw new ValidationError('revision', `revision ${revision} is beyond the head of the session (revision ${head})`);
      return revision;
    }
    return this.timeline.revisionAt(sessionId, requireInstant('at', at), head);
  }

  @Get('events')
  @Requires('readSession')
  @ApiOperation({ summary: 'A page of raw events with their metadata' })
  async events(@Ctx() ctx: RequestContext, @Param('id') id: string, @Param('branchId') branchId: string | undefined, @Query() query: EventsQuery) {
    const target = targetOf(id, branchId);
    const { revision } = await this.sessions.readableState(target, ctx.user.userId);
    const limit = query.limit ?? 100;
    const from = BigInt(query.from ?? 0);
    const page = from > revision ? [] : await this.sessions.recorded(target, { fromRevision: from, maxCount: limit });
    const items = page.map((e) => ({ ...e, revision: Number(e.revision), position: e.position.toString() }));
    const next = page.length === limit && from + BigInt(limit) <= revision ? Number(from) + limit : null;
    return { revision: Number(revision), items, next };
  }

  @Get('verify')
  @Requires('readSession')
  @ApiOperation({ summary: 'Check the hash chain: names the first revision that does not hold' })
  async verify(@Ctx() ctx: RequestContext, @Param('id') id: string, @Param('branchId') branchId: string | undefined) {
    const target = targetOf(id, branchId);
    await this.sessions.assertReadable(target, ctx.user.userId);
    const result = await verifyStream(this.store, streamOf(target));
    return result.ok ? result : { ...result, firstBadRevision: Number(result.firstBadRevision) };
  }

  @Get('export')
  @Requires('readSession')
  @ApiOperation({ summary: 'Export as JSON; includeEvents=true makes a backup that POST /sessions/import accepts' })
  async export(@Ctx() ctx: RequestContext, @Param('id') id: string, @Param('branchId') branchId: string | undefined, @Query() query: ExportQuery) {
    const target = targetOf(id, branchId);
    const { state } = await this.sessions.readableState(target, ctx.user.userId);
    const includeEvents = query.includeEvents === 'true';
    const events = includeEvents ? await this.sessions.recorded(target) : [];
    return exportSession(state, events, {
      includeDiscoveries: query.includeDiscoveries !== 'false',
      includeMaterials: query.includeMaterials !== 'false',
      includeEvents,
      exportedAt: this.clock.now(),
    });
  }

  private async history(target: WorkspaceTarget, ctx: RequestContext) {
    const { events, base } = await this.sessions.readableHistory(target, ctx.user.userId);
    return { events: toDomainEvents(events), base };
  }
}
