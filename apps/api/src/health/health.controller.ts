import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { EventStore } from '@crystalyse/event-store';
import { Public } from '../http/auth.guard.js';
import { EVENT_STORE } from '../infrastructure/tokens.js';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Public()
  @Get()
  @ApiOperation({ summary: 'Liveness and the event store head position' })
  async health(): Promise<{ status: 'ok'; position: string }> {
    return { status: 'ok', position: (await this.store.headPosition()).toString() };
  }
}
