// Batch sessions: created with their plan in one append (the session, started, and the batch
// with each invalid formula already reported), then driven by the runner; progress is the fold of
// the session's batch events.
import { Injectable } from '@nestjs/common';
import { tryParseFormula } from '@crystalyse/agent';
import { batchProgress, batchReport, BATCH_EVENT_TYPES, NotFound, type BatchReport, type PlannedItem } from '@crystalyse/domain';
import type { RequestContext } from '../http/request-context.js';
import { Clock } from '../infrastructure/clock.js';
import { SessionCommandBus } from '../sessions/session-command.bus.js';
import { SessionEvents } from '../sessions/session-events.service.js';
import type { CommandResponse } from '../sessions/command-response.js';
import { BatchRunner } from './batch-runner.service.js';
import type { CreateBatchDto } from './batch.dto.js';

const BATCH_TYPES = new Set<string>(BATCH_EVENT_TYPES);

export class BatchNotFound extends NotFound {
  constructor(sessionId: string) {
    super('batch', sessionId);
  }
}

/** A formula the tools cannot read is planned as failed, with the reason, and never asked. */
export function planItem(formula: string): PlannedItem {
  const trimmed = formula.trim();
  if (trimmed === '' || /\s/.test(trimmed) || trimmed.length > 100) return { formula: trimmed.slice(0, 100) || '(empty)', error: 'invalid formula: give one formula without spaces, such as LiFePO4' };
  if (!tryParseFormula(trimmed)) return { formula: trimmed, error: `invalid formula: ${trimmed} is not a chemical formula the tools can read` };
  return { formula: trimmed };
}

@Injectable()
export class BatchService {
  constructor(
    private readonly commands: SessionCommandBus,
    private readonly sessions: SessionEvents,
    private readonly runner: BatchRunner,
    private readonly clock: Clock,
  ) {}

  async create(ctx: RequestContext, body: CreateBatchDto): Promise<CommandResponse & { id: string; name: string; type: 'batch'; total: number; invalid: number }> {
    const id = this.commands.newId(ctx, 'session');
    const items = body.materials.map(planItem);
    const sharedContext = body.sharedContext ?? true;
    const result = await this.commands.sendAll(ctx, id, [
      { type: 'CreateSession', data: { sessionType: 'batch', name: body.name, metadata: body.metadata, config: { sharedContext } } },
      { type: 'StartSession', data: {} },
      { type: 'PlanBatch', data: { items, sharedContext, concurrency: body.concurrency ?? 1, retries: body.retries ?? 1 } },
    ]);
    this.runner.kick(id);
    return { ...result, id, name: body.name, type: 'batch', total: items.length, invalid: items.filter((i) => i.error).length };
  }

  async report(ctx: RequestContext, sessionId: string): Promise<BatchReport & { sessionId: string; running: boolean }> {
    await this.sessions.assertReadable(sessionId, ctx.user.userId);
    const events = await this.sessions.recorded(sessionId);
    const progress = batchProgress(events.filter((e) => BATCH_TYPES.has(e.type)));
    if (!progress.planned) throw new BatchNotFound(sessionId);
    return { sessionId, ...batchReport(progress, this.clock.now()), running: this.runner.isRunning(sessionId) };
  }

  async pause(ctx: RequestContext, sessionId: string): Promise<CommandResponse> {
    return this.commands.send(ctx, sessionId, 'PauseBatch', {});
  }

  async resume(ctx: RequestContext, sessionId: string): Promise<CommandResponse> {
    const result = await this.commands.send(ctx, sessionId, 'ResumeBatch', {});
    this.runner.kick(sessionId);
    return result;
  }
}
