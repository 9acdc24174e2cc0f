// given / when / then for deciders: specifications with no I/O.
//   given([created, started]).when(pause).then([paused])
//   given([created]).when(pause).thenThrows(IllegalTransition, /start it first/)
// The state is deep-frozen before decide, so a decide that mutates its input fails the spec.
import type { Decider, DomainEvent } from '@crystalyse/event-store';
import { isItems } from '../session/core/items.js';

type ErrorClass<T extends Error> = abstract new (...args: never[]) => T;
type ErrorCheck<T> = string | RegExp | ((error: T) => void);

export interface Then<Event, State> {
  /** The command produced exactly these events (`[]`: it changed nothing). */
  then(expected: Event[]): void;
  thenThrows<T extends Error>(type: ErrorClass<T>, check?: ErrorCheck<T>): T;
  /** Checks the state after the given events and the ones the command produced. */
  thenState(check: (state: State, events: Event[]) => void): void;
}

export interface Given<Command, Event, State> {
  when(command: Command): Then<Event, State>;
}

export function deepFreeze<T>(value: T): T {
  // Items are immutable by construction (and their map keeps caches of its own): freeze what they hold.
  if (isItems(value)) {
    for (const item of value) deepFreeze(item);
    return value;
  }
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

export function specFor<Command, Event extends DomainEvent, State>(decider: Decider<Command, Event, State>) {
  return (given: Event[] = []): Given<Command, Event, State> => ({
    when(command: Command): Then<Event, State> {
      const before = () => deepFreeze(given.reduce<State>((s, e) => decider.evolve(s, e), decider.initialState()));
      const run = () => decider.decide(command, before());
      return {
        then(expected) {
          expect(run()).toEqual(expected);
        },
        thenThrows<T extends Error>(type: ErrorClass<T>, check?: ErrorCheck<T>): T {
          let caught: unknown;
          try {
            const events = run();
            caught = new Error(`expected ${type.name} but the command produced ${JSON.stringify(events)}`);
          } catch (error) {
            caught = error;
          }
          expect(caught).toBeInstanceOf(type);
          const error = caught as T;
          if (typeof check === 'function') check(error);
          else if (check !== undefined) expect(error.message).toMatch(check);
          return error;
        },
        thenState(check) {
          const events = run();
          check(events.reduce<State>((s, e) => decider.evolve(s, e), before()), events);
        },
      };
    },
  });
}
