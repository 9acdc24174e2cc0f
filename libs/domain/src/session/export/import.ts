// An import is decided, not copied. Each event of a backup must have the shape its command writes
// (shapes.ts); then the command that records it is rebuilt from it (each event's slice says how)
// and decided again on the state folded so far, by the same decide every request goes through,
// and what that decision records must be exactly the event. So the status machine, the
// references (an answer names a pending query, a restore a checkpoint at that revision) and every
// limit hold for an imported session as for any other. The few events no command of a session
// stream decides alone (a merge, whose branch is not in the backup; a template's seed; an earlier
// import's close; a membership event naming the importer, who owns the copy) are admitted by the
// checks their command would make.
//
// A backup's branch ids name the original session's branch streams: each becomes an id of the new
// session's own (`branchIdFor`, deterministic), and BranchForked, which only ever starts a branch
// stream, is refused. A signature becomes SignatureImported, a fact that the original was signed
// (signatures/import.ts says why, and what is checked of it).
import { AlreadyExists, DomainError, IllegalTransition, NotFound, QueryNotPending, ValidationError } from '../../errors.js';
import { deepEqual, isPlainObject } from '../../json.js';
import { findBranch, isEmptyChanges, type BranchMerged, type WorkspaceChanges } from '../branches/index.js';
import { findCheckpoint, latestCheckpoint, restoreChanges } from '../checkpoints/index.js';
import type { CommandBase } from '../core/command-base.js';
import { workspaceCounts } from '../core/counts.js';
import { assertStatusAllows, decideSession } from '../core/decide.js';
import type { SessionCommand } from '../core/commands.js';
import type { SessionEvent } from '../core/events.js';
import { evolveSession } from '../core/evolve.js';
import type { ImportStep as Step } from '../core/import-step.js';
import { eventRoute } from '../core/slices.js';
import { initialSessionState, type SessionState } from '../core/state.js';
import { ID_PATTERN } from '../core/validation.js';
import { admitImportedSignature, type SignatureImported } from '../signatures/index.js';
import { checkEventShape } from './shapes.js';

export interface ImportIds {
  newSessionId: string;
  importerId: string;
  /** The new session's id for a branch of the original: the same old id always gives the same new one. */
  branchIdFor: (oldBranchId: string) => string;
}

/**
 * The events of the new session, one for each event given (in the current shape) of the session
 * `sourceSessionId`, or a ValidationError naming the first that fails.
 */
export function decideImport(events: readonly SessionEvent[], ids: ImportIds, sourceSessionId: string): SessionEvent[] {
  events.forEach((event, i) => {
    if (event.type === 'BranchForked') throw new ValidationError(`events[${i}].type`, `events[${i}]: BranchForked starts a branch stream and never appears in a session's`);
    checkEventShape(event.type, `events[${i}].data`, event.data);
  });
  const source = events.map((event) => rewrite(event, ids, branchIds(ids), sourceSessionId));
  // The backup's own session at a revision, as its events fold (before any id was rewritten):
  // folded once, as far as asked (only a signed checkpoint asks), each state kept (they share
  // what did not change), so many signatures cost one fold, not one each.
  const original: SessionState[] = [];
  const originalAt = (revision: number) => {
    while (original.length <= revision) original.push(evolveSession(original.at(-1) ?? initialSessionState(), events[original.length]!));
    return original[revision]!;
  };
  let state = initialSessionState();
  // The state after each event (they share what did not change): a restore puts one of them back.
  const after: SessionState[] = [];
  const decided: SessionEvent[] = [];
  for (let i = 0; i < source.length; ) {
    const step = readStep(source, i, base(ids, source[i]!));
    const group = source.slice(i, i + step.size);
    const produced = step.kind === 'command' ? decideAgain(withRestore(step, state, after), group, i, state) : admitFact(group[0]!, i, state, originalAt);
    for (const event of produced) {
      state = evolveSession(state, event);
      after.push(state);
    }
    decided.push(...produced);
    i += step.size;
  }
  return decided;
}

const base = (ids: ImportIds, event: SessionEvent): CommandBase => ({ sessionId: ids.newSessionId, actorId: ids.importerId, at: event.data.at });

/** The step that starts at events[i]: which command recorded it, as the event's slice says. */
function readStep(events: readonly SessionEvent[], i: number, base: CommandBase): Step {
  const event = events[i]!;
  return eventRoute(event.type).rule.step(event, base, events, i);
}

function branchIds(ids: ImportIds): (old: string) => string {
  const known = new Map<string, string>();
  return (old) => {
    let id = known.get(old);
    if (id === undefined) {
      id = ids.branchIdFor(old);
      // The caller makes these ids: one that is not an id is a bug of the caller's, not the backup's.
      if (!ID_PATTERN.test(id)) throw new Error(`branchIdFor gave "${id}", which is not an id`);
      known.set(old, id);
    }
    return id;
  };
}

