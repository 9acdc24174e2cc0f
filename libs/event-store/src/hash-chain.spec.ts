import { chainEvents, verifyEvents } from './hash-chain.js';
import type { EventData, RecordedEvent } from './event-store.port.js';

const meta = { actor: { userId: 'u1', via: 'api' as const }, occurredAt: '2026-01-01T00:00:00.000Z', correlationId: 'c', causationId: 'c', schemaVersion: 1 };
const event = (i: number): EventData => ({ eventId: `e${i}`, type: 'Noted', data: { i }, metadata: meta });
const record = (events: EventData[]): RecordedEvent[] =>
  events.map((e, i) => ({ ...e, streamId: 's-1', revision: BigInt(i), position: BigInt(i + 1), created: meta.occurredAt }));

describe('hash chain', () => {
  it('links each event to the previous hash and verifies an untouched stream', () => {
    const chained = chainEvents('s-1', 0n, '', [event(0), event(1), event(2)]);
    expect(chained[0]!.metadata.prevHash).toBe('');
    expect(chained[1]!.metadata.prevHash).toBe(chained[0]!.metadata.hash);
    expect(verifyEvents('s-1', record(chained))).toEqual({ ok: true, streamId: 's-1', eventsChecked: 3, headHash: chained[2]!.metadata.hash });
  });

  it('names the first revision whose content was edited', () => {
    const recorded = record(chainEvents('s-1', 0n, '', [event(0), event(1), event(2)]));
    recorded[1] = { ...recorded[1]!, data: { i: 99 } };
    expect(verifyEvents('s-1', recorded)).toMatchObject({ ok: false, firstBadRevision: 1n, reason: 'content does not match its hash' });
  });

  it('detects a removed event through the broken link', () => {
    const recorded = record(chainEvents('s-1', 0n, '', [event(0), event(1), event(2)]));
    const withoutMiddle = [recorded[0]!, { ...recorded[2]!, revision: 1n }];
    expect(verifyEvents('s-1', withoutMiddle)).toMatchObject({ ok: false, firstBadRevision: 1n });
  });

  it('is independent of key order in data (canonical JSON)', () => {
    const a = chainEvents('s-1', 0n, '', [{ ...event(0), data: { a: 1, b: 2 } }]);
    const b = chainEvents('s-1', 0n, '', [{ ...event(0), data: { b: 2, a: 1 } }]);
    expect(a[0]!.metadata.hash).toBe(b[0]!.metadata.hash);
  });
});
