// Keeps Nest's error handling on the REST routes once GraphQL is registered.
//
// Fastify gives each route the error handler its instance has when the route's registration
// completes. Nest declares its routes, then runs onModuleInit (where @nestjs/mercurius does
// `await fastify.register(mercurius)`, which completes every registration queued so far), and only
// then installs its exception layer with setErrorHandler. So the REST routes would keep Fastify's
// default handler: an error before the handler (a body the JSON parser refuses, a 415) would be a
// bare 500 instead of the API's error body. This gives each route of the root instance a handler
// that asks the root's current one at the time of the error, which is Nest's by then. Routes of
// plugins (mercurius' own, with its GraphQL error handler) are left as they are.
import { Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

@Injectable()
export class EarlyRoutesErrorHandler {
  constructor(adapterHost: HttpAdapterHost) {
    const fastify = adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.addHook('onRoute', function (this: FastifyInstance, route) {
      if (this !== fastify || route.errorHandler) return;
      route.errorHandler = (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => fastify.errorHandler.call(fastify, error, request, reply);
    });
  }
}
