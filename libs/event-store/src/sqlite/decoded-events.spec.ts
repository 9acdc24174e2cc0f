import { packJson } from '../packing/packed-json.js';
import { DecodedEvents } from './decoded-events.js';
import type { EventRow } from './schema.js';

const row = (position: number, data: unknown = { text: 'x'.repeat(200), nested: { list: [1, 2] } }): EventRow => ({
  position, stream_id: 'session-1', revision: position, event_id: `e-${position}`, type: 'ContextItemAdded',
  data: packJson(JSON.stringify(data)), metadata: packJson(JSON.stringify({ actor: { userId: 'u' } })), created: '2026-01-01T00:00:00.000Z',
});

describe('events decoded once for every subscriber', () => {
  it('gives the second subscriber of a position the event the first decoded', () => {
    const decoded = new DecodedEvents();
    const first = decoded.of(row(7));
    expect(first).toMatchObject({ position: 7n, revision: 7n, data: { nested: { list: [1, 2] } }, metadata: { actor: { userId: 'u' } } });
    expect(decoded.of(row(7))).toBe(first);
    expect([decoded.hits, decoded.misses]).toEqual([1, 1]);
  });

  it('freezes what it shares: a subscriber cannot change the event the others see', () => {
    const event = new DecodedEvents().of(row(1));
    expect(() => { (event.data as { nested: { list: number[] } }).nested.list.push(3); }).toThrow(TypeError);
    expect(() => { (event as { type: string }).type = 'Other'; }).toThrow(TypeError);
    expect(event.data).toEqual({ text: 'x'.repeat(200), nested: { list: [1, 2] } });
  });

  it('keeps only the latest events: the oldest is decoded again', () => {
    const decoded = new DecodedEvents(2);
    const oldest = decoded.of(row(1));
    decoded.of(row(2));
    decoded.of(row(3));
    expect(decoded.of(row(3))).toBe(decoded.of(row(3)));
    const again = decoded.of(row(1));
    expect(again).not.toBe(oldest);
    expect(again).toEqual(oldest);
  });
});
