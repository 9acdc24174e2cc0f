import type { RecordedEvent } from './event-store.port.js';
import { UpcasterRegistry } from './upcasting.js';

const stored = (data: unknown, schemaVersion: number): RecordedEvent => ({
  eventId: 'e1',
  type: 'QueryAsked',
  data,
  metadata: { actor: { userId: 'u', via: 'api' }, occurredAt: '2026-01-01T00:00:00.000Z', correlationId: 'c', causationId: 'c', schemaVersion, hash: 'h', prevHash: '' },
  streamId: 'session-1',
  revision: 0n,
  position: 1n,
  created: '2026-01-01T00:00:00.000Z',
});

describe('UpcasterRegistry', () => {
  // v1 had `question`; v2 renamed it to `text`; v3 added `language`.
  const registry = new UpcasterRegistry().register(
    { type: 'QueryAsked', fromVersion: 1, upcast: ({ question, ...rest }) => ({ ...rest, text: question }) },
    { type: 'QueryAsked', fromVersion: 2, upcast: (data) => ({ ...data, language: 'en' }) },
  );

  it('applies every step from the stored version up, on read', () => {
    const event = registry.upcast(stored({ question: 'Analyse LiFePO4' }, 1));
    expect(event.data).toEqual({ text: 'Analyse LiFePO4', language: 'en' });
    expect(event.metadata.schemaVersion).toBe(3);
  });

  it('starts from the version the event was stored with, and leaves current events alone', () => {
    expect(registry.upcast(stored({ text: 'x' }, 2)).data).toEqual({ text: 'x', language: 'en' });
    const current = stored({ text: 'x', language: 'fr' }, 3);
    expect(registry.upcast(current)).toBe(current);
  });

  it('never rewrites the stored event: the hash still covers what was stored', () => {
    const original = stored({ question: 'q' }, 1);
    registry.upcast(original);
    expect(original.data).toEqual({ question: 'q' });
    expect(original.metadata.schemaVersion).toBe(1);
  });

  it('refuses two upcasters for the same step', () => {
    expect(() => new UpcasterRegistry().register({ type: 'A', fromVersion: 1, upcast: (d) => d }, { type: 'A', fromVersion: 1, upcast: (d) => d })).toThrow(/A@1 registered twice/);
  });
});
