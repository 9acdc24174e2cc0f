import Database from 'better-sqlite3';
import { describeTimelineCases } from '../conformance/timeline.cases.js';
import { SqliteTimeline } from './sqlite-timeline.js';

describe('SqliteTimeline', () => {
  const db = new Database(':memory:');
  const timeline = new SqliteTimeline(db);
  let n = 0;
  afterAll(() => db.close());
  describeTimelineCases({
    reader: () => timeline,
    apply: async (advances) => db.transaction(() => advances.forEach((a) => timeline.apply(a)))(),
    unique: (label) => `${label}-${++n}`,
  });
});
