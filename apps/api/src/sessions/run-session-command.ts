// The one write path of a session and its branches: every workspace command goes through this
// handler. Several commands from one request are decided in order and appended together, so a
// request never half-applies. With an `If-Match` revision they are decided as concurrent changes
// (rebased, or refused with the conflicting fields); without one, a lost race is retried.
import { CommandHandler, type ICommandHandler, Command } from '@nestjs/cqrs';
import { assertCanRead, branchStream, decideConcurrent, sessionDecider, sessionStream, stateAtRevision, type SessionCommand, type SessionEvent, type SessionState } from '@crystalyse/domain';
import { WrongExpectedVersion, type Decider, type HandleResult } from '@crystalyse/event-store';
import { CommandRunner } from '../infrastructure/command-runner.js';
import { commandContext, type RequestContext } from '../http/request-context.js';
import { BranchLoader } from '../branches/branch-loader.js';
import type { WorkspaceTarget } from '../branches/workspace-target.js';
import { SessionEvents, toDomainEvents } from './session-events.service.js';
import { SESSION_SNAPSHOTS } from './session-snapshots.js';
import { SessionTimeline } from './session-timeline.service.js';

export class RunSessionCommand extends Command<HandleResult<SessionState, SessionEvent>> {
  constructor(
    /** May be empty: a request that found nothing to do still answers (and records) its key. */
    readonly commands: SessionCommand[],
    readonly ctx: RequestContext,
    readonly target: WorkspaceTarget,
    readonly at: string,
  ) {
    super();
  }
}

type Decide = (command: SessionCommand, state: SessionState) => SessionEvent[];
type SessionNow = { state: SessionState; revision: bigint };

/** Decides each command on the state the previous ones left (the writer folds the last one's). */
function decideInOrder(decide: Decide): Decider<SessionCommand[], SessionEvent, SessionState>['decide'] {
  return (commands, state) => {
    const events: SessionEvent[] = [];
    let current = state;
    commands.forEach((command, i) => {
      const decided = decide(command, current);
      events.push(...decided);
      if (i < commands.length - 1) current = decided.reduce(sessionDecider.evolve, current);
    });
    return events;
  };
}

@CommandHandler(RunSessionCommand)
export class RunSessionCommandHandler implements ICommandHandler<RunSessionCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly events: SessionEvents,
    private readonly branches: BranchLoader,
    private readonly timeline: SessionTimeline,
  ) {}

  async execute({ commands, ctx, target, at }: RunSessionCommand) {
    // Empty for a request that found nothing to do: it still goes through, so its key is recorded.
    const first = commands[0];
    const context = commandContext(ctx, at);
    const now = await this.authorise(target, first, ctx);
    const base = now && target.branchId ? await this.branchBase(now.state, target as Required<WorkspaceTarget>, first) : null;
    const decide = ctx.basedOnRevision === undefined ? sessionDecider.decide : await this.concurrentDecide(target, base, ctx.basedOnRevision, now);
    const decider = { ...sessionDecider, ...(base ? { initialState: () => base } : {}), decide: decideInOrder(decide) };
    if (target.branchId) return this.runner.run(branchStream(target.branchId), decider, commands, { context, uncached: true });
    const expectedRevision = first?.type === 'CreateSession' ? ('no_stream' as const) : undefined;
    return this.runner.run(sessionStream(target.sessionId), decider, commands, { context, expectedRevision, snapshot: SESSION_SNAPSHOTS });
  }

  /**
   * Whoever may not see the session is refused before the branch is looked up or If-Match is
   * compared: either would tell them something, and decide checks access only after both.
   * Gives the session now (state and revision) when it was loaded for that (always for a branch,
   * and with If-Match).
   */
  private async authorise(target: WorkspaceTarget, first: SessionCommand | undefined, ctx: RequestContext): Promise<SessionNow | null> {
    const checkFirst = target.branchId !== undefined || (ctx.basedOnRevision !== undefined && first?.type !== 'CreateSession');
    if (!checkFirst) return null;
    const now = await this.events.sessionNow(target.sessionId);
    assertCanRead(now.state, target.sessionId, ctx.user.userId);
    return now;
  }

  /** A branch folds from the session's governance now and the parent's workspace at the fork. */
  private branchBase(sessionNow: SessionState, target: Required<WorkspaceTarget>, first: SessionCommand | undefined): Promise<SessionState> {
    // The fork itself starts the branch stream, so its base comes from the parent.
    if (first?.type === 'ForkBranch') return this.branches.baseFor(sessionNow, target.sessionId, first.data);
    return this.branches.baseOf(sessionNow, target.sessionId, target.branchId);
  }

  /**
   * Decides against the state now, knowing the state the caller based its change on. On the
   * main line that state comes from the timeline (or is the state now, when the caller is up to
   * date), so it costs what the state holds, not the history; a branch, short-lived, is folded.
   */
  private async concurrentDecide(target: WorkspaceTarget, base: SessionState | null, basedOn: bigint, loaded: SessionNow | null): Promise<Decide> {
    if (!target.branchId) {
      const now = loaded ?? (await this.events.sessionNow(target.sessionId));
      if (basedOn > now.revision) throw new WrongExpectedVersion(sessionStream(target.sessionId), basedOn, now.revision);
      const based = basedOn === now.revision ? now.state : await this.timeline.stateAt(target.sessionId, Number(basedOn));
      return (command, current) => decideConcurrent(command, based, current);
    }
    const history = toDomainEvents(await this.events.recorded(target));
    if (basedOn >= BigInt(history.length)) throw new WrongExpectedVersion(branchStream(target.branchId), basedOn, BigInt(history.length - 1));
    const based = stateAtRevision(history, basedOn, base ?? undefined);
    return (command, current) => decideConcurrent(command, based, current);
  }
}
