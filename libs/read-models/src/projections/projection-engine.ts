// Runs the product's projections side by side: creates their indexes, starts one runner each,
// answers read-your-writes across all of them, and rebuilds one on demand.
import type { EventStore } from '@crystalyse/event-store';
import type { DocumentStore } from '../document-store.port.js';
import { readDeadLetters, type DeadLetters } from './dead-letters.js';
import { collectionsOf, isStateful, type AnyProjection } from './projection.js';
import { defaultOwner, ProjectionRunner, type ProjectionRunnerOptions, type RunnerState } from './projection-runner.js';
import type { RebuildResult } from './rebuild-progress.js';

export type ProjectionEngineOptions = Omit<ProjectionRunnerOptions, 'eventStore' | 'store'>;

export interface ProjectionStatus {
  name: string;
  state: RunnerState;
  position: bigint;
  lastError?: string;
}

export class ProjectionEngine {
  private readonly runners = new Map<string, ProjectionRunner>();
  private started = false;

  constructor(
    private readonly eventStore: EventStore,
    private readonly store: DocumentStore,
    projections: AnyProjection[],
    options: ProjectionEngineOptions = {},
  ) {
    const collections = new Set<string>();
    const owner = options.owner ?? defaultOwner();
    for (const projection of projections) {
      if (this.runners.has(projection.name)) throw new Error(`Projection ${projection.name} registered twice`);
      // A reset empties the projection's collection: sharing one would wipe another's documents.
      for (const collection of collectionsOf(projection)) {
        if (collections.has(collection)) throw new Error(`Collection ${collection} is used by two projections`);
        collections.add(collection);
      }
      this.runners.set(projection.name, new ProjectionRunner(projection, { ...options, owner, eventStore, store }));
    }
  }

  get names(): string[] {
    return [...this.runners.keys()];
  }

  runner(name: string): ProjectionRunner {
    const runner = this.runners.get(name);
    if (!runner) throw new Error(`Unknown projection ${name}; known: ${this.names.join(', ')}`);
    return runner;
  }

  /** Creates every projection's indexes (idempotent). Readers may call it without starting. */
  async ensureIndexes(): Promise<void> {
    for (const { projection } of this.runners.values()) await this.ensureIndexesOf(projection);
  }

  private async ensureIndexesOf(projection: AnyProjection): Promise<void> {
    const specs = isStateful(projection) ? (projection.indexes ?? []) : (projection.indexes ?? []).map((spec) => ({ collection: projection.collection, spec }));
    for (const { collection, spec } of specs) await this.store.collection(collection).createIndex(spec);
  }

  async start(): Promise<void> {
    if (this.started) return;
    await this.ensureIndexes();
    for (const runner of this.runners.values()) runner.start();
    this.started = true;
  }

  async stop(): Promise<void> {
    await Promise.all([...this.runners.values()].map((runner) => runner.stop()));
    this.started = false;
  }

  /** True once every projection has covered `position`; false on timeout. */
  async waitForPosition(position: bigint, timeoutMs: number): Promise<boolean> {
    const results = await Promise.all([...this.runners.values()].map((runner) => runner.waitForPosition(position, timeoutMs)));
    return results.every(Boolean);
  }

  async rebuild(name: string, timeoutMs?: number): Promise<RebuildResult> {
    const runner = this.runner(name);
    await this.ensureIndexesOf(runner.projection);
    return runner.rebuild(timeoutMs);
  }

  /** The events each projection parked: how many, and the latest few. */
  async deadLetters(latest = 5): Promise<Record<string, DeadLetters>> {
    const entries = await Promise.all(this.names.map(async (name) => [name, await readDeadLetters(this.store, name, latest)] as const));
    return Object.fromEntries(entries);
  }

  status(): ProjectionStatus[] {
    return [...this.runners.values()].map((runner) => ({
      name: runner.name,
      state: runner.state$.value,
      position: runner.position$.value,
      ...(runner.lastError ? { lastError: runner.lastError.message } : {}),
    }));
  }
}
