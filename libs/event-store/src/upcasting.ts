// Old event versions are upgraded when read, never rewritten in the store.
import type { RecordedEvent } from './event-store.port.js';

export interface Upcaster {
  type: string;
  fromVersion: number;
  /** Returns the data in the shape of version `fromVersion + 1`. */
  upcast(data: any, event: RecordedEvent): unknown;
}

export class UpcasterRegistry {
  private readonly byKey = new Map<string, Upcaster>();

  register(...upcasters: Upcaster[]): this {
    for (const u of upcasters) {
      const key = `${u.type}@${u.fromVersion}`;
      if (this.byKey.has(key)) throw new Error(`Upcaster for ${key} registered twice`);
      this.byKey.set(key, u);
    }
    return this;
  }

  /** Applies every step from the stored version up; the input event is not modified. */
  upcast<E extends RecordedEvent>(event: E): E {
    let version = event.metadata.schemaVersion ?? 1;
    let current = event;
    for (let step = this.byKey.get(`${event.type}@${version}`); step; step = this.byKey.get(`${event.type}@${version}`)) {
      current = { ...current, data: step.upcast(current.data, current), metadata: { ...current.metadata, schemaVersion: version + 1 } };
      version++;
    }
    return current;
  }
}
