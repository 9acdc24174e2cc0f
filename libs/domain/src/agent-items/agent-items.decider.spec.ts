import { ValidationError } from '../errors.js';
import { specFor } from '../testing/decider-spec.js';
import { agentItemsDecider } from './agent-items.decider.js';
import type { AgentItemsCommand, AgentItemsEvent } from './agent-items.events.js';

const given = specFor(agentItemsDecider);
const AT = '2026-01-01T00:00:00.000Z';
const base = { sessionId: 's1', actorId: 'u1', at: AT };
const add = (items: unknown): AgentItemsCommand => ({ type: 'AddAgentItems', data: { ...base, items } });
const pop: AgentItemsCommand = { type: 'PopAgentItem', data: base };
const clear: AgentItemsCommand = { type: 'ClearAgentItems', data: base };

const user = (text: string) => ({ role: 'user', content: text });
const added = (firstSeq: number, ...items: object[]): AgentItemsEvent => ({ type: 'AgentItemsAdded', data: { firstSeq, items: items as never, at: AT } });
const popped = (seq: number, item: object): AgentItemsEvent => ({ type: 'AgentItemPopped', data: { seq, item: item as never, at: AT } });
const cleared = (throughSeq: number, count: number): AgentItemsEvent => ({ type: 'AgentItemsCleared', data: { throughSeq, count, at: AT } });

describe('agent items (the OpenAI Agents session memory)', () => {
  it('numbers added items in order, after every item ever added (a popped seq is not reused)', () => {
    given([]).when(add([user('a'), { type: 'function_call', callId: 'c1', name: 'f', arguments: '{}' }])).then([
      added(0, user('a'), { type: 'function_call', callId: 'c1', name: 'f', arguments: '{}' }),
    ]);
    given([added(0, user('a'), user('b')), popped(1, user('b'))]).when(add([user('c')])).thenState((state) => {
      expect(state.items.map((i) => [i.seq, i.item])).toEqual([[0, user('a')], [2, user('c')]]);
      expect(state.nextSeq).toBe(3);
    });
  });

  it('pops the latest item, naming and copying it in the event', () => {
    given([added(0, user('a'), user('b'))]).when(pop).then([popped(1, user('b'))]);
    given([added(0, user('a'), user('b')), popped(1, user('b'))]).when(pop).then([popped(0, user('a'))]);
  });

  it('records nothing for a pop or a clear of an empty list', () => {
    given([]).when(pop).then([]);
    given([]).when(clear).then([]);
    given([added(0, user('a')), cleared(0, 1)]).when(pop).then([]);
    given([added(0, user('a')), popped(0, user('a'))]).when(clear).then([]);
  });

  it('clears every item so far; items added after stay', () => {
    given([added(0, user('a'), user('b')), popped(1, user('b'))]).when(clear).then([cleared(1, 1)]);
    given([added(0, user('a')), cleared(0, 1), added(1, user('b'))]).when(pop).then([popped(1, user('b'))]);
  });

  it('refuses what is not a list of agent input items, naming the field', () => {
    given([]).when(add([])).thenThrows(ValidationError, /items must hold 1 to 1000/);
    given([]).when(add('hello')).thenThrows(ValidationError, /items must be a list/);
    expect(given([]).when(add([user('ok'), 42])).thenThrows(ValidationError).field).toBe('items[1]');
    expect(given([]).when(add([{ content: 'no type or role' }])).thenThrows(ValidationError).field).toBe('items[0]');
    given([]).when(add([{ role: 'user', content: () => 1 }])).thenThrows(ValidationError);
  });

  it('ignores an event type it does not know', () => {
    const unknown = { type: 'AgentItemsFutureThing', data: { at: AT } } as unknown as AgentItemsEvent;
    given([added(0, user('a')), unknown]).when(pop).then([popped(0, user('a'))]);
  });
});
