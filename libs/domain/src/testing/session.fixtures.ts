// Builders for session specs: commands and events with the envelope filled in, so a spec shows
// only what it is about.
import type { RecordedEvent } from '@crystalyse/event-store';
import { sessionDecider, type CommandBase, type SessionCommand, type SessionCommandType, type SessionEvent, type SessionEventType } from '../session/core/index.js';
import { specFor } from './decider-spec.js';

export const SESSION_ID = 'sess-1';
export const OWNER = 'user_123';
export const STRANGER = 'user_999';

/** Minute `n` of a fixed morning: tests never read the clock either. */
export const at = (minute = 0): string => new Date(Date.UTC(2026, 0, 15, 9, 0) + minute * 60_000).toISOString();

type CommandOf<T extends SessionCommandType> = Extract<SessionCommand, { type: T }>;
type CommandInput<T extends SessionCommandType> = Omit<CommandOf<T>['data'], keyof CommandBase> & Partial<CommandBase>;

export function command<T extends SessionCommandType>(type: T, data?: CommandInput<T>): CommandOf<T> {
  return { type, data: { sessionId: SESSION_ID, actorId: OWNER, at: at(), ...data } } as unknown as CommandOf<T>;
}

type EventOf<T extends SessionEventType> = Extract<SessionEvent, { type: T }>;
type EventInput<T extends SessionEventType> = Omit<EventOf<T>['data'], 'at'> & { at?: string };

export function event<T extends SessionEventType>(type: T, data?: EventInput<T>): EventOf<T> {
  return { type, data: { at: at(), ...data } } as unknown as EventOf<T>;
}

export const createCommand = (data?: Partial<CommandInput<'CreateSession'>>) =>
  command('CreateSession', {
    sessionType: 'interactive',
    name: 'battery_materials_project',
    metadata: { project: 'cathode_materials_discovery', phase: 'structure_optimization' },
    config: { memory_enabled: true, discovery_detection: true, context_window: 4000 },
    ...data,
  });

export const created = (data?: Partial<EventInput<'SessionCreated'>>) =>
  event('SessionCreated', {
    sessionId: SESSION_ID,
    ownerId: OWNER,
    sessionType: 'interactive',
    name: 'battery_materials_project',
    metadata: { project: 'cathode_materials_discovery', phase: 'structure_optimization' },
    config: { memory_enabled: true, discovery_detection: true, context_window: 4000 },
    ...data,
  });

export const started = () => event('SessionStarted');
export const paused = () => event('SessionPaused');
export const archived = () => event('SessionArchived');

/** The events that put a fresh session in each status. */
export const HISTORY_FOR_STATUS = {
  created: () => [created()],
  active: () => [created(), started()],
  paused: () => [created(), started(), paused()],
  archived: () => [created(), started(), paused(), archived()],
} as const;

export const given = specFor(sessionDecider);

/** Runs commands one after another, as handle() would, and returns every event they appended. */
export function play(commands: SessionCommand[], from: SessionEvent[] = []): SessionEvent[] {
  const events = [...from];
  let state = events.reduce(sessionDecider.evolve, sessionDecider.initialState());
  for (const c of commands) {
    const produced = sessionDecider.decide(c, state);
    state = produced.reduce(sessionDecider.evolve, state);
    events.push(...produced);
  }
  return events;
}

/** Events as the store would return them: the shape exports are made of. */
export function recorded(events: SessionEvent[], sessionId = SESSION_ID): RecordedEvent[] {
  return events.map((e, i) => ({
    eventId: `evt-${sessionId}-${i}`,
    streamId: `session-${sessionId}`,
    type: e.type,
    data: e.data,
    revision: BigInt(i),
    position: BigInt(100 + i * 3),
    created: e.data.at,
    metadata: {
      actor: { userId: OWNER, via: 'api' },
      occurredAt: e.data.at,
      correlationId: `corr-${i}`,
      causationId: `corr-${i}`,
      schemaVersion: 1,
      prevHash: i === 0 ? '' : `hash-${i - 1}`,
      hash: `hash-${i}`,
    },
  }));
}
