// Properties over random command sequences: whatever users do, time travel is a prefix fold, the
// state survives a snapshot (JSON) at any point, a restore gives back the checkpoint's workspace
// exactly, and a backup imports to the same workspace.
import fc from 'fast-check';
import { DomainError } from '../errors.js';
import { deepFreeze } from '../testing/decider-spec.js';
import { at, OWNER, recorded, SESSION_ID } from '../testing/session.fixtures.js';
import type { SessionCommand } from './session.commands.js';
import { decideSession } from './session.decide.js';
import { foldSession } from './session.decider.js';
import type { SessionEvent } from './session.events.js';
import { evolveSession } from './session.evolve.js';
import { eventsFromBackup, exportSession } from './session.export.js';
import { initialSessionState, type SessionState } from './session.state.js';
import { diffSessions, isWorkspaceUnchanged, stateAtRevision } from './session.time-travel.js';

type Step = { type: SessionCommand['type']; [param: string]: unknown };

const small = <T>(...values: T[]) => fc.constantFrom(...values);
const step = (type: Step['type'], params: Record<string, fc.Arbitrary<unknown>> = {}): fc.Arbitrary<Step> =>
  fc.record({ type: fc.constant(type), ...params }) as fc.Arbitrary<Step>;

// Small pools of keys and ids, so replacements, duplicates and misses happen often.
const stepArb = fc.oneof(
  { weight: 1, arbitrary: step('StartSession') },
  { weight: 1, arbitrary: step('PauseSession') },
  { weight: 1, arbitrary: step('ResumeSession') },
  { weight: 1, arbitrary: step('ArchiveSession') },
  { weight: 1, arbitrary: step('RenameSession', { name: small('alpha', 'beta', ' gamma ') }) },
  { weight: 1, arbitrary: step('UpdateSessionMetadata', { set: fc.dictionary(small('project', 'phase', 'lab'), fc.oneof(fc.string({ maxLength: 4 }), fc.integer())), remove: fc.subarray(['project', 'phase']) }) },
  { weight: 1, arbitrary: step('ConfigureContext', { maxHistory: fc.integer({ min: 1, max: 60 }) }) },
  { weight: 4, arbitrary: step('AddContextItem', { key: small('a', 'b', 'c'), value: fc.oneof(fc.string({ maxLength: 4 }), fc.integer(), fc.array(fc.boolean(), { maxLength: 2 })), kind: small('custom', 'materials', 'tool_outputs') }) },
  { weight: 1, arbitrary: step('RemoveContextItem', { key: small('a', 'b', 'c') }) },
  { weight: 1, arbitrary: step('ClearContext', { kind: small('custom', 'materials', 'tool_outputs') }) },
  { weight: 2, arbitrary: step('SetFocus', { focus: small('LiFePO4', 'spinels', null) }) },
  { weight: 2, arbitrary: step('AddHypothesis', { hypothesisId: small('h1', 'h2', 'h3'), statement: small('olivine helps', 'doping helps') }) },
  { weight: 3, arbitrary: step('AddTask', { taskId: small('t1', 't2', 't3', 't4'), title: small('measure', 'compare') }) },
  { weight: 2, arbitrary: step('CompleteTask', { taskId: small('t1', 't2', 't3', 't4') }) },
  { weight: 2, arbitrary: step('SaveCheckpoint', { name: small('cp1', 'cp2', 'cp3', 'cp4') }) },
  { weight: 2, arbitrary: step('RestoreCheckpoint', { name: small('cp1', 'cp2', 'cp3', 'cp4') }) },
  { weight: 1, arbitrary: step('RecoverFromCheckpoint') },
);

const toCommand = ({ type, ...params }: Step, minute: number): SessionCommand =>
  ({ type, data: { sessionId: SESSION_ID, actorId: OWNER, at: at(minute), ...params } }) as SessionCommand;

