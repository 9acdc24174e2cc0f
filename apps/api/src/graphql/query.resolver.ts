// The root queries. Each one that names a session checks access first, with the one call the
// live feed shares (ReadAccess); the list is the REST list (SessionQueries), so it shows what
// GET /v1/sessions shows. Bad arguments are refused naming the argument, as REST names fields.
import { Args, Context, ID, Int, Query, Resolver } from '@nestjs/graphql';
import { SESSION_STATUSES, SESSION_TYPES, SessionNotFound, ValidationError, sessionView, type SessionStatus, type SessionType as SessionKind } from '@crystalyse/domain';
import { SessionQueries, encodeCursor } from '../sessions/session-queries.service.js';
import type { SessionView } from '../sessions/session.view.js';
import { ReadAccess } from '../live/read-access.js';
import type { GraphqlContext } from './graphql-loaders.js';
import { toDiscoveries, toMaterial, toSession } from './graphql.mappers.js';
import { SessionAtType, SessionConnectionType, SessionDiffType, SessionFilterInput, SessionType, UserType } from './graphql.types.js';
import { TimeTravel } from './time-travel.service.js';

const MAX_PAGE = 100;
/** Text search ranks at most this many sessions; pages walk through them. */
const TEXT_HITS = 100;

const textCursor = (offset: number) => Buffer.from(`text:${offset}`).toString('base64url');
function textOffset(after: string): number {
  const match = /^text:(\d{1,6})$/.exec(Buffer.from(after, 'base64url').toString('utf8'));
  if (!match) throw new ValidationError('after', 'after is not a cursor this query returned');
  return Number(match[1]);
}

@Resolver()
export class QueryResolver {
  constructor(
    private readonly queries: SessionQueries,
    private readonly access: ReadAccess,
    private readonly timeTravel: TimeTravel,
  ) {}

  @Query(() => UserType, { description: 'The caller' })
  me(@Context() ctx: GraphqlContext): UserType {
    return { id: ctx.user.userId, name: ctx.user.name, role: ctx.user.role };
  }

  @Query(() => SessionConnectionType, { description: 'The sessions the caller may read, newest first (by relevance with filter.text)' })
  async sessions(
    @Context() ctx: GraphqlContext,
    @Args('filter', { type: () => SessionFilterInput, nullable: true }) filter: SessionFilterInput | null,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<SessionConnectionType> {
    if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE) throw new ValidationError('first', `first must be from 1 to ${MAX_PAGE}`);
    const status = filter?.status ?? undefined;
    const type = filter?.type ?? undefined;
    if (status !== undefined && !(SESSION_STATUSES as readonly string[]).includes(status)) throw new ValidationError('filter.status', `filter.status must be one of ${SESSION_STATUSES.join(', ')}`);
    if (type !== undefined && !(SESSION_TYPES as readonly string[]).includes(type)) throw new ValidationError('filter.type', `filter.type must be one of ${SESSION_TYPES.join(', ')}`);
    const project = filter?.project ?? undefined;
    const text = filter?.text ?? undefined;

    if (text !== undefined) {
      if (text.length < 1 || text.length > 500) throw new ValidationError('filter.text', 'filter.text must be 1 to 500 characters');
      const offset = after ? textOffset(after) : 0;
      const { items } = await this.queries.search(ctx.user, { q: text, limit: TEXT_HITS }, ctx.minPosition);
      const matching = items.filter((s) => (!status || s.status === status) && (!type || s.type === type) && (!project || s.metadata.project === project));
      const page = matching.slice(offset, offset + first);
      this.prime(ctx, page);
      return {
        edges: page.map((s, i) => ({ cursor: textCursor(offset + i + 1), node: toSession(s) })),
        pageInfo: { hasNextPage: matching.length > offset + first, endCursor: page.length > 0 ? textCursor(offset + page.length) : null },
      };
    }

    const { items, nextCursor } = await this.queries.list(ctx.user, {
      status: status as SessionStatus | undefined,
      type: type as SessionKind | undefined,
      project,
      limit: first,
      cursor: after ?? undefined,
    }, ctx.minPosition);
    this.prime(ctx, items);
    return {
      edges: items.map((s) => ({ cursor: encodeCursor({ createdAt: s.createdAt, id: s.id }), node: toSession(s) })),
      pageInfo: { hasNextPage: nextCursor !== null, endCursor: items.length > 0 ? encodeCursor({ createdAt: items[items.length - 1]!.createdAt, id: items[items.length - 1]!.id }) : null },
    };
  }

  @Query(() => SessionType, { description: 'One session; an unknown one and one the caller may not read are both session_not_found' })
  async session(@Context() ctx: GraphqlContext, @Args('id', { type: () => ID }) id: string): Promise<SessionType> {
    await this.access.assertCanRead(id, ctx.user.userId);
    const view = await ctx.loaders.sessions.load(id);
    if (!view) throw new SessionNotFound(id);
    return toSession(view);
  }

  @Query(() => SessionAtType, { description: 'The session as it was at a revision or an instant (give one; the head when neither)' })
  async sessionAt(
    @Context() ctx: GraphqlContext,
    @Args('id', { type: () => ID }) id: string,
    @Args('revision', { type: () => Int, nullable: true }) revision: number | null,
    @Args('instant', { type: () => String, nullable: true }) instant: string | null,
  ): Promise<SessionAtType> {
    await this.access.assertCanRead(id, ctx.user.userId);
    if (revision !== null && revision !== undefined && instant !== null && instant !== undefined) throw new ValidationError('revision', 'give revision or instant, not both');
    const at = revision !== null && revision !== undefined ? { revision } : instant !== null && instant !== undefined ? { instant } : undefined;
    const { state, revision: atRevision } = await this.timeTravel.stateAt(id, at, at && 'instant' in at ? 'instant' : 'revision');
    return {
      id,
      atRevision,
      name: state.governance.name,
      status: state.governance.status,
      updatedAt: state.governance.updatedAt,
      turnCount: state.workspace.conversation.size,
      discoveries: toDiscoveries(state, id),
      materials: state.workspace.materials.map(toMaterial),
      state: sessionView(state),
    };
  }

  @Query(() => SessionDiffType, { description: 'What changed between two points (revision numbers or ISO instants), part by part' })
  async diff(
    @Context() ctx: GraphqlContext,
    @Args('id', { type: () => ID }) id: string,
    @Args('from', { type: () => String }) from: string,
    @Args('to', { type: () => String }) to: string,
  ): Promise<SessionDiffType> {
    await this.access.assertCanRead(id, ctx.user.userId);
    const result = await this.timeTravel.diff(id, { text: from }, { text: to });
    return { id, ...result };
  }

  /** A page's documents are the loader's: nested fields of these sessions read nothing again. */
  private prime(ctx: GraphqlContext, views: SessionView[]): void {
    for (const view of views) ctx.loaders.sessions.prime(view.id, view);
  }
}
