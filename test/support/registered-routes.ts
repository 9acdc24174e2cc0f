// The routes the running application really registered, read from the controllers' metadata
// (not from a hand-kept list), so a test over "every GET" covers routes added later too.
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, SSE_METADATA } from '@nestjs/common/constants.js';
import { ModulesContainer } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';

export interface RegisteredRoute {
  method: RequestMethod;
  /** Without the global prefix and without leading slash, e.g. `sessions/:id/branches/:branchId/state`. */
  path: string;
  /** Answers server-sent events (`@Sse()`): a test cannot wait for its end. */
  sse: boolean;
  controller: string;
  handler: string;
}

const asList = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : value === undefined ? [''] : [String(value)]);
const join = (...parts: string[]) => parts.map((p) => p.replace(/^\/+|\/+$/g, '')).filter(Boolean).join('/');

export function registeredRoutes(app: INestApplication): RegisteredRoute[] {
  const routes: RegisteredRoute[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const metatype = wrapper.metatype as (new (...args: never[]) => unknown) | undefined;
      if (!metatype) continue;
      const prefixes = asList(Reflect.getMetadata(PATH_METADATA, metatype));
      const prototype = metatype.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(prototype)) {
        const handler = prototype[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        const paths = Reflect.getMetadata(PATH_METADATA, handler) as unknown;
        if (method === undefined || paths === undefined) continue;
        for (const prefix of prefixes) {
          for (const path of asList(paths)) {
            routes.push({ method, path: join(prefix, path), sse: Reflect.getMetadata(SSE_METADATA, handler) === true, controller: metatype.name, handler: name });
          }
        }
      }
    }
  }
  return routes;
}

export { RequestMethod };
