// Time travel: the exact state of a session at a revision or an instant is the fold of a prefix
// of its stream (restores never delete events, so every past state stays reachable), and a
// semantic diff says what changed between two of them: per part, what was added, removed or
// changed, with items matched by identity (a task by id, a context item by key, a metadata entry
// by its key) rather than by position. Timestamps that move with every event (updatedAt) are left
// out of the diff: they would make every diff non-empty and say nothing about the research.
import { ValidationError } from '../../errors.js';
import { deepEqual } from '../../json.js';
import type { Items } from '../core/items.js';
import { foldSession } from '../core/decider.js';
import { sessionFromParts, type StatePart } from '../core/snapshot.js';
import type { SessionEvent } from '../core/events.js';
import { initialSessionState, WORKSPACE_PARTS, type Governance, type SessionState, type Workspace, type WorkspacePart } from '../core/state.js';
import { requireInstant } from '../core/validation.js';
import { shareLinksView } from '../core/view.js';

/**
 * The state after the event at `revision`; `events[i]` is the event at revision i of the session
 * stream. Revision -1 is the state before the first event. A branch's events fold from its base
 * (branchBaseState), given as `from`.
 */
export function stateAtRevision(events: readonly SessionEvent[], revision: number | bigint, from: SessionState = initialSessionState()): SessionState {
  const r = typeof revision === 'bigint' ? Number(revision) : revision;
  if (!Number.isSafeInteger(r) || r < -1) throw new ValidationError('revision', 'revision must be an integer from -1 up');
  if (r >= events.length) {
    throw new ValidationError('revision', `revision ${r} is beyond the head of the session (revision ${events.length - 1})`);
  }
  return foldSession(events.slice(0, r + 1), from);
}

export interface StateAtInstant {
  state: SessionState;
  /** Revision of the last event folded; -1 when the session did not exist yet. */
  revision: number;
}

/**
 * The state as it was at `instant`: the longest prefix of events that had all happened by then.
 * Each event's domain time (`data.at`) is used rather than the envelope's, so an imported session
 * travels through its original history, not through the moment of the import.
 */
export function stateAtInstant(events: readonly SessionEvent[], instant: string, from: SessionState = initialSessionState()): StateAtInstant {
  const until = Date.parse(requireInstant('at', instant));
  let count = 0;
  // A prefix, not a filter: a state is always the fold of a prefix of the stream, even if a
  // clock skewed between writers put a later event at an earlier time.
  while (count < events.length && Date.parse(events[count]!.data.at) <= until) count++;
  return { state: foldSession(events.slice(0, count), from), revision: count - 1 };
}

export interface DiffEntry {
  key: string;
  value: unknown;
}

export interface DiffChange {
  key: string;
  from: unknown;
  to: unknown;
}

export interface PartDiff {
  added: DiffEntry[];
  removed: DiffEntry[];
  changed: DiffChange[];
}

export const GOVERNANCE_PARTS = ['ownerId', 'members', 'status', 'name', 'type', 'metadata', 'config', 'checkpoints', 'branches', 'seededFrom', 'shareLinks'] as const;
export type GovernancePart = (typeof GOVERNANCE_PARTS)[number];

export interface SessionDiff {
  governance: Record<GovernancePart, PartDiff>;
  workspace: Record<WorkspacePart, PartDiff>;
}

type Differ<T> = (from: T, to: T) => PartDiff;

function diffScalar<T>(key: string): Differ<T> {
  return (from, to) => ({ added: [], removed: [], changed: deepEqual(from, to) ? [] : [{ key, from, to }] });
}

interface Keyed<T> {
  keys(): Iterable<string>;
  has(key: string): boolean;
  get(key: string): T | undefined;
}

function diffKeyed<T>(before: Keyed<T>, after: Keyed<T>): PartDiff {
  const diff: PartDiff = { added: [], removed: [], changed: [] };
  for (const key of before.keys()) {
    const value = before.get(key);
    if (!after.has(key)) diff.removed.push({ key, value });
    else {
      const now = after.get(key);
      // Folds of one stream share the records they did not change: those need no comparing.
      if (now !== value && !deepEqual(value, now)) diff.changed.push({ key, from: value, to: now });
    }
  }
  for (const key of after.keys()) if (!before.has(key)) diff.added.push({ key, value: after.get(key) });
  return diff;
}

