// create_from_backup: a new session from an export made with every event, each event decided
// again as its command would be (400 naming the event and field it refuses, nothing appended), its
// provenance (original session, event id, revision, actor, time) kept in its metadata.
import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { eventsFromBackup, sessionStream } from '@crystalyse/domain';
import { commandContext, Ctx, type RequestContext } from '../http/request-context.js';
import { Clock } from '../infrastructure/clock.js';
import { CommandRunner } from '../infrastructure/command-runner.js';

@ApiTags('time travel and audit')
@ApiBearerAuth()
@Controller('sessions')
export class SessionImportController {
  constructor(
    private readonly runner: CommandRunner,
    private readonly clock: Clock,
  ) {}

  @Post('import')
  @ApiOperation({ summary: 'Create a new session from an export made with includeEvents=true (create_from_backup)' })
  async import(@Ctx() ctx: RequestContext, @Body() body: Record<string, unknown>) {
    const id = this.clock.idFor(ctx.user.userId, ctx.commandId, 'import');
    const at = this.clock.now();
    // The backup's branches are the original's: each gets an id of this session's own, the same
    // on a repeated request (the session id is derived from the Idempotency-Key).
    const branchIdFor = (old: string) => this.clock.derivedId(id, 'imported-branch', old);
    const imported = eventsFromBackup(body, { newSessionId: id, importerId: ctx.user.userId, at, branchIdFor });
    const decided = imported.map(({ event, metadata }) => ({ event, metadata: metadata as Record<string, unknown> }));
    const result = await this.runner.appendDecided(sessionStream(id), decided, commandContext(ctx, at), 'no_stream');
    return { id, revision: Number(result.nextExpectedRevision), position: result.position.toString(), importedEvents: imported.length - 1 };
  }
}
