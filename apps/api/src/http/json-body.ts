// JSON request bodies, nested at most MAX_JSON_DEPTH levels. Validators, class-transformer and
// the domain walk bodies recursively, so a deeper body would overflow the stack (a 500): the text
// is measured before it is parsed, in one pass without recursion, and refused with a 400 that
// names the limit. Parsing itself stays Fastify's (it refuses `__proto__` keys).
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ValidationError } from '@crystalyse/domain';

export const MAX_JSON_DEPTH = 64;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const [OPEN_ARRAY, CLOSE_ARRAY, OPEN_OBJECT, CLOSE_OBJECT] = [0x5b, 0x5d, 0x7b, 0x7d];

/** Whether JSON text nests arrays and objects deeper than `limit`; stops at the first level past it. */
export function nestedDeeperThan(text: Uint8Array, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const byte = text[i]!;
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) {
      inString = true;
    } else if (byte === OPEN_ARRAY || byte === OPEN_OBJECT) {
      if (++depth > limit) return true;
    } else if (byte === CLOSE_ARRAY || byte === CLOSE_OBJECT) {
      depth--;
    }
  }
  return false;
}

type Done = (error: Error | null, body?: unknown) => void;

/** Replaces the JSON body parser on every route, the import included (call before init). */
export function limitJsonDepth(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance() as FastifyInstance;
  app.useBodyParser('application/json', {}, (request: FastifyRequest, body: Buffer, done: Done) => {
    if (nestedDeeperThan(body, MAX_JSON_DEPTH)) {
      done(new ValidationError('body', `JSON nested deeper than ${MAX_JSON_DEPTH} levels`));
      return;
    }
    const { onProtoPoisoning, onConstructorPoisoning } = fastify.initialConfig;
    fastify.getDefaultJsonParser(onProtoPoisoning ?? 'error', onConstructorPoisoning ?? 'error')(request, body.toString('utf8'), done);
  });
}