const diffRecord = <T>(from: Readonly<Record<string, T>>, to: Readonly<Record<string, T>>): PartDiff =>
  diffKeyed(new Map(Object.entries(from)), new Map(Object.entries(to)));

/** Records by their key (an id, a context key, a formula, a checkpoint's name). */
const byKey = <T>(): Differ<Items<T>> => (from, to) => (from === to ? { added: [], removed: [], changed: [] } : diffKeyed(from, to));
const byId = byKey;

const WORKSPACE_DIFFERS: { [P in WorkspacePart]: Differ<Workspace[P]> } = {
  conversation: byId(),
  summaries: byId(),
  materials: byId(),
  toolStates: diffRecord,
  toolInvocations: byId(),
  discoveries: byId(),
  discoveryLinks: byId(),
  discoveryConfig: (a, b) => diffRecord({ ...a }, { ...b }),
  sessionSummaries: byId(),
  contextItems: byKey(),
  contextConfig: (a, b) => diffRecord({ ...a }, { ...b }),
  focus: diffScalar('focus'),
  hypotheses: byId(),
  tasks: byId(),
  archivedTasks: byId(),
};

const GOVERNANCE_DIFFERS: { [P in GovernancePart]: Differ<Governance[P]> } = {
  ownerId: diffScalar('ownerId'),
  members: diffRecord,
  status: diffScalar('status'),
  name: diffScalar('name'),
  type: diffScalar('type'),
  metadata: diffRecord,
  config: diffRecord,
  checkpoints: byKey(),
  branches: byKey(),
  seededFrom: diffScalar('seededFrom'),
  // A diff is a view too: it shows links as sessionView does, without their token hashes.
  shareLinks: (a, b) => diffRecord(shareLinksView(a), shareLinksView(b)),
};

export function diffWorkspaces(from: Workspace, to: Workspace): Record<WorkspacePart, PartDiff> {
  const out = {} as Record<WorkspacePart, PartDiff>;
  for (const part of WORKSPACE_PARTS) out[part] = (WORKSPACE_DIFFERS[part] as Differ<unknown>)(from[part], to[part]);
  return out;
}

export function diffGovernance(from: Governance, to: Governance): Record<GovernancePart, PartDiff> {
  const out = {} as Record<GovernancePart, PartDiff>;
  for (const part of GOVERNANCE_PARTS) out[part] = (GOVERNANCE_DIFFERS[part] as Differ<unknown>)(from[part], to[part]);
  return out;
}

/** What changed from `a` to `b` (a is usually the earlier revision). */
export function diffSessions(a: SessionState, b: SessionState): SessionDiff {
  return { governance: diffGovernance(a.governance, b.governance), workspace: diffWorkspaces(a.workspace, b.workspace) };
}

export const isPartUnchanged = (part: PartDiff): boolean =>
  part.added.length === 0 && part.removed.length === 0 && part.changed.length === 0;

export const isWorkspaceUnchanged = (diff: SessionDiff): boolean => Object.values(diff.workspace).every(isPartUnchanged);

export const isGovernanceUnchanged = (diff: SessionDiff): boolean => Object.values(diff.governance).every(isPartUnchanged);

/** The parts that differ, as `governance.status`, `workspace.tasks`…: a summary for a UI or a log. */
export function changedParts(diff: SessionDiff): string[] {
  const names = (group: 'governance' | 'workspace', parts: Record<string, PartDiff>) =>
    Object.entries(parts).filter(([, p]) => !isPartUnchanged(p)).map(([name]) => `${group}.${name}`);
  return [...names('governance', diff.governance), ...names('workspace', diff.workspace)];
}

/** An item whose version changed between two revisions, as the timeline answers it (null: absent). */
export interface PartChange {
  part: string;
  key: string;
  before: StatePart | null;
  after: StatePart | null;
}

/**
 * The diff between two revisions from what changed between them (the timeline's answer): the same
 * diff as between the two whole states, at the cost of the changes.
 */
export function diffOfChanges(changes: readonly PartChange[]): SessionDiff {
  const side = (pick: (c: PartChange) => StatePart | null) => sessionFromParts(changes.flatMap((c) => {
    const part = pick(c);
    return part && !part.deleted ? [part] : [];
  }), 0);
  return diffSessions(side((c) => c.before), side((c) => c.after));
}
