// The GraphQL schema, code first: object types over the read models and the session's state.
// Every field says its GraphQL type explicitly (no reliance on emitted design types, which
// isolatedModules cannot always give). `cost` extensions weigh the fields that load a session's
// state from its stream (see query-cost.ts); the rest are read from documents, in batches.
import { Extensions, Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { JsonScalar } from './json.scalar.js';

/** What loading one session's state costs, against 1 for a field read from a document. */
export const STATE_COST = 10;

@ObjectType('User', { description: 'The caller' })
export class UserType {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { description: 'owner, admin or member' }) role!: string;
}

@ObjectType('SessionCounts')
export class SessionCountsType {
  @Field(() => Int) queries!: number;
  @Field(() => Int) materials!: number;
  @Field(() => Int, { description: 'Discoveries not rejected' }) discoveries!: number;
  @Field(() => Int) contextItems!: number;
  @Field(() => Int) hypotheses!: number;
  @Field(() => Int) tasks!: number;
  @Field(() => Int) openTasks!: number;
  @Field(() => Int) checkpoints!: number;
}

@ObjectType('TokenUsage')
export class TokenUsageType {
  @Field(() => Int) promptTokens!: number;
  @Field(() => Int) completionTokens!: number;
  @Field(() => Int) totalTokens!: number;
}

@ObjectType('ToolUsage')
export class ToolUsageType {
  @Field(() => String) tool!: string;
  @Field(() => Int) count!: number;
}

@ObjectType('SessionStatistics', {
  description: 'The counts come from the session document (batched for a page of sessions); answered/failed counts, tool usage and tokens fold the session\'s state',
})
export class SessionStatisticsType {
  /** Not a field: which session the state-backed fields load. */
  sessionId!: string;
  @Field(() => Float) durationMinutes!: number;
  @Field(() => Int) queryCount!: number;
  @Field(() => Int) materialCount!: number;
  @Field(() => Int) discoveryCount!: number;
  @Field(() => Int) checkpointCount!: number;
  @Field(() => Int) contextItemCount!: number;
  @Field(() => Int) hypothesisCount!: number;
  @Field(() => Int) openTaskCount!: number;
  @Extensions({ cost: STATE_COST }) @Field(() => Int) pendingCount?: number;
  @Extensions({ cost: STATE_COST }) @Field(() => Int) answeredCount?: number;
  @Extensions({ cost: STATE_COST }) @Field(() => Int) failedCount?: number;
  @Extensions({ cost: STATE_COST }) @Field(() => [ToolUsageType]) toolUsage?: ToolUsageType[];
  @Extensions({ cost: STATE_COST }) @Field(() => TokenUsageType) tokens?: TokenUsageType;
}

@ObjectType('Turn', { description: 'One question and what became of it' })
export class TurnType {
  @Field(() => Int) index!: number;
  @Field(() => ID) id!: string;
  @Field(() => String) question!: string;
  @Field(() => String, { nullable: true }) answer!: string | null;
  @Field(() => String, { description: 'pending, answered or failed' }) status!: string;
  @Field(() => String) askedAt!: string;
  @Field(() => String, { nullable: true }) answeredAt!: string | null;
  @Field(() => String, { nullable: true }) model!: string | null;
  @Field(() => Boolean, { nullable: true }) offline!: boolean | null;
  @Field(() => Int, { nullable: true }) latencyMs!: number | null;
  @Field(() => TokenUsageType, { nullable: true }) usage!: TokenUsageType | null;
  @Field(() => [String]) materials!: string[];
  @Field(() => [String]) toolInvocationIds!: string[];
  @Field(() => JsonScalar, { nullable: true }) analysis!: unknown;
  @Field(() => JsonScalar, { nullable: true }) failure!: unknown;
  @Field(() => String, { nullable: true, description: 'The branch it was merged from' }) originBranchId!: string | null;
}

@ObjectType('TurnPage')
export class TurnPageType {
  @Field(() => Int) total!: number;
  @Field(() => [TurnType]) items!: TurnType[];
  @Field(() => Int, { nullable: true, description: 'Pass as `before` for the page before this one' }) nextBefore!: number | null;
}

@ObjectType('DiscoveryLink')
export class DiscoveryLinkType {
  /** Not a field: the session whose discoveries `discoveries` resolves. */
  sessionId?: string;
  @Field(() => ID) id!: string;
  @Field(() => [String]) discoveryIds!: string[];
  @Field(() => String) relationship!: string;
  @Field(() => String, { nullable: true }) notes!: string | null;
  @Field(() => String) at!: string;
}

@ObjectType('Discovery')
export class DiscoveryType {
  @Field(() => ID) id!: string;
  @Field(() => String) category!: string;
  @Field(() => String) description!: string;
  @Field(() => [String]) materials!: string[];
  @Field(() => Float) confidence!: number;
  @Field(() => String, { description: 'detected or recorded' }) origin!: string;
  @Field(() => String) status!: string;
  @Field(() => [String]) tags!: string[];
  @Field(() => Boolean) pinned!: boolean;
  @Field(() => String) at!: string;
  @Field(() => JsonScalar) evidence!: unknown;
  @Field(() => JsonScalar, { nullable: true }) review!: unknown;
  @Field(() => [DiscoveryLinkType], { description: 'The links this discovery takes part in' }) links!: DiscoveryLinkType[];
}

@ObjectType('Material')
export class MaterialType {
  @Field(() => ID) id!: string;
  @Field(() => String) formula!: string;
  @Field(() => String, { nullable: true }) name!: string | null;
  @Field(() => JsonScalar) properties!: unknown;
  @Field(() => String) source!: string;
  @Field(() => Int) mentions!: number;
  @Field(() => String) firstSeenAt!: string;
  @Field(() => String) lastSeenAt!: string;
  @Field(() => String) lastQueryId!: string;
  @Field(() => String, { nullable: true }) originBranchId!: string | null;
}

