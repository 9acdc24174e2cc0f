// Small projections for the runner's tests: a realistic `users` list, and a counter whose
// value must equal the number of events exactly (any double-apply or skip shows up at once).
import type { RecordedEvent } from '@crystalyse/event-store';
import type { Document } from '../document-store.port.js';
import type { Projection } from '../projections/projection.js';

export interface UserDoc extends Document {
  name: string;
  email: string;
  roles: string[];
  renames: number;
  registeredAt: string;
}

const userId = (event: RecordedEvent) => (event.streamId.startsWith('user-') ? event.streamId.slice('user-'.length) : null);

export const usersProjection: Projection<UserDoc> = {
  name: 'test-users',
  collection: 'test_users',
  handles: ['UserRegistered', 'UserRenamed', 'RoleGranted', 'UserDeleted'],
  indexes: [{ fields: ['email'], unique: true }, { text: ['name', 'email'] }],
  documentId: userId,
  evolve(doc, event) {
    const data = event.data as Record<string, string>;
    switch (event.type) {
      case 'UserRegistered':
        return { _id: userId(event)!, name: data.name!, email: data.email!, roles: [], renames: 0, registeredAt: event.metadata.occurredAt };
      case 'UserRenamed':
        return doc && { ...doc, name: data.name!, renames: doc.renames + 1 };
      case 'RoleGranted':
        return doc && (doc.roles.includes(data.role!) ? doc : { ...doc, roles: [...doc.roles, data.role!] });
      case 'UserDeleted':
        return null;
      default:
        return doc;
    }
  },
};

export interface CounterDoc extends Document {
  count: number;
  lastType: string;
}

export function counterProjection(name = 'test-counter', handles = ['Ticked', 'UserRegistered', 'UserRenamed']): Projection<CounterDoc> {
  return {
    name,
    collection: `${name.replace(/-/g, '_')}_docs`,
    handles,
    documentId: () => 'counter',
    evolve: (doc, event) => ({ _id: 'counter', count: (doc?.count ?? 0) + 1, lastType: event.type }),
  };
}
