import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { EventStore, IntegrityProblem } from '@crystalyse/event-store';
import { Public } from '../http/auth.guard.js';
import { EVENT_STORE, STORE_INTEGRITY } from '../infrastructure/tokens.js';
import type { StoreIntegrity } from '../infrastructure/store-integrity.js';

export interface Health {
  /** `damaged`: the start-up check found the event store damaged (see `storage`). */
  status: 'ok' | 'damaged';
  position: string;
  storage?: { file: string; readOnly: boolean; message?: string; problems: IntegrityProblem[] };
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(STORE_INTEGRITY) private readonly integrity: StoreIntegrity,
  ) {}

  @Public()
  @Get()
  @ApiOperation({ summary: 'Liveness, the event store head position, and any damage the start-up check found' })
  async health(): Promise<Health> {
    const { report, readOnly } = this.integrity;
    if (!report || report.ok) return { status: 'ok', position: (await this.store.headPosition()).toString() };
    const position = await this.store.headPosition().then(String, () => 'unknown');
    return { status: 'damaged', position, storage: { file: report.file, readOnly: readOnly !== undefined, message: readOnly, problems: report.problems } };
  }
}
