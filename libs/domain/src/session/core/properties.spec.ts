// Properties over random command sequences, queries, answers and discoveries included: whatever
// users and the analyst do, time travel is a prefix fold, the state survives a snapshot (JSON) at
// any point, a restore gives back the checkpoint's workspace exactly, a backup imports to the same
// workspace (and so the same context and statistics), and every record's ids resolve.
import fc from 'fast-check';
import { DomainError } from '../../errors.js';
import { deepFreeze } from '../../testing/decider-spec.js';
import { agentSteps, resolveRefs, small, step, type Step } from '../../testing/session.arbitraries.js';
import { at, OWNER, recorded, SESSION_ID } from '../../testing/session.fixtures.js';
import type { SessionCommand } from './commands.js';
import { decideSession } from './decide.js';
import { foldSession } from './decider.js';
import type { SessionEvent } from './events.js';
import { evolveSession } from './evolve.js';
import { sessionStatistics } from '../analytics/index.js';
import { analystContext, needsSummary } from '../context/index.js';
import { eventsFromBackup, exportSession } from '../export/index.js';
import { initialSessionState, type SessionState } from './state.js';
import { diffSessions, isWorkspaceUnchanged, stateAtRevision } from '../time-travel/index.js';

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
  { weight: 1, arbitrary: step('CleanupOldContext', { before: fc.integer({ min: 0, max: 50 }).map((m) => at(m)) }) },
  { weight: 1, arbitrary: step('ArchiveCompletedTasks') },
  ...agentSteps(),
);

const toCommand = ({ type, ...params }: Step, minute: number): SessionCommand =>
  ({ type, data: { sessionId: SESSION_ID, actorId: OWNER, at: at(minute), ...params } }) as SessionCommand;

/** Plays the steps after a create, skipping what the domain refuses; decide sees frozen state. */
function playSteps(steps: Step[]): { events: SessionEvent[]; state: SessionState } {
  const create = toCommand({ type: 'CreateSession', sessionType: 'research', name: 'prop', metadata: { project: 'p' } }, 0);
  let state = initialSessionState();
  const events: SessionEvent[] = [];
  for (const [i, step] of [null, ...steps].entries()) {
    const c = step === null ? create : toCommand(resolveRefs(step, state), i);
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

// Half the sessions mix everything; the other half are mostly the agent at work, with enough
// discoveries in them for links, reviews and tags to happen often.
const agentStepArb = fc.oneof(
  ...agentSteps(),
  { weight: 1, arbitrary: step('PauseSession') },
  { weight: 2, arbitrary: step('ResumeSession') },
  { weight: 2, arbitrary: step('SaveCheckpoint', { name: small('cp1', 'cp2', 'cp3') }) },
  { weight: 1, arbitrary: step('RestoreCheckpoint', { name: small('cp1', 'cp2', 'cp3') }) },
);
const sessions = fc.oneof(
  fc.array(stepArb, { minLength: 5, maxLength: 50, size: 'max' }),
  fc.array(agentStepArb, { minLength: 5, maxLength: 50, size: 'max' }),
).map(playSteps);
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
        const imported = foldSession(eventsFromBackup(doc, { newSessionId: 'copy', importerId: 'someone', at: at(100), branchIdFor: (id) => `copy-${id}` }).map((e) => e.event));
        expect(imported.workspace).toEqual(state.workspace);
        expect(imported.governance.checkpoints).toEqual(state.governance.checkpoints);
        expect(imported.checkpointWorkspaces).toEqual(state.checkpointWorkspaces);
        // So the analyst sees the same session, and the analytics agree (up to the import itself).
        expect(analystContext(imported)).toEqual(analystContext(state));
        expect(needsSummary(imported)).toEqual(needsSummary(state));
        const { durationMinutes: _d, ...stats } = sessionStatistics(imported, at(100));
        const { durationMinutes: _d2, ...statsBefore } = sessionStatistics(state, at(100));
        expect(stats).toEqual(statsBefore);
      }),
      RUNS,
    );
  });

  it('every record keeps ids that resolve: turns to their tool calls, discoveries to their query and links', () => {
    fc.assert(
      fc.property(sessions, ({ state }) => {
        const ws = state.workspace;
        const calls = new Map(ws.toolInvocations.map((c) => [c.id, c]));
        const turns = new Set(ws.conversation.map((t) => t.id));
        expect(calls.size).toBe(ws.toolInvocations.length);
        expect(new Set(ws.materials.map((m) => m.formula)).size).toBe(ws.materials.length);
        for (const turn of ws.conversation) {
          for (const id of turn.toolInvocationIds) expect(calls.get(id)?.queryId).toBe(turn.id);
          for (const formula of turn.materials) expect(ws.materials.some((m) => m.formula === formula)).toBe(true);
        }
        for (const d of ws.discoveries) {
          if (d.evidence.queryId !== null) expect(turns.has(d.evidence.queryId)).toBe(true);
          for (const id of d.evidence.invocationIds) expect(calls.has(id)).toBe(true);
          for (const linkId of d.linkIds) expect(ws.discoveryLinks.find((l) => l.id === linkId)?.discoveryIds).toContain(d.id);
        }
        for (const s of ws.summaries) expect(turns.has(s.throughTurnId)).toBe(true);
      }),
      RUNS,
    );
  });
});
