// GraphQL at /graphql (code first, @nestjs/graphql on mercurius over the app's Fastify), with
// subscriptions over WebSocket on the same path, GraphiQL at /graphiql unless in production, a
// depth limit (mercurius' queryDepth) and a cost limit (query-cost.ts).
import { Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { MercuriusDriver, type MercuriusDriverConfig } from '@nestjs/mercurius';
import type { FastifyRequest } from 'fastify';
import type { AppConfig } from '../config/app-config.js';
import type { AuthedRequest } from '../http/request-context.js';
import { IdentityService } from '../identity/identity.service.js';
import { APP_CONFIG } from '../infrastructure/tokens.js';
import { LiveModule } from '../live/live.module.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { graphqlOnConnect, graphqlPreHandler } from './graphql-auth.js';
import { GraphqlLoadersFactory, type GraphqlContext } from './graphql-loaders.js';
import { MembersSource } from './members.source.js';
import { assertAffordable } from './query-cost.js';
import { QueryResolver } from './query.resolver.js';
import { DiscoveryLinkFieldsResolver, SessionFieldsResolver, StatisticsFieldsResolver } from './session-fields.resolver.js';
import { SubscriptionResolver } from './subscription.resolver.js';
import { TimeTravel } from './time-travel.service.js';
import { EarlyRoutesErrorHandler } from './early-routes-error-handler.js';

/** What the GraphQL context needs, in a module of its own so GraphQLModule's factory can inject it. */
@Module({
  imports: [SessionsModule],
  providers: [GraphqlLoadersFactory, MembersSource],
  exports: [GraphqlLoadersFactory],
})
export class GraphqlContextModule {}

function minPosition(request: FastifyRequest): string | undefined {
  const header = request.headers['x-min-position'];
  return Array.isArray(header) ? header[0] : header;
}

@Module({
  imports: [
    SessionsModule,
    LiveModule,
    GraphQLModule.forRootAsync<MercuriusDriverConfig>({
      driver: MercuriusDriver,
      imports: [GraphqlContextModule],
      inject: [GraphqlLoadersFactory, IdentityService, APP_CONFIG],
      useFactory: (loaders: GraphqlLoadersFactory, identity: IdentityService, config: AppConfig): MercuriusDriverConfig => ({
        autoSchemaFile: true,
        sortSchema: true,
        path: '/graphql',
        // Errors of field resolvers are mapped as the root fields' are (DomainErrorFilter).
        fieldResolverEnhancers: ['filters'],
        graphiql: config.graphiql,
        queryDepth: config.graphqlLimits.maxDepth,
        hooks: {
          preExecution: async (schema, document, _context, variables) => {
            assertAffordable(schema, document, variables, config.graphqlLimits.maxCost);
          },
        },
        additionalRouteOptions: { preHandler: graphqlPreHandler(identity) },
        context: (request: FastifyRequest): GraphqlContext => ({
          user: (request as AuthedRequest).user!,
          loaders: loaders.create(minPosition(request)),
          minPosition: minPosition(request),
        }),
        subscription: {
          onConnect: async (data: { payload: unknown }) => {
            const authorised = await graphqlOnConnect(identity)(data);
            return authorised ? { ...authorised, loaders: loaders.create() } : false;
          },
        },
      }),
    }),
  ],
  providers: [EarlyRoutesErrorHandler, QueryResolver, SessionFieldsResolver, StatisticsFieldsResolver, DiscoveryLinkFieldsResolver, SubscriptionResolver, TimeTravel],
})
export class GraphqlApiModule {}
