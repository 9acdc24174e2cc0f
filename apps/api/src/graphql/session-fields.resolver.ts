// The fields of a Session beyond its document. The session was authorised where it was found (the
// list's filter, or session(id)'s access check); these read through the request's loaders: the
// read models in one batched read per page, the state once per session per request.
import { Args, Context, Extensions, Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { sessionStatistics, ValidationError, type SessionState } from '@crystalyse/domain';
import { Clock } from '../infrastructure/clock.js';
import type { GraphqlContext } from './graphql-loaders.js';
import { statisticsOf, toBranch, toCheckpoint, toDiscoveries, toLink, toMaterial, toTurn } from './graphql.mappers.js';
import {
  BranchType,
  CheckpointType,
  ContributionType,
  DiscoveryLinkType,
  DiscoveryType,
  MaterialType,
  MemberType,
  SessionStatisticsType,
  SessionType,
  STATE_COST,
  TokenUsageType,
  ToolUsageType,
  TurnPageType,
} from './graphql.types.js';

async function stateOf(ctx: GraphqlContext, sessionId: string): Promise<SessionState> {
  const loaded = await ctx.loaders.state.load(sessionId);
  return loaded.state;
}

@Resolver(() => SessionType)
export class SessionFieldsResolver {
  constructor(private readonly clock: Clock) {}

  @ResolveField('statistics', () => SessionStatisticsType)
  statistics(@Parent() session: SessionType): SessionStatisticsType {
    return statisticsOf(session, this.clock.now());
  }

  @Extensions({ cost: STATE_COST })
  @ResolveField('history', () => TurnPageType, { description: 'Conversation turns, the newest page by default (last: 50); `before` a turn index' })
  async history(
    @Parent() session: SessionType,
    @Context() ctx: GraphqlContext,
    @Args('last', { type: () => Int, nullable: true, defaultValue: 50 }) last: number,
    @Args('before', { type: () => Int, nullable: true }) before: number | null,
  ): Promise<TurnPageType> {
    if (!Number.isInteger(last) || last < 1 || last > 500) throw new ValidationError('last', 'last must be from 1 to 500');
    if (before !== null && before !== undefined && (!Number.isInteger(before) || before < 0)) throw new ValidationError('before', 'before must be a turn index from 0 up');
    const conversation = (await stateOf(ctx, session.id)).workspace.conversation;
    const total = conversation.size;
    const end = before === null || before === undefined ? total : Math.min(before, total);
    const start = Math.max(0, end - last);
    const page = end === total ? conversation.lastN(end - start) : conversation.values().slice(start, end);
    return { total, items: page.map((turn, i) => toTurn(turn, start + i)), nextBefore: start > 0 ? start : null };
  }

  @Extensions({ cost: STATE_COST })
  @ResolveField('discoveries', () => [DiscoveryType], { description: 'Discoveries, each with the links it takes part in' })
  async discoveries(@Parent() session: SessionType, @Context() ctx: GraphqlContext): Promise<DiscoveryType[]> {
    return toDiscoveries(await stateOf(ctx, session.id), session.id);
  }

  @Extensions({ cost: STATE_COST })
  @ResolveField('discoveryLinks', () => [DiscoveryLinkType])
  async discoveryLinks(@Parent() session: SessionType, @Context() ctx: GraphqlContext): Promise<DiscoveryLinkType[]> {
    return (await stateOf(ctx, session.id)).workspace.discoveryLinks.map((l) => toLink(l, session.id));
  }

  @Extensions({ cost: STATE_COST })
  @ResolveField('materials', () => [MaterialType])
  async materials(@Parent() session: SessionType, @Context() ctx: GraphqlContext): Promise<MaterialType[]> {
    return (await stateOf(ctx, session.id)).workspace.materials.map(toMaterial);
  }

  @ResolveField('checkpoints', () => [CheckpointType])
  async checkpoints(@Parent() session: SessionType, @Context() ctx: GraphqlContext): Promise<CheckpointType[]> {
    return (await ctx.loaders.checkpoints.load(session.id)).map(toCheckpoint);
  }

  @ResolveField('branches', () => [BranchType], { description: 'The branch graph: every fork (parent, fork revision) and its merges' })
  async branches(@Parent() session: SessionType, @Context() ctx: GraphqlContext): Promise<BranchType[]> {
    return (await ctx.loaders.branches.load(session.id)).map(toBranch);
  }

  @ResolveField('members', () => [MemberType], { description: 'Who may use the session (the owner until members are recorded)' })
  members(@Parent() session: SessionType, @Context() ctx: GraphqlContext): Promise<MemberType[]> {
    return ctx.loaders.members.load(session);
  }

  @ResolveField('contributions', () => [ContributionType], { description: 'Who changed the session, and how much' })
  contributions(@Parent() session: SessionType, @Context() ctx: GraphqlContext): Promise<ContributionType[]> {
    return ctx.loaders.contributions.load(session);
  }
}

/** The statistics that need the session's state: the turns by status, tool usage, tokens. */
@Resolver(() => SessionStatisticsType)
export class StatisticsFieldsResolver {
  constructor(private readonly clock: Clock) {}

  private async full(stats: SessionStatisticsType, ctx: GraphqlContext) {
    return sessionStatistics(await stateOf(ctx, stats.sessionId), this.clock.now());
  }

  @ResolveField('pendingCount', () => Int)
  async pendingCount(@Parent() stats: SessionStatisticsType, @Context() ctx: GraphqlContext) {
    return (await this.full(stats, ctx)).pendingCount;
  }

  @ResolveField('answeredCount', () => Int)
  async answeredCount(@Parent() stats: SessionStatisticsType, @Context() ctx: GraphqlContext) {
    return (await this.full(stats, ctx)).answeredCount;
  }

  @ResolveField('failedCount', () => Int)
  async failedCount(@Parent() stats: SessionStatisticsType, @Context() ctx: GraphqlContext) {
    return (await this.full(stats, ctx)).failedCount;
  }

  @ResolveField('toolUsage', () => [ToolUsageType])
  async toolUsage(@Parent() stats: SessionStatisticsType, @Context() ctx: GraphqlContext): Promise<ToolUsageType[]> {
    return Object.entries((await this.full(stats, ctx)).toolUsage).map(([tool, count]) => ({ tool, count }));
  }

  @ResolveField('tokens', () => TokenUsageType)
  async tokens(@Parent() stats: SessionStatisticsType, @Context() ctx: GraphqlContext): Promise<TokenUsageType> {
    return (await this.full(stats, ctx)).tokens;
  }
}

/** A link's discoveries: the graph can be walked (as deep as the depth limit allows). */
@Resolver(() => DiscoveryLinkType)
export class DiscoveryLinkFieldsResolver {
  @Extensions({ cost: STATE_COST })
  @ResolveField('discoveries', () => [DiscoveryType], { description: 'The discoveries the link joins' })
  async discoveries(@Parent() link: DiscoveryLinkType, @Context() ctx: GraphqlContext): Promise<DiscoveryType[]> {
    if (!link.sessionId) return [];
    const all = toDiscoveries(await stateOf(ctx, link.sessionId), link.sessionId);
    return link.discoveryIds.map((id) => all.find((d) => d.id === id)).filter((d): d is DiscoveryType => d !== undefined);
  }
}
