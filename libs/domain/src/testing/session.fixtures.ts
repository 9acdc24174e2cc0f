// Builders for session specs: commands and events with the envelope filled in, so a spec shows
// only what it is about.
import type { RecordedEvent } from '@crystalyse/event-store';
import { changesSince, findCheckpoint, latestCheckpoint } from '../session/checkpoints/index.js';
import {
  foldSession, initialSessionState, sessionDecider, type CommandBase, type SessionCommand, type SessionCommandType, type SessionEvent, type SessionEventType, type SessionState,
} from '../session/core/index.js';
import { specFor } from './decider-spec.js';

export const SESSION_ID = 'sess-1';
export const OWNER = 'user_123';
export const STRANGER = 'user_999';

/** Minute `n` of a fixed morning: tests never read the clock either. */
export const at = (minute = 0): string => new Date(Date.UTC(2026, 0, 15, 9, 0) + minute * 60_000).toISOString();

type CommandOf<T extends SessionCommandType> = Extract<SessionCommand, { type: T }>;
// What a restore carries the fixtures work out (see `prepared`), unless a spec gives it.
type Prepared = 'from' | 'changes';
type CommandInput<T extends SessionCommandType> = Omit<CommandOf<T>['data'], keyof CommandBase | Prepared> &
  Partial<CommandBase> & Partial<Pick<CommandOf<T>['data'], Extract<keyof CommandOf<T>['data'], Prepared>>>;

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

/**
 * A restore as the application sends it: a checkpoint is a position, so the application works out
 * what putting the workspace back changes (from the timeline; here by folding the events up to
 * the checkpoint). Commands that name them already, and other commands, are left as they are.
 */
export function prepared<C extends SessionCommand>(command: C, events: readonly SessionEvent[], base: SessionState = initialSessionState()): C {
  if (command.type !== 'RestoreCheckpoint' && command.type !== 'RecoverFromCheckpoint') return command;
  if ((command.data as { changes?: unknown }).changes !== undefined) return command;
  const now = foldSession(events, base);
  const checkpoint = command.type === 'RestoreCheckpoint' ? findCheckpoint(now, command.data.name) : latestCheckpoint(now);
  if (!checkpoint) return { ...command, data: { ...command.data, from: now.eventCount - 1, changes: [] } };
  let state = foldSession(events.slice(0, checkpoint.revision + 1), base);
  const target = state.workspace;
  const after = events.slice(checkpoint.revision + 1).map((event) => (state = foldSession([event], state)));
  return { ...command, data: { ...command.data, from: now.eventCount - 1, changes: changesSince(target, after) } };
}

const spec = specFor(sessionDecider);

/** given / when / then on a session; a restore is prepared as the application would. */
export const given = (events: SessionEvent[] = []) => ({ when: (c: SessionCommand) => spec(events).when(prepared(c, events)) });

/** Runs commands one after another, as handle() would, and returns every event they appended. */
export function play(commands: SessionCommand[], from: SessionEvent[] = []): SessionEvent[] {
  const events = [...from];
  let state = events.reduce(sessionDecider.evolve, sessionDecider.initialState());
  for (const raw of commands) {
    const c = prepared(raw, events);
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
