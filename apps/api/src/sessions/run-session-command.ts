// The one write path of a session: every session command goes through this handler. Several
// commands from one request are decided in order and appended together, so a request never
// half-applies. With an `If-Match` revision they are decided as concurrent changes (rebased, or
// refused with the conflicting fields); without one, a lost race is retried on the new state.
import { CommandHandler, type ICommandHandler, Command } from '@nestjs/cqrs';
import { decideConcurrent, sessionDecider, sessionStream, stateAtRevision, type SessionCommand, type SessionEvent, type SessionState } from '@crystalyse/domain';
import { WrongExpectedVersion, type Decider, type HandleResult } from '@crystalyse/event-store';
import { CommandRunner } from '../infrastructure/command-runner.js';
import { commandContext, type RequestContext } from '../http/request-context.js';
import { SessionEvents } from './session-events.service.js';
import { SESSION_SNAPSHOTS } from './session-snapshots.js';

export class RunSessionCommand extends Command<HandleResult<SessionState, SessionEvent>> {
  constructor(
    readonly commands: SessionCommand[],
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

type Decide = (command: SessionCommand, state: SessionState) => SessionEvent[];

/** Decides each command on the state the previous ones left. */
function decideInOrder(decide: Decide): Decider<SessionCommand[], SessionEvent, SessionState>['decide'] {
  return (commands, state) => {
    const events: SessionEvent[] = [];
    let current = state;
    for (const command of commands) {
      const decided = decide(command, current);
      events.push(...decided);
      current = decided.reduce(sessionDecider.evolve, current);
    }
    return events;
  };
}

@CommandHandler(RunSessionCommand)
export class RunSessionCommandHandler implements ICommandHandler<RunSessionCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly events: SessionEvents,
  ) {}

  async execute({ commands, ctx }: RunSessionCommand) {
    const first = commands[0]!;
    const stream = sessionStream(first.data.sessionId);
    const context = commandContext(ctx, first.data.at);
    const decide = ctx.basedOnRevision === undefined ? sessionDecider.decide : await this.concurrentDecide(first.data.sessionId, ctx.basedOnRevision);
    const decider = { ...sessionDecider, decide: decideInOrder(decide) };
    const expectedRevision = first.type === 'CreateSession' ? ('no_stream' as const) : undefined;
    return this.runner.run(stream, decider, commands, { context, expectedRevision, snapshot: SESSION_SNAPSHOTS });
  }

  /** Decides against the state now, knowing the state the caller based its change on. */
  private async concurrentDecide(sessionId: string, basedOn: bigint): Promise<Decide> {
    const history = await this.events.domainEvents(sessionId);
    if (basedOn >= BigInt(history.length)) throw new WrongExpectedVersion(sessionStream(sessionId), basedOn, BigInt(history.length - 1));
    const based = stateAtRevision(history, basedOn);
    return (command, current) => decideConcurrent(command, based, current);
  }
}
