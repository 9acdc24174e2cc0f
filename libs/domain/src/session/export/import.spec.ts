// An import is decided, not copied (issue 15): every event of a backup must be what its command
// would have recorded on the state folded so far, and ids that name the original's branch streams
// become the new session's own.
import { NotFound, ValidationError } from '../../errors.js';
import { answerCommand, invocation, material, proposal } from '../../testing/agent.fixtures.js';
import { forkSession, mergeCommand, playOn } from '../../testing/branch.fixtures.js';
import { at, command, createCommand, OWNER, play, recorded, SESSION_ID } from '../../testing/session.fixtures.js';
import { decideSession } from '../core/decide.js';
import { foldSession } from '../core/decider.js';
import type { SessionEvent } from '../core/events.js';
import { eventsFromBackup, exportSession, type ImportOptions } from './export.js';

const IMPORTER = 'user_456';
const NEW_ID = 'sess-2';
const options: ImportOptions = { newSessionId: NEW_ID, importerId: IMPORTER, at: at(60), branchIdFor: (old) => `copy-${old}` };

const backupOf = (events: SessionEvent[]): Record<string, any> =>
  JSON.parse(JSON.stringify(exportSession(foldSession(events), recorded(events), { includeEvents: true, exportedAt: at(59) })));

/** A backup whose stream is `events`, whatever they are: what a hand-made document can hold. */
function forged(events: Array<{ type: string; data: unknown }>): Record<string, any> {
  const doc = backupOf(play([createCommand()]));
  const first = doc.events[0];
  doc.events = [first, ...events.map((e, i) => ({ ...first, eventId: `forged-${i}`, type: e.type, data: e.data, revision: String(i + 1) }))];
  return doc;
}

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value));
const importOf = (doc: unknown) => eventsFromBackup(doc, options).map((e) => e.event);

function refusal(doc: unknown): ValidationError {
  try {
    eventsFromBackup(doc, options);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return error as ValidationError;
  }
  throw new Error('the import was not refused');
}

const started = () => play([createCommand(), command('StartSession', { at: at(1) })]);

describe('import: defect 1, a query that could not have been asked', () => {
  it('refuses a QueryAsked on a created session: asking there starts the session first', () => {
    const error = refusal(forged([{ type: 'QueryAsked', data: { queryId: 'q1', text: 'Analyse LiFePO4', at: at(1) } }]));
    expect(error.field).toBe('events[1].type');
    expect(error.message).toMatch(/created/);
    expect(error.message).toMatch(/SessionStarted, QueryAsked/);
  });

  it('imports the same question asked as AskQuery records it', () => {
    const events = play([createCommand(), command('AskQuery', { queryId: 'q1', text: 'Analyse LiFePO4', at: at(1) })]);
    expect(events.map((e) => e.type)).toEqual(['SessionCreated', 'SessionStarted', 'QueryAsked']);
    expect(foldSession(importOf(backupOf(events))).workspace.conversation.values()[0]).toMatchObject({ id: 'q1', status: 'pending' });
  });

  it('refuses an answer or a failure of a query the session never asked, naming the query', () => {
    const doc = backupOf(started());
    const next = (type: string, data: object) => ({ ...doc.events[1], eventId: 'x', type, data: { ...data, at: at(2) }, revision: '2' });
    doc.events.push(next('QueryFailed', { queryId: 'q-none', reason: 'lost', retryable: true }));
    expect(refusal(doc).field).toBe('events[2].data.queryId');
  });
});

describe('import: defect 2, an event its projection cannot read', () => {
  it('refuses TasksArchived without taskIds, naming the field', () => {
    const error = refusal(forged([{ type: 'TasksArchived', data: { at: at(1) } }]));
    expect(error.field).toBe('events[1].data.taskIds');
  });

  it('refuses TasksArchived naming a task that is not completed', () => {
    const events = play([command('AddTask', { taskId: 't1', title: 'measure', at: at(2) })], started());
    const doc = backupOf(events);
    doc.events.push({ ...doc.events[2], eventId: 'x', type: 'TasksArchived', data: { taskIds: ['t1'], at: at(3) }, revision: '3' });
    expect(refusal(doc).field).toBe('events[3].data.taskIds');
  });

  it('imports the tasks archived as ArchiveCompletedTasks records them', () => {
    const events = play([
      command('AddTask', { taskId: 't1', title: 'measure', at: at(2) }),
      command('CompleteTask', { taskId: 't1', at: at(3) }),
      command('ArchiveCompletedTasks', { at: at(4) }),
    ], started());
    expect(foldSession(importOf(backupOf(events))).workspace.archivedTasks.map((t) => t.id)).toEqual(['t1']);
  });
});

