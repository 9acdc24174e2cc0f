// Time travel and audit: state at any revision or instant, diffs, raw event pages, the hash
// chain, export and import. All of it reads the session's own stream, never the AI.
import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { diffSessions, eventsFromBackup, exportSession, sessionStream, stateAtInstant, stateAtRevision, type SessionEvent } from '@crystalyse/domain';
import { verifyStream, type EventStore } from '@crystalyse/event-store';
import { Inject } from '@nestjs/common';
import { commandContext, Ctx, type RequestContext } from '../http/request-context.js';
import { Clock } from '../infrastructure/clock.js';
import { CommandRunner } from '../infrastructure/command-runner.js';
import { EVENT_STORE } from '../infrastructure/tokens.js';
import { SessionEvents } from './session-events.service.js';
import { DiffQuery, EventsQuery, ExportQuery, StateQuery } from './session.dto.js';

const toDomain = (events: Array<{ type: string; data: unknown }>) => events.map((e) => ({ type: e.type, data: e.data }) as SessionEvent);

/** `at` is a revision (digits, or -1) or an ISO instant. */
function stateAt(events: SessionEvent[], at: string | undefined) {
  if (at === undefined) return { state: stateAtRevision(events, events.length - 1), revision: events.length - 1 };
  if (/^-?\d+$/.test(at)) return { state: stateAtRevision(events, Number(at)), revision: Number(at) };
  return stateAtInstant(events, at);
}

@ApiTags('time travel and audit')
@ApiBearerAuth()
@Controller('sessions')
export class SessionHistoryController {
  constructor(
    private readonly sessions: SessionEvents,
    private readonly runner: CommandRunner,
    private readonly clock: Clock,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Post('import')
  @ApiOperation({ summary: 'Create a new session from an export made with includeEvents=true (create_from_backup)' })
  async import(@Ctx() ctx: RequestContext, @Body() body: Record<string, unknown>) {
    const id = this.clock.idFor(ctx.user.userId, ctx.commandId, 'import');
    const at = this.clock.now();
    const imported = eventsFromBackup(body, { newSessionId: id, importerId: ctx.user.userId, at });
    const decided = imported.map(({ event, metadata }) => ({ event, metadata: metadata as Record<string, unknown> }));
    const result = await this.runner.appendDecided(sessionStream(id), decided, commandContext(ctx, at), 'no_stream');
    return { id, revision: Number(result.nextExpectedRevision), position: result.position.toString(), importedEvents: imported.length - 1 };
  }

  @Get(':id/state')
  @ApiOperation({ summary: 'The session as it was at a revision or an instant (the head by default)' })
  async state(@Ctx() ctx: RequestContext, @Param('id') id: string, @Query() query: StateQuery) {
    await this.sessions.readableState(id, ctx.user.userId);
    const { state, revision } = stateAt(toDomain(await this.sessions.recorded(id)), query.at);
    const { checkpointWorkspaces: _internal, ...visible } = state;
    return { atRevision: revision, ...visible };
  }

  @Get(':id/diff')
  @ApiOperation({ summary: 'What changed between two revisions or instants, part by part' })
  async diff(@Ctx() ctx: RequestContext, @Param('id') id: string, @Query() query: DiffQuery) {
    await this.sessions.readableState(id, ctx.user.userId);
    const events = toDomain(await this.sessions.recorded(id));
    const from = stateAt(events, query.from);
    const to = stateAt(events, query.to);
    return { id, from: from.revision, to: to.revision, diff: diffSessions(from.state, to.state) };
  }

  @Get(':id/events')
  @ApiOperation({ summary: 'A page of raw events with their metadata' })
  async events(@Ctx() ctx: RequestContext, @Param('id') id: string, @Query() query: EventsQuery) {
    const { revision } = await this.sessions.readableState(id, ctx.user.userId);
    const limit = query.limit ?? 100;
    const from = BigInt(query.from ?? 0);
    const page = from > revision ? [] : await this.sessions.recorded(id, { fromRevision: from, maxCount: limit });
    const items = page.map((e) => ({ ...e, revision: Number(e.revision), position: e.position.toString() }));
    const next = page.length === limit && from + BigInt(limit) <= revision ? Number(from) + limit : null;
    return { revision: Number(revision), items, next };
  }

  @Get(':id/verify')
  @ApiOperation({ summary: 'Check the hash chain: names the first revision that does not hold' })
  async verify(@Ctx() ctx: RequestContext, @Param('id') id: string) {
    await this.sessions.readableState(id, ctx.user.userId);
    const result = await verifyStream(this.store, sessionStream(id));
    return result.ok ? result : { ...result, firstBadRevision: Number(result.firstBadRevision) };
  }

  @Get(':id/export')
  @ApiOperation({ summary: 'Export as JSON; includeEvents=true makes a backup that POST /sessions/import accepts' })
  async export(@Ctx() ctx: RequestContext, @Param('id') id: string, @Query() query: ExportQuery) {
    const { state } = await this.sessions.readableState(id, ctx.user.userId);
    const includeEvents = query.includeEvents === 'true';
    const events = includeEvents ? await this.sessions.recorded(id) : [];
    return exportSession(state, events, {
      includeDiscoveries: query.includeDiscoveries !== 'false',
      includeMaterials: query.includeMaterials !== 'false',
      includeEvents,
      exportedAt: this.clock.now(),
    });
  }
}
