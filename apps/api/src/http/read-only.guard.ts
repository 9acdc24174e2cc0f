// On a damaged event store started read-only (infrastructure/store-integrity.ts), every change is
// refused with 503 and the damage named, after authentication and before any handler runs. The
// store refuses writes itself too (it is opened read-only); this answers them uniformly and early.
import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { StoreReadOnly } from '@crystalyse/event-store';
import { STORE_INTEGRITY } from '../infrastructure/tokens.js';
import type { StoreIntegrity } from '../infrastructure/store-integrity.js';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

@Injectable()
export class ReadOnlyGuard implements CanActivate {
  constructor(@Inject(STORE_INTEGRITY) private readonly integrity: StoreIntegrity) {}

  canActivate(context: ExecutionContext): boolean {
    if (this.integrity.readOnly === undefined || context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (READS.has(request.method)) return true;
    throw new StoreReadOnly(this.integrity.readOnly);
  }
}
