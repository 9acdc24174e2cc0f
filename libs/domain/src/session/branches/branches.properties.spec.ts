// Properties of merges over random work on a parent and its branch (context items, focus,
// hypotheses, tasks, questions answered with materials, tool states and discoveries, hygiene):
// after a merge with `theirs`, the parent lacks nothing the branch has, and whatever still
// differs (in content) is something the parent itself changed since the fork; every id in the
// merged parent resolves; and a second merge with nothing new appends nothing.
import fc from 'fast-check';
import { DomainError } from '../../errors.js';
import { ownValue } from '../../json.js';
import { deepFreeze } from '../../testing/decider-spec.js';
import { ANSWER } from '../../testing/agent.fixtures.js';
import { small, step, type Step } from '../../testing/session.arbitraries.js';
import { at, OWNER, prepared, SESSION_ID } from '../../testing/session.fixtures.js';
import { branchBaseState } from './reads.js';
import { Items } from '../core/items.js';
import { sameContent } from '../core/compare.js';
import type { SessionCommand } from '../core/commands.js';
import { decideSession } from '../core/decide.js';
import { foldSession } from '../core/decider.js';
import type { SessionEvent } from '../core/events.js';
import { DISCOVERY_CATEGORIES, initialSessionState, WORKSPACE_PARTS, type MergeStrategy, type SessionState, type Workspace, type WorkspacePart } from '../core/state.js';
import { diffWorkspaces, prepareMerge } from '../time-travel/index.js';

// '#x' is an id made on one side (each side makes its own, as real ids are); '@…' names what is there.
const tool = small('composition', 'visualization');
const formula = small('LiFePO4', 'LiMn2O4', 'LiCoO2');
const stepArb = fc.oneof(
  { weight: 3, arbitrary: step('AddContextItem', { key: small('a', 'b', 'c'), value: fc.oneof(small('x', 'y'), fc.integer({ min: 0, max: 3 })), kind: small('custom', 'materials') }) },
  { weight: 1, arbitrary: step('RemoveContextItem', { key: small('a', 'b', 'c') }) },
  { weight: 1, arbitrary: step('ClearContext', { kind: small('custom', 'materials') }) },
  { weight: 1, arbitrary: step('CleanupOldContext', { before: fc.integer({ min: 0, max: 40 }).map((m) => at(m)) }) },
  { weight: 2, arbitrary: step('SetFocus', { focus: small('LiFePO4', 'spinels', null) }) },
  { weight: 1, arbitrary: step('ConfigureContext', { maxHistory: small(10, 20, 30) }) },
  { weight: 2, arbitrary: step('AddHypothesis', { hypothesisId: small('#h1', '#h2'), statement: small('olivine helps', 'doping helps') }) },
  { weight: 2, arbitrary: step('AddTask', { taskId: small('#t1', '#t2', '#t3'), title: small('measure', 'compare') }) },
  { weight: 3, arbitrary: step('CompleteTask', { taskId: small('@t0', '@t1', '@t2') }) },
  { weight: 1, arbitrary: step('ArchiveCompletedTasks') },
  { weight: 3, arbitrary: step('AskQuery', { queryId: small('#q1', '#q2', '#q3'), text: small('Analyse LiFePO4', 'What about spinels?') }) },
  {
    weight: 4,
    arbitrary: step('RecordAnswer', {
      queryId: fc.constant('@pending'),
      toolInvocations: fc.uniqueArray(fc.record({ invocationId: small('#i1', '#i2', '#i3', '#i4'), tool, input: fc.constant({}), output: fc.integer({ min: 0, max: 9 }), durationMs: fc.constant(1) }), { maxLength: 2, selector: (i) => i.invocationId }),
      toolStates: fc.dictionary(tool, fc.oneof(fc.integer({ min: 0, max: 3 }), fc.constant(null)), { maxKeys: 2 }),
      materials: fc.array(fc.record({ formula, properties: fc.dictionary(small('structure', 'bandGap'), fc.integer({ min: 0, max: 9 }), { maxKeys: 2 }), source: small('table', 'model') }), { maxLength: 2 }),
      answer: fc.constant(ANSWER),
      discoveries: fc.uniqueArray(fc.record({ discoveryId: small('#d1', '#d2'), category: small(...DISCOVERY_CATEGORIES), description: small('olivine helps'), materials: fc.constant([]), confidence: small(0.8, 0.9) }), { maxLength: 1, selector: (d) => d.discoveryId }),
    }),
  },
  { weight: 1, arbitrary: step('FailQuery', { queryId: fc.constant('@pending'), reason: small('timeout'), retryable: fc.boolean() }) },
  { weight: 2, arbitrary: step('RecordDiscovery', { discoveryId: small('#d3', '#d4'), category: small(...DISCOVERY_CATEGORIES), description: small('manual'), materials: fc.constant([]), evidence: fc.constant(null), confidence: small(0.8) }) },
  { weight: 1, arbitrary: step('ValidateDiscovery', { discoveryId: small('@d0', '@d1') }) },
  { weight: 1, arbitrary: step('RejectDiscovery', { discoveryId: small('@d0', '@d1') }) },
  { weight: 2, arbitrary: step('TagDiscovery', { discoveryId: small('@d0', '@d1'), tags: fc.subarray(['cathode', 'spinel', 'review'], { minLength: 1 }) }) },
  { weight: 1, arbitrary: step('LinkDiscoveries', { linkId: small('#l1', '#l2'), discoveryIds: fc.constant(['@d0', '@d1']), relationship: small('supports', 'contradicts') }) },
  { weight: 1, arbitrary: step('RecordSummary', { summaryId: small('#s1', '#s2'), keyFindings: fc.constant(['olivine']), materialsOfInterest: fc.constant([]), nextSteps: fc.constant([]), model: small('offline') }) },
  { weight: 1, arbitrary: step('SaveCheckpoint', { name: small('c1', 'c2') }) },
  { weight: 1, arbitrary: step('RestoreCheckpoint', { name: small('c1', 'c2') }) },
);

