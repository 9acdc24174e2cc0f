// One Jest suite that every DocumentStore adapter must pass (DESIGN.md, "Two ways to run"): the
// embedded SQLite store is proved against it on every run, MongoDB when MONGODB_URL is set.
import { randomUUID } from 'node:crypto';
import type { DocumentStore } from '../document-store.port.js';
import { describeProjectionBatchCases } from './projection-batch.cases.js';
import { describeQueryCases } from './query.cases.js';
import { describeTextSearchCases } from './text-search.cases.js';
import { describeWriteCases } from './write.cases.js';
import { describeTimelineCases } from './timeline.cases.js';

export type DocumentStoreFactory = () => Promise<{ store: DocumentStore; cleanup(): Promise<void> }>;

export interface ConformanceEnv {
  store(): DocumentStore;
  /** A collection (or projection) name no other test uses, so tests never see each other's data. */
  unique(label: string): string;
}

export function describeDocumentStoreConformance(name: string, factory: DocumentStoreFactory): void {
  describe(`DocumentStore conformance: ${name}`, () => {
    let opened: Awaited<ReturnType<DocumentStoreFactory>> | undefined;
    const run = randomUUID().slice(0, 8);
    let counter = 0;

    beforeAll(async () => {
      opened = await factory();
    });

    afterAll(async () => {
      await opened?.cleanup();
    });

    const env: ConformanceEnv = {
      store: () => {
        if (!opened) throw new Error('store not opened');
        return opened.store;
      },
      unique: (label) => `${label}_${run}_${++counter}`,
    };

    describeQueryCases(env);
    describeWriteCases(env);
    describeTextSearchCases(env);
    describeProjectionBatchCases(env);
    let position = 0n;
    describeTimelineCases({
      reader: () => env.store().timeline(),
      // Each advance in a batch of its own projection, as a projection runner would write it.
      apply: (advances) => env.store().applyProjectionBatch(env.unique('timeline_projection'), advances.map((advance) => ({ kind: 'timeline', advance })), ++position),
      unique: env.unique,
    });
  });
}