describe('import: defect 3, branch ids name the original session\'s streams', () => {
  /** A session with a branch merged once, then discarded: every branch event a session stream holds. */
  function branched(): SessionEvent[] {
    const session = play([command('AddHypothesis', { hypothesisId: 'h1', statement: 'olivine', at: at(2) })], started());
    const { parent, branch, base } = forkSession(session, { minute: 3 });
    const worked = playOn(base, [
      command('AskQuery', { queryId: 'qb', text: 'What about spinels?', at: at(4) }),
      answerCommand('qb', { at: at(5) }),
    ], branch);
    const merged = play([mergeCommand(parent, worked, base, 'merge', 6)], parent);
    return play([command('DiscardBranch', { branchId: 'br-1', at: at(7) })], merged);
  }

  it('gives every branch id the new session\'s own, from the old id, the same on every import', () => {
    const doc = backupOf(branched());
    const events = importOf(doc);
    const branchIds = events.flatMap((e) => ('branchId' in e.data ? [e.data.branchId] : []));
    expect(branchIds).toEqual(['copy-br-1', 'copy-br-1', 'copy-br-1']);
    const state = foldSession(events);
    expect(state.workspace.conversation.find((t) => t.id === 'qb')?.origin).toEqual({ branchId: 'copy-br-1' });
    expect(importOf(doc)).toEqual(events);
  });

  it('marks the refs it imported: their streams stayed with the original, so their names are free again', () => {
    const state = foldSession(importOf(backupOf(branched())));
    expect(state.governance.branches).toEqual([expect.objectContaining({ branchId: 'copy-br-1', status: 'discarded', imported: true })]);
    const open = foldSession(importOf(backupOf(forkSession(started()).parent)));
    expect(open.governance.branches).toEqual([expect.objectContaining({ status: 'open', imported: true })]);
    const name = open.governance.branches.values()[0]!.name;
    const base = { sessionId: NEW_ID, actorId: IMPORTER, at: at(61) };
    expect(decideSession({ type: 'CreateBranch', data: { ...base, branchId: 'fresh', name, fromRevision: 0 } }, open)).toHaveLength(1);
    expect(() => decideSession({ type: 'DiscardBranch', data: { ...base, branchId: 'copy-br-1' } }, open)).toThrow(NotFound);
  });

  it('imports a copy of a copy of a copy: each import closes the events before it', () => {
    let events = branched();
    for (const n of [1, 2, 3]) {
      const options = { newSessionId: `copy-${n}`, importerId: IMPORTER, at: at(60 + n), branchIdFor: (old: string) => `c${n}-${old}` };
      events = eventsFromBackup(backupOf(events), options).map((e) => e.event);
      events = play([command('AddTask', { sessionId: `copy-${n}`, actorId: IMPORTER, taskId: `t${n}`, title: 'more', at: at(70 + n) })], events);
    }
    const state = foldSession(events);
    expect(events.filter((e) => e.type === 'SessionImported')).toHaveLength(3);
    expect(state.governance.branches).toEqual([expect.objectContaining({ branchId: 'c3-c2-c1-br-1', imported: true })]);
    expect(state.workspace.tasks.map((t) => t.id)).toEqual(['t1', 't2', 't3']);
  });

  it('refuses BranchForked: it only ever starts a branch stream', () => {
    const error = refusal(forged([{ type: 'BranchForked', data: { branchId: 'theirs', sessionId: 'mine', name: 'x', parentStream: 'session-mine', parentBranchId: null, forkRevision: 0, at: at(1) } }]));
    expect(error.field).toBe('events[1].type');
  });

  it('refuses a merge or a discard of a branch the backup never created', () => {
    const merged = { branchId: 'theirs', branchRevision: 3, strategy: 'merge', changes: { focus: 'x' }, resolutions: [], at: at(2) };
    expect(refusal(forged([{ type: 'SessionStarted', data: { at: at(1) } }, { type: 'BranchMerged', data: merged }])).field).toBe('events[2].data.branchId');
    expect(refusal(forged([{ type: 'BranchDiscarded', data: { branchId: 'theirs', at: at(1) } }])).field).toBe('events[1].data.branchId');
  });

  it('refuses a merge that brings a question still pending, or changes of the wrong shape', () => {
    const events = branched().slice(0, -1);
    const doc = backupOf(events);
    const merge = doc.events.findIndex((e: { type: string }) => e.type === 'BranchMerged');
    const pending = clone(doc);
    pending.events[merge].data.changes.conversation[0].status = 'pending';
    expect(refusal(pending).field).toBe(`events[${merge}].data.changes.conversation[0].status`);
    const shape = clone(doc);
    shape.events[merge].data.changes.materials = 'LiFePO4';
    expect(refusal(shape).field).toBe(`events[${merge}].data.changes.materials`);
  });

  it('refuses a merge or a restore whose counts are not those of the workspace it leaves', () => {
    const events = play([command('SaveCheckpoint', { name: 'cp', at: at(40) }), command('RestoreCheckpoint', { name: 'cp', at: at(41) })], branched().slice(0, -1));
    const doc = backupOf(events);
    const merge = doc.events.findIndex((e: { type: string }) => e.type === 'BranchMerged');
    const restore = doc.events.findIndex((e: { type: string }) => e.type === 'CheckpointRestored');
    expect(doc.events[merge].data.counts).toBeDefined();
    expect(() => importOf(doc)).not.toThrow();
    const forgedMerge = clone(doc);
    forgedMerge.events[merge].data.counts.queries += 5;
    expect(refusal(forgedMerge).field).toBe(`events[${merge}].data.counts`);
    const forgedRestore = clone(doc);
    forgedRestore.events[restore].data.counts.tasks += 1;
    expect(refusal(forgedRestore).field).toBe(`events[${restore}].data.counts`);
  });
});

