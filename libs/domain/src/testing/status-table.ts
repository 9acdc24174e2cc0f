// Every status × every command of a slice, as a spec. The slice's spec writes out which statuses
// allow each of its commands (not read from the code) and a sample of each, in records over its
// command types, so a new command needs both, and any events its samples need besides the setup
// below; this runs every sample on a session in every status and checks it is decided where
// allowed, and refused elsewhere with the way out the status machine names.
import { IllegalTransition } from '../errors.js';
import type { SessionCommand, SessionEvent, SessionStatus } from '../session/core/index.js';
import { answered, asked, recordedDiscovery } from './agent.fixtures.js';
import { event, HISTORY_FOR_STATUS, given, OWNER } from './session.fixtures.js';

// Something for every sample to act on: a context item, tasks (one done), a checkpoint, an answered
// and an open query, two discoveries, a branch.
const setup: SessionEvent[] = [
  event('ContextItemAdded', { key: 'k', value: 'v', kind: 'custom' }),
  event('TaskAdded', { taskId: 't1', title: 'measure' }),
  event('CheckpointSaved', { name: 'cp', revision: 2, savedBy: OWNER }),
  asked('q0'),
  answered('q0'),
  asked('q-open'),
  recordedDiscovery('d1'),
  recordedDiscovery('d2'),
  event('TaskAdded', { taskId: 't-done', title: 'done already' }),
  event('TaskCompleted', { taskId: 't-done' }),
  event('BranchCreated', { branchId: 'b0', name: 'explore', forkRevision: 1, createdBy: OWNER }),
];

/** A session in `status` that holds the setup above, and what a slice's samples need besides (`more`). */
export const historyFor = (status: SessionStatus, more: readonly SessionEvent[] = []): SessionEvent[] => {
  const [first, ...rest] = HISTORY_FOR_STATUS[status]();
  return [first!, ...setup, ...more, ...rest];
};

const wayOut = (type: string, status: SessionStatus): string =>
  ({
    created: 'start it first',
    paused: type === 'PauseSession' ? 'it is already paused' : 'resume it first',
    archived: type === 'ArchiveSession' ? 'it is already archived' : 'resume it first',
    active: { StartSession: 'it has already started', ResumeSession: 'it is already active' }[type] ?? 'pause it first',
  })[status];

export function itFollowsTheStatusTable<T extends string>(
  samples: Readonly<Record<T, SessionCommand>>,
  allowed: Readonly<Record<T, readonly string[]>>,
  more: readonly SessionEvent[] = [],
): void {
  const types = Object.keys(samples) as T[];
  const cases = (['created', 'active', 'paused', 'archived'] as const).flatMap((status) => types.map((type) => [status, type] as const));

  it.each(cases)('%s session, %s', (status, type) => {
    const when = given(historyFor(status, more)).when(samples[type]);
    if (allowed[type].includes(status)) {
      when.thenState((_state, events) => expect(events.length).toBeGreaterThan(0));
    } else {
      const error = when.thenThrows(IllegalTransition);
      expect(error.message).toContain(`session is ${status}: ${wayOut(type, status)}`);
      expect(error).toMatchObject({ status, code: 'illegal_transition', recoverable: true });
    }
  });

  it('lets an archived session do nothing but resume', () => {
    const refused = types.filter((t) => t !== 'ResumeSession');
    for (const type of refused) given(historyFor('archived', more)).when(samples[type]).thenThrows(IllegalTransition, /session is archived/);
  });
}
