// sessionEvents(id, after): the live feed of a session and its branches over WebSocket, with the
// same access rule (checked first, and again after each event of the session's own stream) and
// the same resume-by-position as the SSE stream.
import { Inject } from '@nestjs/common';
import { Args, Context, ID, Resolver, Subscription } from '@nestjs/graphql';
import { ValidationError } from '@crystalyse/domain';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../infrastructure/tokens.js';
import { LiveEventHub, type LiveEvent } from '../live/live-event-hub.js';
import { liveIterator } from '../live/live-iterator.js';
import { ReadAccess } from '../live/read-access.js';
import type { GraphqlContext } from './graphql-loaders.js';
import { toSessionEvent } from './graphql.mappers.js';
import { SessionEventType } from './graphql.types.js';

@Resolver()
export class SubscriptionResolver {
  constructor(
    private readonly hub: LiveEventHub,
    private readonly access: ReadAccess,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Subscription(() => SessionEventType, {
    description: 'Every new event of the session and its branches; `after` (a position) resumes without loss',
    resolve: (payload: LiveEvent) => toSessionEvent(payload.event, payload.sessionId, payload.branchId),
  })
  async sessionEvents(
    @Context() ctx: GraphqlContext,
    @Args('id', { type: () => ID }) id: string,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ) {
    const userId = ctx.user.userId;
    await this.access.assertCanRead(id, userId);
    if (after !== null && after !== undefined && !/^\d{1,19}$/.test(after)) throw new ValidationError('after', 'after must be an event\'s position');
    return liveIterator(this.hub, {
      after: after === null || after === undefined ? null : BigInt(after),
      maxQueued: this.config.liveEvents.maxQueuedEvents,
      accept: async (event, live) => {
        if (event.sessionId !== id) return 'skip';
        if (live && event.branchId === null && !(await this.access.canRead(id, userId))) return 'end';
        return 'send';
      },
    });
  }
}
