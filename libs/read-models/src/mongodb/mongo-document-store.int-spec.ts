import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { describeDocumentStoreConformance } from '../conformance/document-store.conformance.js';
import { MongoDocumentStore } from './mongo-document-store.js';

const url = process.env.MONGODB_URL;

if (url) {
  describeDocumentStoreConformance('MongoDB', async () => {
    const dbName = `crystalyse_conformance_${randomUUID().slice(0, 8)}`;
    const store = await MongoDocumentStore.connect(url, dbName);
    return {
      store,
      cleanup: async () => {
        await store.close();
        const client = await MongoClient.connect(url);
        await client.db(dbName).dropDatabase();
        await client.close();
      },
    };
  });
} else {
  console.log('MongoDB conformance skipped: set MONGODB_URL=mongodb://localhost:27017/?replicaSet=rs0 to run it');
  it('MongoDB conformance (skipped: MONGODB_URL not set)', () => {
    expect(process.env.MONGODB_URL).toBeFalsy();
  });
}
