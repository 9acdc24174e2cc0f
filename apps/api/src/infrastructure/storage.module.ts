// The ports as Nest providers, opened once and closed on shutdown (projections first, so the
// last batch is flushed before the stores close).
import { Global, Inject, Logger, Module, type DynamicModule, type OnApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { ProjectionEngine, allProjections } from '@crystalyse/read-models';
import { DOMAIN_UPCASTERS } from '@crystalyse/domain';
import type { AppConfig } from '../config/app-config.js';
import { openStorage, type Storage } from './storage.js';
import { APP_CONFIG, DOCUMENT_STORE, EVENT_STORE, PROJECTION_ENGINE, STORE_INTEGRITY } from './tokens.js';

const STORAGE = Symbol('STORAGE');

@Global()
@Module({})
export class StorageModule implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Storage');

  constructor(
    @Inject(STORAGE) private readonly storage: Storage,
    @Inject(PROJECTION_ENGINE) private readonly engine: ProjectionEngine,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: StorageModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: STORAGE, useFactory: () => openStorage(config) },
        { provide: EVENT_STORE, useFactory: (s: Storage) => s.eventStore, inject: [STORAGE] },
        { provide: DOCUMENT_STORE, useFactory: (s: Storage) => s.documentStore, inject: [STORAGE] },
        { provide: STORE_INTEGRITY, useFactory: (s: Storage) => s.integrity, inject: [STORAGE] },
        {
          provide: PROJECTION_ENGINE,
          useFactory: (s: Storage) => new ProjectionEngine(s.eventStore, s.documentStore, allProjections(), { logger: new Logger('Projections'), upcasters: DOMAIN_UPCASTERS }),
          inject: [STORAGE],
        },
      ],
      exports: [APP_CONFIG, EVENT_STORE, DOCUMENT_STORE, PROJECTION_ENGINE, STORE_INTEGRITY],
    };
  }

  async onApplicationBootstrap(): Promise<void> {
    this.logger.log(this.storage.description);
    if (this.config.runProjections) await this.engine.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.engine.stop();
    await this.storage.eventStore.close();
    await this.storage.documentStore.close();
    this.logger.log('stores closed');
  }
}