/** The event as the new session records it: its own session id, owner and branch ids; a signature as the original's. */
function rewrite(event: SessionEvent, ids: ImportIds, branchId: (old: string) => string, sourceSessionId: string): SessionEvent {
  switch (event.type) {
    case 'SignatureRecorded':
      return { type: 'SignatureImported', data: { ...event.data, signedIn: sourceSessionId } };
    case 'SessionCreated':
      return { type: event.type, data: { ...event.data, sessionId: ids.newSessionId, ownerId: ids.importerId } };
    case 'BranchCreated':
    case 'BranchDiscarded':
      return { ...event, data: { ...event.data, branchId: branchId(event.data.branchId) } } as SessionEvent;
    case 'BranchMerged':
      return { type: event.type, data: { ...event.data, branchId: branchId(event.data.branchId), changes: withOrigins(event.data.changes, branchId) } };
    default:
      return event;
  }
}

// Merged turns and materials remember the branch they came from: a branch of the original.
function withOrigins(changes: WorkspaceChanges, branchId: (old: string) => string): WorkspaceChanges {
  const remap = <T extends { origin?: { branchId: string } }>(items: T[] | undefined) =>
    items?.map((item) => (item.origin ? { ...item, origin: { branchId: branchId(item.origin.branchId) } } : item));
  const { conversation, materials } = changes;
  return { ...changes, ...(conversation ? { conversation: remap(conversation) } : {}), ...(materials ? { materials: remap(materials) } : {}) };
}

/** A restore as the application would send it: what putting the checkpoint's workspace back changes now. */
function withRestore(step: Extract<Step, { kind: 'command' }>, state: SessionState, after: readonly SessionState[]): Extract<Step, { kind: 'command' }> {
  const { command } = step;
  if (command.type !== 'RestoreCheckpoint' && command.type !== 'RecoverFromCheckpoint') return step;
  const name = (command.data as { name?: string }).name;
  const checkpoint = name === undefined ? latestCheckpoint(state) : findCheckpoint(state, name);
  // Without the checkpoint, decide refuses it as it would any request.
  const target = checkpoint ? after[checkpoint.revision] : undefined;
  if (!target) return step;
  return { ...step, command: { ...command, data: { ...command.data, from: state.eventCount - 1, changes: restoreChanges(state.workspace, target.workspace) } } as typeof command };
}

function decideAgain(step: Extract<Step, { kind: 'command' }>, group: SessionEvent[], i: number, state: SessionState): SessionEvent[] {
  let produced: SessionEvent[];
  try {
    produced = decideSession(step.command as SessionCommand, state);
  } catch (error) {
    throw explain(error, step, group, i);
  }
  // Who first did it stays a fact of the record, though the importer is the one deciding now.
  const decided = produced.map((event, k) => keepActor(event, group[k]));
  const k = decided.findIndex((event, n) => !deepEqual(event, group[n]));
  if (k < 0 && decided.length === group.length) return decided;
  throw mismatch(decided, group, i, state);
}

function keepActor(event: SessionEvent, original: SessionEvent | undefined): SessionEvent {
  if (event.type === 'CheckpointSaved' && original?.type === 'CheckpointSaved') return { ...event, data: { ...event.data, savedBy: original.data.savedBy } };
  if (event.type === 'BranchCreated' && original?.type === 'BranchCreated') return { ...event, data: { ...event.data, createdBy: original.data.createdBy } };
  if (event.type === 'ShareLinkCreated' && original?.type === 'ShareLinkCreated') return { ...event, data: { ...event.data, createdBy: original.data.createdBy } };
  if (event.type === 'CommentAdded' && original?.type === 'CommentAdded') return { ...event, data: { ...event.data, authorId: original.data.authorId } };
  return event;
}

const dataField = (n: number, key: string) => (key ? `events[${n}].data.${key}` : `events[${n}].data`);
const summary = (value: unknown) => {
  const text = JSON.stringify(value) ?? 'nothing';
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
};

/** Names where a decision and the backup part: the first event, then its type or its first differing field. */
function mismatch(decided: SessionEvent[], group: SessionEvent[], i: number, state: SessionState): ValidationError {
  const k = group.findIndex((event, n) => !deepEqual(event, decided[n]));
  const here = `the session is ${state.governance.status}, and there its command records ${decided.map((e) => e.type).join(', ') || 'nothing'}`;
  if (k < 0) return new ValidationError(`events[${i}].type`, `events[${i}] (${group[0]!.type}) cannot be imported here: ${here}`);
  const got = group[k]!;
  const want = decided[k];
  if (want === undefined || want.type !== got.type) {
    // Nothing decided for it: it changes nothing here. Name its first field, which says what it would have changed.
    const key = want === undefined ? Object.keys(got.data).find((name) => name !== 'at') : undefined;
    return new ValidationError(key ? dataField(i + k, key) : `events[${i + k}].type`, `events[${i + k}] (${got.type}) cannot be imported here: ${here}`);
  }
  const data = got.data as unknown as Record<string, unknown>;
  const expected = want.data as unknown as Record<string, unknown>;
  const key = [...Object.keys(data), ...Object.keys(expected)].find((name) => !deepEqual(data[name], expected[name]))!;
  return new ValidationError(dataField(i + k, key), `${dataField(i + k, key)} is not what its command records here (${summary(expected[key])})`);
}