function resolve(value: unknown, side: string, state: SessionState): unknown {
  if (Array.isArray(value)) return value.map((v) => resolve(v, side, state));
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v, side, state)]));
  if (typeof value !== 'string') return value;
  const ws = state.workspace;
  if (value.startsWith('#')) return `${side}-${value.slice(1)}`;
  if (value === '@pending') return ws.conversation.find((t) => t.status === 'pending')?.id ?? 'q-none';
  const ref = /^@([td])(\d)$/.exec(value);
  if (!ref) return value;
  const list = ref[1] === 't' ? ws.tasks : ws.discoveries;
  return list.values().at(-1 - Number(ref[2]))?.id ?? 'none';
}

const toCommand = ({ type, ...params }: Step, minute: number): SessionCommand =>
  ({ type, data: { sessionId: SESSION_ID, actorId: OWNER, at: at(minute), ...params } }) as SessionCommand;

interface Stream {
  state: SessionState;
  /** Every event of the stream, folded from `base` (the empty state when absent). */
  events: SessionEvent[];
  base?: SessionState;
}

/** Decides each step on the stream as it is, as handle() would, skipping what the domain refuses. */
function playSteps(stream: Stream, steps: Step[], side: string, minute: number): Stream {
  let { state } = stream;
  const events = [...stream.events];
  steps.forEach((s, i) => {
    try {
      // A restore as the application prepares it, from the stream so far.
      const command = prepared(toCommand(resolve(s, side, state) as Step, minute + i), events, stream.base);
      const produced = decideSession(command, deepFreeze(state));
      state = foldSession(produced, state);
      events.push(...produced);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
    }
  });
  return { state, events, ...(stream.base ? { base: stream.base } : {}) };
}

const valueOf = (ws: Workspace, part: WorkspacePart, key: string): unknown => {
  if (part === 'focus') return ws.focus;
  if (part === 'tasks' || part === 'archivedTasks') return [...ws.tasks, ...ws.archivedTasks].find((t) => t.id === key) ?? null;
  const value = ws[part];
  if (value instanceof Items) return value.get(key) ?? null;
  return ownValue(value as unknown as Record<string, unknown>, key) ?? null;
};

