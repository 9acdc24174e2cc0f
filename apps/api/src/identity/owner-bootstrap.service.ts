import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../infrastructure/tokens.js';
import { bootstrapOwner } from './bootstrap-owner.js';
import { IdentityService } from './identity.service.js';

/** Called by main.ts after the server listens, so the key is printed below the URLs. */
@Injectable()
export class OwnerBootstrap {
  constructor(
    private readonly identity: IdentityService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  ensureOwner(print: (line: string) => void = console.log): Promise<string | null> {
    return bootstrapOwner(this.identity, this.config.dataDir, print);
  }
}
