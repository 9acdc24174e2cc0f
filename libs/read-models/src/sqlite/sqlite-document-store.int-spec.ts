import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeDocumentStoreConformance } from '../conformance/document-store.conformance.js';
import { SqliteDocumentStore } from './sqlite-document-store.js';

describeDocumentStoreConformance('SQLite (temp file)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rm-conformance-'));
  const store = new SqliteDocumentStore({ filename: join(dir, 'read-models.db') });
  return {
    store,
    cleanup: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
