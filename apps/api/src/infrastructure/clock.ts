import { Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';

/** The only place the API reads time and makes ids: commands receive both as inputs. */
@Injectable()
export class Clock {
  now(): string {
    return new Date().toISOString();
  }
  newId(): string {
    return randomUUID();
  }

  /**
   * The id a request creates. With an idempotency key it is derived from the caller and the key,
   * so a repeated request names the same resource and is answered as a replay, not done twice.
   */
  idFor(userId: string, idempotencyKey: string | undefined, purpose: string): string {
    return idempotencyKey ? this.derivedId(userId, idempotencyKey, purpose) : randomUUID();
  }

  /** An id in UUID form that is a function of `parts`: the same parts always name the same resource. */
  derivedId(...parts: string[]): string {
    const hex = createHash('sha256').update(parts.join('\u0000')).digest('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  }
}
