// Controllers describe a session command by its type and data; this fills in what every command
// carries (session, actor, time) and sends it through the command bus.
import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { SessionCommand, SessionState } from '@crystalyse/domain';
import { Clock } from '../infrastructure/clock.js';
import type { RequestContext } from '../http/request-context.js';
import { commandResponse, type CommandResponse } from './command-response.js';
import { RunSessionCommand } from './run-session-command.js';
import type { WorkspaceTarget } from '../branches/workspace-target.js';

type Target = WorkspaceTarget | string;

type Data<T extends SessionCommand['type']> = Omit<Extract<SessionCommand, { type: T }>['data'], 'sessionId' | 'actorId' | 'at'>;
/** A command as a controller describes it: type and data, without what every command carries. */
export type CommandInput = { [T in SessionCommand['type']]: { type: T; data: Data<T> } }[SessionCommand['type']];

@Injectable()
export class SessionCommandBus {
  constructor(
    private readonly bus: CommandBus,
    private readonly clock: Clock,
  ) {}

  send<T extends SessionCommand['type']>(ctx: RequestContext, target: Target, type: T, data: Data<T>): Promise<CommandResponse> {
    return this.sendAll(ctx, target, [{ type, data } as CommandInput]);
  }

  /**
   * Several commands decided in order and appended atomically: all of them or none. An empty list
   * is a request that found nothing to do: it still goes through handle(), so its key is recorded.
   */
  async sendAll(ctx: RequestContext, target: Target, commands: Array<CommandInput>): Promise<CommandResponse> {
    return (await this.execute(ctx, target, commands)).response;
  }

  /** As sendAll, also giving the state after the commands, for callers that go on from it. */
  async execute(ctx: RequestContext, target: Target, commands: Array<CommandInput>): Promise<{ response: CommandResponse; state: SessionState }> {
    const at = this.clock.now();
    const where = typeof target === 'string' ? { sessionId: target } : target;
    const full = commands.map(({ type, data }) => ({ type, data: { ...data, sessionId: where.sessionId, actorId: ctx.user.userId, at } }) as SessionCommand);
    const result = await this.bus.execute(new RunSessionCommand(full, ctx, where, at));
    return { response: { ...commandResponse(where.sessionId, result), ...(where.branchId ? { branchId: where.branchId } : {}) }, state: result.state };
  }

  /** A new id for what this request creates; stable across retries with the same Idempotency-Key. */
  newId(ctx: RequestContext, purpose: string): string {
    return this.clock.idFor(ctx.user.userId, ctx.commandId, purpose);
  }
}