/** Plays the steps after a create, skipping what the domain refuses; decide sees frozen state. */
function playSteps(steps: Step[]): { events: SessionEvent[]; state: SessionState } {
  const create = toCommand({ type: 'CreateSession', sessionType: 'research', name: 'prop', metadata: { project: 'p' } }, 0);
  let state = initialSessionState();
  const events: SessionEvent[] = [];
  for (const [i, c] of [create, ...steps.map((s, n) => toCommand(s, n + 1))].entries()) {
    let produced: SessionEvent[];
    try {
      produced = decideSession(c, deepFreeze(state));
    } catch (error) {
      if (error instanceof DomainError) continue;
      throw new Error(`step ${i} (${c.type}) failed with a non-domain error: ${String(error)}`);
    }
    for (const e of produced) {
      state = evolveSession(state, e);
      events.push(e);
    }
  }
  return { events, state };
}

const sessions = fc.array(stepArb, { minLength: 5, maxLength: 50, size: 'max' }).map(playSteps);
const RUNS = { numRuns: 300 };

describe('session properties', () => {
  it('the state at revision N is the fold of the first N + 1 events', () => {
    fc.assert(
      fc.property(sessions, ({ events }) => {
        let independent = initialSessionState();
        for (let n = 0; n < events.length; n++) {
          independent = evolveSession(independent, events[n]!);
          expect(stateAtRevision(events, n)).toEqual(independent);
          expect(independent.eventCount).toBe(n + 1);
        }
      }),
      RUNS,
    );
  });

  it('a snapshot (JSON) taken at any revision folds on to the same state', () => {
    fc.assert(
      fc.property(sessions, fc.nat(), ({ events, state }, cut) => {
        const at = events.length === 0 ? 0 : cut % events.length;
        const snapshot = JSON.parse(JSON.stringify(foldSession(events.slice(0, at)))) as SessionState;
        expect(foldSession(events.slice(at), snapshot)).toEqual(state);
        expect(JSON.parse(JSON.stringify(state))).toEqual(state);
      }),
      RUNS,
    );
  });

  it('each checkpoint keeps the workspace of the revision it marks', () => {
    fc.assert(
      fc.property(sessions, ({ events, state }) => {
        for (const cp of state.governance.checkpoints) {
          const kept = state.checkpointWorkspaces.find((c) => c.name === cp.name)!.workspace;
          expect(kept).toEqual(stateAtRevision(events, cp.revision).workspace);
        }
      }),
      RUNS,
    );
  });

  it('restore then diff against the checkpoint shows no workspace difference, and governance stays', () => {
    fc.assert(
      fc.property(sessions, ({ events, state }) => {
        fc.pre(state.governance.checkpoints.length > 0);
        const resume: SessionCommand[] = ['paused', 'archived'].includes(state.governance.status) ? [toCommand({ type: 'ResumeSession' }, 90)] : [];
        for (const cp of state.governance.checkpoints) {
          const commands = [...resume, toCommand({ type: 'RestoreCheckpoint', name: cp.name }, 91)];
          const after = commands.reduce((s, c) => foldSession(decideSession(c, s), s), state);
          expect(isWorkspaceUnchanged(diffSessions(stateAtRevision(events, cp.revision), after))).toBe(true);
          const { status: _s, updatedAt: _u, ...governanceAfter } = after.governance;
          const { status: _s2, updatedAt: _u2, ...governanceBefore } = state.governance;
          expect(governanceAfter).toEqual(governanceBefore);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a backup imports to the same workspace and checkpoints', () => {
    fc.assert(
      fc.property(sessions, ({ events, state }) => {
        const doc = JSON.parse(JSON.stringify(exportSession(state, recorded(events), { includeEvents: true, exportedAt: at(99) })));
        const imported = foldSession(eventsFromBackup(doc, { newSessionId: 'copy', importerId: 'someone', at: at(100) }).map((e) => e.event));
        expect(imported.workspace).toEqual(state.workspace);
        expect(imported.governance.checkpoints).toEqual(state.governance.checkpoints);
        expect(imported.checkpointWorkspaces).toEqual(state.checkpointWorkspaces);
      }),
      RUNS,
    );
  });
});