describe('import: every event is what its command would record', () => {
  const answeredSession = () => play([
    command('AskQuery', { queryId: 'q1', text: 'Analyse LiFePO4', at: at(2) }),
    answerCommand('q1', { toolInvocations: [invocation('inv-1')], toolStates: { composition: { last: 'LiFePO4' } }, materials: [material()], discoveries: [proposal('d1')], at: at(3) }),
    command('SaveCheckpoint', { name: 'cp1', at: at(4) }),
  ], started());

  it('imports a session the agent worked in, keeping who saved each checkpoint', () => {
    const events = answeredSession();
    const imported = importOf(backupOf(events));
    expect(imported.slice(1, -1)).toEqual(events.slice(1));
    expect(foldSession(imported).governance.checkpoints.values()[0]).toMatchObject({ name: 'cp1', savedBy: OWNER });
  });

  // Found by the property "a backup imports to the same workspace" (seed 251814941): a client-side
  // tool call while a question is pending, then the answer changing that tool's state a minute later.
  // The ToolStateChanged after the call is the answer's (its own time), not the call's.
  it('imports a client-side tool call followed by an answer that changes the same tool\'s state', () => {
    const events = play([
      command('AskQuery', { queryId: 'q1', text: 'Analyse LiFePO4', at: at(2) }),
      command('RecordToolInvocation', { invocationId: 'inv-41', tool: 'composition', input: {}, output: 0, durationMs: 0, at: at(3) }),
      answerCommand('q1', { toolStates: { composition: 0 }, at: at(4) }),
    ], started());
    expect(events.slice(-3).map((e) => [e.type, e.data.at])).toEqual([['ToolInvoked', at(3)], ['ToolStateChanged', at(4)], ['QueryAnswered', at(4)]]);
    expect(importOf(backupOf(events)).slice(1, -1)).toEqual(events.slice(1));
  });

  const edited = (edit: (events: Array<Record<string, any>>) => void) => {
    const doc = backupOf(answeredSession());
    edit(doc.events);
    return refusal(doc);
  };

  it('refuses data no command writes: unknown keys, wrong types, over-long text, JSON nested too deeply', () => {
    expect(edited((e) => void (e[2].data.evil = { nested: true })).field).toBe('events[2].data.evil');
    expect(edited((e) => void (e[2].data.text = 'x'.repeat(10_001))).field).toBe('events[2].data.text');
    expect(edited((e) => void (e[3].data.durationMs = '3'))).toMatchObject({ field: 'events[3].data.durationMs' });
    let deep: unknown = 'bottom';
    for (let i = 0; i < 40; i++) deep = { deep };
    expect(edited((e) => void (e[0].data.metadata = { deep })).field).toBe('events[0].data.metadata');
    expect(edited((e) => void (e[1].metadata.actor = { userId: 'x'.repeat(500), via: 'api' })).field).toBe('events[1].metadata.actor.userId');
  });

  it('refuses the parts of an answer apart from their answer, or an answer cut short', () => {
    const renumber = (e: Array<Record<string, any>>) => e.forEach((x, i) => (x.revision = String(i)));
    expect(edited((e) => (e.splice(6, 1), renumber(e))).field).toBe('events[6].type');
    const refused = edited((e) => {
      const detected = e.findIndex((x) => x.type === 'DiscoveryDetected');
      e.splice(2, 0, ...e.splice(detected, 1));
      renumber(e);
    });
    expect(refused.field).toBe('events[2].type');
  });

  it('refuses references to what does not exist and moves the status machine forbids', () => {
    const doc = backupOf(started());
    const add = (type: string, data: object) => doc.events.push({ ...doc.events[1], eventId: `x${doc.events.length}`, type, data: { ...data, at: at(9) }, revision: String(doc.events.length) });
    const refusedWith = (type: string, data: object) => {
      const copy = clone(doc);
      copy.events.push({ ...doc.events[1], eventId: 'y', type, data: { ...data, at: at(9) }, revision: String(doc.events.length) });
      return refusal(copy).field;
    };
    expect(refusedWith('TaskCompleted', { taskId: 't9' })).toBe('events[2].data.taskId');
    expect(refusedWith('CheckpointRestored', { name: 'cp9', revision: 1, trigger: 'restore' })).toBe('events[2].data.name');
    expect(refusedWith('SessionArchived', {})).toBe('events[2].type');
    expect(refusedWith('SessionSeededFromTemplate', { template: 'materials_discovery_workflow', version: 1, parameters: {} })).toBe('events[2].type');
    expect(refusedWith('SessionImported', { sourceSessionId: 'other', sourceRevision: 7 })).toBe('events[2].data.sourceRevision');
    add('CheckpointSaved', { name: 'cp1', revision: 1, savedBy: OWNER });
    expect(refusedWith('CheckpointRestored', { name: 'cp1', revision: 0, trigger: 'restore' })).toBe('events[3].data.revision');
    expect(refusedWith('DiscoveriesLinked', { linkId: 'l1', discoveryIds: ['d1', 'd2'], relationship: 'supports' })).toBe('events[3].data.discoveryIds');
  });

  it('refuses the backup of another session shape: a second SessionCreated, a bad source id', () => {
    const doc = backupOf(started());
    doc.session.id = '../../etc';
    expect(refusal(doc).field).toBe('session.id');
    expect(refusal(forged([{ type: 'SessionCreated', data: backupOf(started()).events[0].data }])).field).toBe('events[1].type');
  });

  it('keeps the original session id in the provenance, and the closing SessionImported', () => {
    const imported = eventsFromBackup(backupOf(started()), options);
    expect(imported.at(-1)).toEqual({ event: { type: 'SessionImported', data: { sourceSessionId: SESSION_ID, sourceRevision: 1, at: at(60) } }, metadata: {} });
  });
});
