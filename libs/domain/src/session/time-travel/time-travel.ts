// Time travel: the exact state of a session at a revision or an instant is the fold of a prefix
// of its stream (restores never delete events, so every past state stays reachable), and a
// semantic diff says what changed between two of them: per part, what was added, removed or
// changed, with items matched by identity (a task by id, a context item by key, a metadata entry
// by its key) rather than by position. Timestamps that move with every event (updatedAt) are left
// out of the diff: they would make every diff non-empty and say nothing about the research.
import { ValidationError } from '../../errors.js';
import { deepEqual } from '../../json.js';
import { foldSession } from '../core/decider.js';
import type { SessionEvent } from '../core/events.js';
import { initialSessionState, WORKSPACE_PARTS, type Governance, type SessionState, type Workspace, type WorkspacePart } from '../core/state.js';
import { requireInstant } from '../core/validation.js';

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

export const GOVERNANCE_PARTS = ['ownerId', 'members', 'status', 'name', 'type', 'metadata', 'config', 'checkpoints', 'branches', 'seededFrom'] as const;
export type GovernancePart = (typeof GOVERNANCE_PARTS)[number];

export interface SessionDiff {
  governance: Record<GovernancePart, PartDiff>;
  workspace: Record<WorkspacePart, PartDiff>;
}

type Differ<T> = (from: T, to: T) => PartDiff;

function diffScalar<T>(key: string): Differ<T> {
  return (from, to) => ({ added: [], removed: [], changed: deepEqual(from, to) ? [] : [{ key, from, to }] });
}

function diffKeyed<T>(from: readonly (readonly [string, T])[], to: readonly (readonly [string, T])[]): PartDiff {
  const before = new Map(from);
  const after = new Map(to);
  const diff: PartDiff = { added: [], removed: [], changed: [] };
  for (const [key, value] of before) {
    if (!after.has(key)) diff.removed.push({ key, value });
    else if (!deepEqual(value, after.get(key))) diff.changed.push({ key, from: value, to: after.get(key) });
  }
  for (const [key, value] of after) if (!before.has(key)) diff.added.push({ key, value });
  return diff;
}

const diffRecord = <T>(from: Readonly<Record<string, T>>, to: Readonly<Record<string, T>>): PartDiff =>
  diffKeyed(Object.entries(from), Object.entries(to));

function diffList<T>(keyOf: (item: T) => string): Differ<readonly T[]> {
  return (from, to) => diffKeyed(from.map((i) => [keyOf(i), i] as const), to.map((i) => [keyOf(i), i] as const));
}

const byId = <T extends { id: string }>(): Differ<readonly T[]> => diffList<T>((i) => i.id);

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
  contextItems: diffList((i) => i.key),
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
  checkpoints: diffList((c) => c.name),
  branches: diffList((b) => b.branchId),
  seededFrom: diffScalar('seededFrom'),
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
