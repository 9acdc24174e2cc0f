import { eventEnvelope } from './handle.js';

const context = { actor: { userId: 'u1', via: 'api' as const }, occurredAt: '2026-01-01T00:00:00.000Z', correlationId: 'corr', commandId: 'u1:key' };

describe('eventEnvelope', () => {
  it("writes the envelope every event carries, its own fields winning over the caller's extras", () => {
    const event = eventEnvelope({ type: 'Noted', data: { n: 1 } }, context, { actor: 'forged', importedFrom: { sessionId: 's0' } }, 'e1');
    expect(event).toEqual({
      eventId: 'e1',
      type: 'Noted',
      data: { n: 1 },
      metadata: { importedFrom: { sessionId: 's0' }, actor: context.actor, occurredAt: context.occurredAt, correlationId: 'corr', causationId: 'u1:key', commandId: 'u1:key', schemaVersion: 1 },
    });
  });

  it('keeps the schema version an imported event was written with, so it is upcast like the original', () => {
    expect(eventEnvelope({ type: 'Noted', data: {} }, context, { schemaVersion: 3 }).metadata.schemaVersion).toBe(3);
  });
});
