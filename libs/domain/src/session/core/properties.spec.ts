// Properties over random command sequences, queries, answers and discoveries included: whatever
// users and the analyst do, time travel is a prefix fold, the state survives a snapshot (JSON) at
// any point, a restore gives back the checkpoint's workspace exactly, a backup imports to the same
// workspace (and so the same context and statistics), and every record's ids resolve.
import fc from 'fast-check';
import { DomainError } from '../../errors.js';
import { deepFreeze } from '../../testing/decider-spec.js';
import { agentSteps, resolveRefs, small, step, type Step } from '../../testing/session.arbitraries.js';
import { at, command, OWNER, play, prepared, recorded, SESSION_ID } from '../../testing/session.fixtures.js';
import type { SessionCommand } from './commands.js';
import { sessionFromParts, sessionFromSnapshot, sessionToSnapshot, type StatePart } from './snapshot.js';
import { sessionView } from './view.js';
import { workspaceCounts } from './counts.js';
import { decideSession } from './decide.js';
import { foldSession } from './decider.js';
import type { SessionEvent } from './events.js';
import { evolveSession, evolveWithChanges } from './evolve.js';
import { sessionStatistics } from '../analytics/index.js';
import { analystContext, needsSummary } from '../context/index.js';
import { eventsFromBackup, exportSession } from '../export/index.js';
import { initialSessionState, type SessionState } from './state.js';
import { diffOfChanges, diffSessions, isWorkspaceUnchanged, stateAtRevision, type PartChange } from '../time-travel/index.js';

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
    // A restore as the application prepares it, from the events so far.
    const c = step === null ? create : prepared(toCommand(resolveRefs(step, state), i), events);
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

/** The timeline of a stream as the read model keeps it: every version of every item, [from, to). */
function timelineOf(events: SessionEvent[]): { at(r: number): StatePart[]; between(a: number, b: number): PartChange[] } {
  const versions: Array<StatePart & { from: number; to: number }> = [];
  let state = initialSessionState();
  events.forEach((event, revision) => {
    const { state: next, applied } = evolveWithChanges(state, event);
    for (const change of applied) {
      const open = versions.find((v) => v.part === change.part && v.key === change.key && v.to === Infinity);
      if (open && open.from === revision) Object.assign(open, change);
      else {
        if (open) open.to = revision;
        versions.push({ ...change, from: revision, to: Infinity });
      }
    }
    state = next;
  });
  const valid = (r: number) => versions.filter((v) => v.from <= r && r < v.to);
  const strip = ({ from: _f, to: _t, ...part }: StatePart & { from: number; to: number }): StatePart => part;
  return {
    at: (r) => valid(r).filter((v) => !v.deleted).map(strip),
    between: (a, b) => {
      const changes = new Map<string, PartChange>();
      for (const v of valid(a).filter((v) => v.to <= b)) changes.set(`${v.part}|${v.key}`, { part: v.part, key: v.key, before: strip(v), after: null });
      for (const v of valid(b).filter((v) => v.from > a)) {
        const c = changes.get(`${v.part}|${v.key}`) ?? { part: v.part, key: v.key, before: null, after: null };
        changes.set(`${v.part}|${v.key}`, { ...c, after: strip(v) });
      }
      return [...changes.values()];
    },
  };
}

describe('session properties', () => {
  it('the timeline the read model keeps gives the state at every revision, and the diff between any two, as the fold does', () => {
    fc.assert(
      fc.property(sessions, fc.nat(), fc.nat(), ({ events }, x, y) => {
        const timeline = timelineOf(events);
        for (let r = 0; r < events.length; r++) {
          const folded = stateAtRevision(events, r);
          const rebuilt = sessionFromParts(timeline.at(r), r + 1);
          expect(sessionView(rebuilt).workspace).toEqual(sessionView(folded).workspace);
          expect({ ...sessionView(rebuilt).governance, updatedAt: '' }).toEqual({ ...sessionView(folded).governance, updatedAt: '' });
          // Records at the same places, so what follows is placed the same too.
          expect(sessionToSnapshot({ ...rebuilt, governance: { ...rebuilt.governance, updatedAt: '' } })).toEqual(sessionToSnapshot({ ...folded, governance: { ...folded.governance, updatedAt: '' } }));
        }
        const [a, b] = [x % events.length, y % events.length].sort((p, q) => p - q) as [number, number];
        if (a < b) expect(diffOfChanges(timeline.between(a, b))).toEqual(diffSessions(stateAtRevision(events, a), stateAtRevision(events, b)));
      }),
      { numRuns: 150 },
    );
  });

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

  it('a snapshot (JSON) taken at any revision folds on to the same state, records at the same places', () => {
    fc.assert(
      fc.property(sessions, fc.nat(), ({ events, state }, cut) => {
        const at = events.length === 0 ? 0 : cut % events.length;
        const snapshot = sessionFromSnapshot(JSON.parse(JSON.stringify(sessionToSnapshot(foldSession(events.slice(0, at))))));
        const folded = foldSession(events.slice(at), snapshot);
        expect(folded).toEqual(state);
        expect(sessionToSnapshot(folded)).toEqual(sessionToSnapshot(state));
        expect(sessionFromSnapshot(JSON.parse(JSON.stringify(sessionToSnapshot(state))))).toEqual(state);
      }),
      RUNS,
    );
  });

  it('restoring a checkpoint gives back the workspace of the revision it marks, and nothing of governance', () => {
    fc.assert(
      fc.property(sessions, ({ events, state }) => {
        if (state.governance.status !== 'active' && state.governance.status !== 'created') return;
        for (const cp of state.governance.checkpoints) {
          const after = play([command('RestoreCheckpoint', { name: cp.name, at: at(200) })], events);
          const restored = foldSession(after);
          expect(restored.workspace).toEqual(stateAtRevision(events, cp.revision).workspace);
          // The counts it carries are the restored workspace's.
          const event = after.at(-1)!;
          if (event.type === 'CheckpointRestored') expect(event.data.counts).toEqual(workspaceCounts(restored.workspace));
          expect({ ...restored.governance, updatedAt: '' }).toEqual({ ...state.governance, updatedAt: '' });
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
          const after = foldSession(play([...resume, toCommand({ type: 'RestoreCheckpoint', name: cp.name }, 91)], events));
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
