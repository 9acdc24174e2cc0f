// Reads from projections wait (bounded) until the projections have applied what the caller
// wrote: up to the position the caller names in `X-Min-Position`, else the store's head, so a
// plain client also sees its own last command.
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EventStore } from '@crystalyse/event-store';
import { APP_CONFIG, EVENT_STORE, PROJECTION_ENGINE } from './tokens.js';
import type { AppConfig } from '../config/app-config.js';

export interface PositionWaiter {
  waitForPosition(position: bigint, timeoutMs: number): Promise<boolean>;
}

@Injectable()
export class ReadYourWrites {
  private readonly logger = new Logger('ReadYourWrites');

  constructor(
    @Inject(PROJECTION_ENGINE) private readonly projections: PositionWaiter,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async settle(minPosition?: string): Promise<void> {
    const position = minPosition && /^\d+$/.test(minPosition) ? BigInt(minPosition) : await this.store.headPosition();
    const reached = await this.projections.waitForPosition(position, this.config.readYourWritesTimeoutMs);
    if (!reached) this.logger.warn(`projections did not reach position ${position} within ${this.config.readYourWritesTimeoutMs} ms; answering from older read models`);
  }
}