const withoutOrigin = (ws: Workspace): Workspace => ({
  ...ws,
  conversation: Items.of(ws.conversation.map(({ origin: _o, ...t }) => t), (t) => t.id),
  materials: Items.of(ws.materials.map(({ origin: _o, ...m }) => m), (m) => m.id),
});

/** A merge waits for the branch's questions: settle them first. */
function settle(branch: Stream, minute: number): Stream {
  const pending = branch.state.workspace.conversation.filter((t) => t.status === 'pending');
  return playSteps(branch, pending.map((t): Step => ({ type: 'FailQuery', queryId: t.id, reason: 'stopped', retryable: false })), 'b', minute);
}

/** A session with some work, a branch forked at its head, then work on both sides. */
function diverge(before: Step[], parentSteps: Step[], branchSteps: Step[]) {
  const empty: Stream = { state: initialSessionState(), events: [] };
  const setup = playSteps(empty, [{ type: 'CreateSession', sessionType: 'research', name: 'prop' }, { type: 'StartSession' }, ...before], 'pre', 0);
  const forkRevision = setup.events.length - 1;
  const created = playSteps(setup, [{ type: 'CreateBranch', branchId: 'br-1', name: 'b', fromRevision: forkRevision }], 'pre', 30);
  const base = branchBaseState(created.state, setup.state);
  const forked = playSteps({ state: base, events: [], base }, [{ type: 'ForkBranch', branchId: 'br-1', name: 'b', parentBranchId: null, forkRevision }], 'b', 30);
  const branch = settle(playSteps(forked, branchSteps, 'b', 40), 80);
  return { atFork: setup.state.workspace, parent: playSteps(created, parentSteps, 'p', 40), branch, base };
}

/**
 * Whatever differs from the branch after a merge with theirs is something the parent changed
 * since the base, both as the merge sees them: in content, not in when.
 */
function expectOnlyParentChanges(diff: ReturnType<typeof diffWorkspaces>, ws: { after: Workspace; branch: Workspace; parent: Workspace; base: Workspace }): void {
  for (const part of WORKSPACE_PARTS) {
    const { added, removed, changed } = diff[part];
    for (const key of [...added, ...removed, ...changed].map((e) => e.key)) {
      if (sameContent(valueOf(ws.after, part, key), valueOf(ws.branch, part, key))) continue;
      if (sameContent(valueOf(ws.parent, part, key), valueOf(ws.base, part, key))) throw new Error(`${part}.${key} differs from the branch, but the parent did not change it since the base`);
    }
  }
}

/** Every id in a merged parent resolves. */
function expectIdsResolve(ws: Workspace): void {
  const calls = new Map(ws.toolInvocations.map((c) => [c.id, c]));
  for (const turn of ws.conversation) {
    for (const id of turn.toolInvocationIds) expect(calls.get(id)?.queryId).toBe(turn.id);
    for (const f of turn.materials) expect(ws.materials.some((m) => m.formula === f)).toBe(true);
  }
  for (const d of ws.discoveries) for (const linkId of d.linkIds) expect(ws.discoveryLinks.some((l) => l.id === linkId)).toBe(true);
}

const sides = fc.record({
  before: fc.array(stepArb, { maxLength: 15 }),
  parent: fc.array(stepArb, { maxLength: 25 }),
  branch: fc.array(stepArb, { maxLength: 25 }),
});