/** A refusal of the command, said of the event it was rebuilt from. */
function explain(error: unknown, step: Extract<Step, { kind: 'command' }>, group: SessionEvent[], i: number): unknown {
  if (!(error instanceof DomainError)) return error;
  const event = group[0]!;
  if (error instanceof ValidationError || ('field' in error && typeof error.field === 'string')) {
    const { offset, key } = step.locate((error as ValidationError).field);
    return new ValidationError(dataField(i + offset, key), `${dataField(i + offset, key)}: ${error.message}`);
  }
  if (error instanceof IllegalTransition) return new ValidationError(`events[${i}].type`, `events[${i}] (${event.type}) cannot be imported here: ${error.message}`);
  const missing = error instanceof QueryNotPending ? error.queryId : error instanceof NotFound || error instanceof AlreadyExists ? error.id : undefined;
  for (const [offset, e] of group.entries()) {
    const key = missing === undefined ? undefined : fieldHolding(e.data, missing);
    if (key) return new ValidationError(dataField(i + offset, key), `events[${i + offset}] (${e.type}) cannot be imported here: ${error.message}`);
  }
  return new ValidationError(`events[${i}]`, `events[${i}] (${event.type}) cannot be imported here: ${error.message}`);
}

function fieldHolding(data: object, value: string): string | undefined {
  const entries = Object.entries(data);
  return (entries.find(([, v]) => v === value) ?? entries.find(([, v]) => Array.isArray(v) && v.includes(value)) ??
    entries.find(([, v]) => isPlainObject(v) && Object.values(v).includes(value)))?.[0];
}

/** The events no command decides alone on a session stream, admitted by the checks their command makes. */
function admitFact(event: SessionEvent, i: number, state: SessionState, originalAt: (revision: number) => SessionState): SessionEvent[] {
  const refuse = (key: string, why: string) => new ValidationError(key ? dataField(i, key) : `events[${i}].type`, `events[${i}] (${event.type}): ${why}`);
  switch (event.type) {
    case 'SessionSeededFromTemplate':
      if (state.eventCount !== 1) throw refuse('', 'a template seeds a session right after SessionCreated, and only there');
      return [event];
    case 'SessionImported':
      // An import closes every event before it; a copy of a copy holds one for each import.
      if (event.data.sourceRevision !== state.eventCount - 1) throw refuse('sourceRevision', `the events imported end at revision ${state.eventCount - 1}`);
      return [event];
    case 'BranchMerged':
      admitMerge(event, state, refuse);
      return [event];
    case 'MemberPermissionsSet':
    case 'MemberRemoved':
      // The original's record of the importer's membership: the copy keeps it (its revision keeps
      // its meaning), and it changes nothing, since the importer owns the copy.
      if (event.data.userId !== state.governance.ownerId) throw refuse('userId', 'only the membership of the owner is admitted as it was; any other is decided again');
      return [event];
    case 'SignatureImported':
      admitSignature(event, state, originalAt, refuse);
      return [event];
    default:
      throw new Error(`${event.type} is decided by its command, not admitted`);
  }
}

function admitSignature(event: SignatureImported, state: SessionState, originalAt: (revision: number) => SessionState, refuse: (key: string, why: string) => ValidationError): void {
  try {
    assertStatusAllows('RecordSignature', state.governance.status);
    admitImportedSignature(event, state, originalAt);
  } catch (error) {
    if (error instanceof IllegalTransition) throw refuse('', error.message);
    if (error instanceof ValidationError) throw refuse(error.field, error.message);
    throw error;
  }
}

function admitMerge(event: BranchMerged, state: SessionState, refuse: (key: string, why: string) => ValidationError): void {
  const { branchId, branchRevision, strategy, changes, resolutions } = event.data;
  try {
    assertStatusAllows('MergeBranch', state.governance.status);
  } catch (error) {
    if (error instanceof IllegalTransition) throw refuse('', error.message);
    throw error;
  }
  const ref = findBranch(state, branchId);
  if (!ref || ref.imported) throw refuse('branchId', `branch ${branchId} not found`);
  if (ref.status === 'discarded') throw refuse('branchId', `branch ${ref.name} is discarded: nothing merges from it`);
  if (ref.lastMergedRevision !== null && branchRevision <= ref.lastMergedRevision) {
    throw refuse('branchRevision', `revision ${branchRevision} of the branch was merged already (up to ${ref.lastMergedRevision})`);
  }
  if (isEmptyChanges(changes) && resolutions.length === 0) throw refuse('changes', 'a merge that changes nothing is not recorded');
  // A "merge" with conflicts is refused (409): only "ours" and "theirs" resolve them.
  if (strategy === 'merge' && resolutions.length > 0) throw refuse('resolutions', 'strategy "merge" resolves no conflicts');
  // Counts are the merged workspace's, as the merge decided them; older merges carry none.
  const counts = event.data.counts;
  if (counts !== undefined && !deepEqual(counts, workspaceCounts(evolveSession(state, event).workspace))) {
    throw refuse('counts', 'the counts are not those of the workspace the merge leaves');
  }
}