@ObjectType('Checkpoint')
export class CheckpointType {
  @Field(() => String) name!: string;
  @Field(() => Int, { description: 'The session revision it marks' }) revision!: number;
  @Field(() => String) savedAt!: string;
  @Field(() => String) savedBy!: string;
  @Field(() => Int) restoredCount!: number;
  @Field(() => String, { nullable: true }) lastRestoredAt!: string | null;
}

@ObjectType('BranchMerge', { description: 'A merge of the branch into its parent' })
export class BranchMergeType {
  @Field(() => Int) branchRevision!: number;
  @Field(() => String) strategy!: string;
  @Field(() => String) at!: string;
}

@ObjectType('Branch', { description: 'A fork of the session (parentBranchId null) or of a branch, at forkRevision of its parent' })
export class BranchType {
  @Field(() => ID) branchId!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) parentBranchId!: string | null;
  @Field(() => Int) forkRevision!: number;
  @Field(() => String, { nullable: true }) fromCheckpoint!: string | null;
  @Field(() => String, { description: 'open, merged or discarded' }) status!: string;
  @Field(() => String) createdAt!: string;
  @Field(() => String, { nullable: true }) createdBy!: string | null;
  @Field(() => [BranchMergeType]) merges!: BranchMergeType[];
  @Field(() => Boolean, { description: 'The ref came with an import: the branch stream stayed with the original' }) imported!: boolean;
}

@ObjectType('Member')
export class MemberType {
  @Field(() => ID) userId!: string;
  @Field(() => String) role!: string;
  @Field(() => [String]) permissions!: string[];
}

@ObjectType('Contribution')
export class ContributionType {
  @Field(() => ID) userId!: string;
  @Field(() => Int) queries!: number;
  @Field(() => Int) discoveries!: number;
  @Field(() => Int) materials!: number;
  @Field(() => Int) comments!: number;
  @Field(() => Int) signatures!: number;
  @Field(() => String, { nullable: true }) lastAt!: string | null;
}

@ObjectType('Session')
export class SessionType {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => String) type!: string;
  @Field(() => String) status!: string;
  @Field(() => ID) ownerId!: string;
  @Field(() => String, { nullable: true, description: 'metadata.project' }) project!: string | null;
  @Field(() => JsonScalar) metadata!: Record<string, unknown>;
  @Field(() => String) createdAt!: string;
  @Field(() => String) updatedAt!: string;
  @Field(() => Int) revision!: number;
  @Field(() => SessionCountsType) counts!: SessionCountsType;
  // Resolved by SessionFieldsResolver:
  // statistics, history, discoveries, discoveryLinks, materials, checkpoints, branches, members, contributions.
}

@ObjectType('SessionEdge')
export class SessionEdgeType {
  @Field(() => String) cursor!: string;
  @Field(() => SessionType) node!: SessionType;
}

@ObjectType('PageInfo')
export class PageInfoType {
  @Field(() => Boolean) hasNextPage!: boolean;
  @Field(() => String, { nullable: true }) endCursor!: string | null;
}

@ObjectType('SessionConnection')
export class SessionConnectionType {
  @Field(() => [SessionEdgeType]) edges!: SessionEdgeType[];
  @Field(() => PageInfoType) pageInfo!: PageInfoType;
}

@InputType('SessionFilter')
export class SessionFilterInput {
  @Field(() => String, { nullable: true, description: 'created, active, paused or archived' }) status?: string;
  @Field(() => String, { nullable: true, description: 'interactive, batch, research or collaborative' }) type?: string;
  @Field(() => String, { nullable: true }) project?: string;
  @Field(() => String, { nullable: true, description: 'Full-text search over names, metadata, questions and discoveries: results by relevance' }) text?: string;
}

@ObjectType('SessionAt', { description: 'The session as it was after the event at atRevision' })
export class SessionAtType {
  @Field(() => ID) id!: string;
  @Field(() => Int, { description: '-1: before its first event' }) atRevision!: number;
  @Field(() => String) name!: string;
  @Field(() => String) status!: string;
  @Field(() => String) updatedAt!: string;
  @Field(() => Int) turnCount!: number;
  @Field(() => [DiscoveryType]) discoveries!: DiscoveryType[];
  @Field(() => [MaterialType]) materials!: MaterialType[];
  @Field(() => JsonScalar, { description: 'The whole state, as GET /v1/sessions/:id/state shows it' }) state!: unknown;
}

@ObjectType('SessionDiff')
export class SessionDiffType {
  @Field(() => ID) id!: string;
  @Field(() => Int) from!: number;
  @Field(() => Int) to!: number;
  @Field(() => JsonScalar, { description: 'Part by part: added, removed, changed (as GET /v1/sessions/:id/diff)' }) diff!: unknown;
}

@ObjectType('SessionEvent', { description: 'A recorded event of the session or one of its branches' })
export class SessionEventType {
  @Field(() => ID, { description: 'Global position in $all: pass as `after` to resume' }) position!: string;
  @Field(() => ID) eventId!: string;
  @Field(() => String) type!: string;
  @Field(() => String) streamId!: string;
  @Field(() => Int) revision!: number;
  @Field(() => ID) sessionId!: string;
  @Field(() => ID, { nullable: true }) branchId!: string | null;
  @Field(() => String) created!: string;
  @Field(() => JsonScalar) data!: unknown;
  @Field(() => JsonScalar) metadata!: unknown;
}