describe('merge properties', () => {
  it('after a merge with theirs, whatever differs from the branch is the parent\'s own change since the fork', () => {
    fc.assert(
      fc.property(sides, (steps) => {
        const { atFork, parent, branch, base } = diverge(steps.before, steps.parent, steps.branch);
        const merge = (state: SessionState, strategy: MergeStrategy, minute: number) =>
          toCommand({ type: 'MergeBranch', branchId: 'br-1', strategy, ...prepareMerge(state.governance.branches.values()[0]!, branch.events, base) }, minute);
        const merged = decideSession(merge(parent.state, 'theirs', 90), parent.state);
        const after = foldSession(merged, parent.state);

        const diff = diffWorkspaces(withoutOrigin(branch.state.workspace), withoutOrigin(after.workspace));
        expectOnlyParentChanges(diff, { after: after.workspace, branch: branch.state.workspace, parent: parent.state.workspace, base: atFork });
        // No event when the branch brought nothing the parent lacks.
        if (merged.length > 0) expect(after.governance.branches.values()[0]).toMatchObject({ status: 'merged', lastMergedRevision: branch.events.length - 1 });
        expect(JSON.parse(JSON.stringify(after))).toEqual(after);

        // And what the branch changed, it wins: focus, settings, context items and tool states.
        const theirs = branch.state.workspace;
        if (theirs.focus !== atFork.focus) expect(after.workspace.focus).toBe(theirs.focus);
        for (const key of Object.keys(theirs.contextConfig) as Array<keyof Workspace['contextConfig']>) {
          if (theirs.contextConfig[key] !== atFork.contextConfig[key]) expect(after.workspace.contextConfig[key]).toBe(theirs.contextConfig[key]);
        }
        for (const part of ['contextItems', 'toolStates'] as const) {
          for (const key of new Set([...diff[part].added, ...diff[part].removed, ...diff[part].changed].map((e) => e.key))) {
            if (!sameContent(valueOf(theirs, part, key), valueOf(atFork, part, key))) expect(sameContent(valueOf(after.workspace, part, key), valueOf(theirs, part, key))).toBe(true);
          }
        }

        expectIdsResolve(after.workspace);

        expect(decideSession(merge(after, 'merge', 95), after)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('merged again after more work on both sides (restores included), whatever differs from the branch is the parent\'s own change since the base (the branch as first merged)', () => {
    fc.assert(
      fc.property(sides, fc.array(stepArb, { maxLength: 15 }), fc.array(stepArb, { maxLength: 15 }), (steps, parentMore, branchMore) => {
        const { parent, branch, base } = diverge(steps.before, steps.parent, steps.branch);
        const merge = (state: SessionState, events: SessionEvent[], minute: number) =>
          toCommand({ type: 'MergeBranch', branchId: 'br-1', strategy: 'theirs', ...prepareMerge(state.governance.branches.values()[0]!, events, base) }, minute);
        const firstMerge = decideSession(merge(parent.state, branch.events, 90), parent.state);
        const first = foldSession(firstMerge, parent.state);
        const parentAgain = playSteps({ state: first, events: [...parent.events, ...firstMerge] }, parentMore, 'p2', 100);
        const branchAgain = settle(playSteps(branch, branchMore, 'b2', 100), 150);
        const after = foldSession(decideSession(merge(parentAgain.state, branchAgain.events, 190), parentAgain.state), parentAgain.state);

        const diff = diffWorkspaces(withoutOrigin(branchAgain.state.workspace), withoutOrigin(after.workspace));
        expectOnlyParentChanges(diff, { after: after.workspace, branch: branchAgain.state.workspace, parent: parentAgain.state.workspace, base: branch.state.workspace });
        expectIdsResolve(after.workspace);
      }),
      { numRuns: 300 },
    );
  });

  it('with ours, a merge never changes what the parent changed itself', () => {
    fc.assert(
      fc.property(sides, (steps) => {
        const { atFork, parent, branch, base } = diverge(steps.before, steps.parent, steps.branch);
        const command = toCommand({ type: 'MergeBranch', branchId: 'br-1', strategy: 'ours', ...prepareMerge(parent.state.governance.branches.values()[0]!, branch.events, base) }, 90);
        const after = foldSession(decideSession(command, parent.state), parent.state).workspace;
        const ours = parent.state.workspace;
        // Scalars and settings the parent set keep the parent's value.
        if (ours.focus !== atFork.focus) expect(after.focus).toBe(ours.focus);
        for (const key of Object.keys(ours.contextConfig) as Array<keyof Workspace['contextConfig']>) {
          if (ours.contextConfig[key] !== atFork.contextConfig[key]) expect(after.contextConfig[key]).toBe(ours.contextConfig[key]);
        }
        // "Changed" as the merge defines it: in content, not in when (re-adding the same item
        // after a detour is no change, so the branch's value may then come in).
        for (const item of ours.contextItems) {
          if (!sameContent(item, valueOf(atFork, 'contextItems', item.key))) expect(after.contextItems.find((i) => i.key === item.key)).toEqual(item);
        }
      }),
      { numRuns: 200 },
    );
  });
});
