// Optimistic concurrency at the level of fields. A command may carry the revision it was based
// on; when the session moved on since, the command is rebased (decided against the state now)
// unless another writer changed a field this command writes, and changed it to something else.
// Then the caller gets a ConflictError listing each field with its base, local and remote value.
import { ConflictError, DomainError, type FieldConflict } from '../../errors.js';
import { ownValue } from '../../json.js';
import { assertCanChange } from '../core/access.js';
import type { SessionCommand } from '../core/commands.js';
import { sameIgnoringTimes } from '../core/compare.js';
import { decideSession } from '../core/decide.js';
import { foldSession } from '../core/decider.js';
import type { SessionEvent } from '../core/events.js';
import { WORKSPACE_PARTS, type Discovery, type SessionState, type WorkspacePart } from '../core/state.js';

// Field paths with a key: the key is the rest of the path, dots included (metadata keys may hold dots).
const KEYED_FIELDS: ReadonlyArray<readonly [string, (state: SessionState, key: string) => unknown]> = [
  ['governance.metadata.', (s, k) => ownValue(s.governance.metadata, k)],
  ['governance.checkpoints.', (s, k) => s.governance.checkpoints.find((c) => c.name === k)],
  ['governance.branches.', (s, k) => s.governance.branches.find((b) => b.branchId === k)],
  ['workspace.contextConfig.', (s, k) => ownValue(s.workspace.contextConfig as unknown as Record<string, unknown>, k)],
  ['workspace.contextItems.', (s, k) => s.workspace.contextItems.find((i) => i.key === k)],
  // Every context item of one kind: what clearing that kind writes.
  ['workspace.contextKinds.', (s, k) => s.workspace.contextItems.filter((i) => i.kind === k)],
  ['workspace.hypotheses.', (s, k) => s.workspace.hypotheses.find((h) => h.id === k)],
  // A task is one field wherever it is, working or archived: a merge names it so.
  ['workspace.tasks.', (s, k) => s.workspace.tasks.find((t) => t.id === k) ?? s.workspace.archivedTasks.find((t) => t.id === k)],
  ['workspace.conversation.', (s, k) => s.workspace.conversation.find((t) => t.id === k)],
  ['workspace.summaries.', (s, k) => s.workspace.summaries.find((h) => h.id === k)],
  ['workspace.materials.', (s, k) => s.workspace.materials.find((m) => m.id === k)],
  ['workspace.toolStates.', (s, k) => ownValue(s.workspace.toolStates, k)],
  ['workspace.toolInvocations.', (s, k) => s.workspace.toolInvocations.find((t) => t.id === k)],
  ['workspace.discoveries.', (s, k) => s.workspace.discoveries.find((d) => d.id === k)],
  // A discovery's review and its tags are written by different commands: two fields, not one.
  ['workspace.discoveryReviews.', (s, k) => reviewOf(s.workspace.discoveries.find((d) => d.id === k))],
  ['workspace.discoveryTags.', (s, k) => s.workspace.discoveries.find((d) => d.id === k)?.tags],
  ['workspace.discoveryLinks.', (s, k) => s.workspace.discoveryLinks.find((l) => l.id === k)],
  ['workspace.discoveryConfig.', (s, k) => ownValue(s.workspace.discoveryConfig as unknown as Record<string, unknown>, k)],
  ['workspace.sessionSummaries.', (s, k) => s.workspace.sessionSummaries.find((r) => r.id === k)],
];

function reviewOf(discovery: Discovery | undefined): unknown {
  return discovery ? { status: discovery.status, review: discovery.review } : undefined;
}

/** The value of a field path in a state; null when it is absent (null survives JSON, undefined does not). */
export function readField(state: SessionState, field: string): unknown {
  for (const [prefix, read] of KEYED_FIELDS) {
    if (field.startsWith(prefix)) return read(state, field.slice(prefix.length)) ?? null;
  }
  if (field === 'governance.status') return state.governance.status;
  if (field === 'governance.name') return state.governance.name;
  if (field === 'governance.config') return state.governance.config;
  const part = field.startsWith('workspace.') ? field.slice('workspace.'.length) : '';
  if ((WORKSPACE_PARTS as readonly string[]).includes(part)) return state.workspace[part as WorkspacePart];
  throw new Error(`Unknown field path ${field}`);
}

const WHOLE_WORKSPACE = WORKSPACE_PARTS.map((p) => `workspace.${p}`);

/** The fields a command writes, as paths `readField` understands. */
export function fieldsTouched(command: SessionCommand): string[] {
  switch (command.type) {
    case 'CreateSession':
      return [];
    case 'StartSession':
    case 'PauseSession':
    case 'ResumeSession':
    case 'ArchiveSession':
      return ['governance.status'];
    case 'RenameSession':
      return ['governance.name'];
    case 'UpdateSessionMetadata':
      return [...Object.keys(command.data.set ?? {}), ...(command.data.remove ?? [])].map((k) => `governance.metadata.${k}`);
    case 'ConfigureContext': {
      const { sessionId: _s, actorId: _a, at: _t, ...settings } = command.data;
      return Object.keys(settings).map((k) => `workspace.contextConfig.${k}`);
    }
    case 'AddContextItem':
    case 'RemoveContextItem':
      return [`workspace.contextItems.${command.data.key}`];
    case 'ClearContext':
      return command.data.key !== undefined ? [`workspace.contextItems.${command.data.key}`] : [`workspace.contextKinds.${command.data.kind}`];
    case 'SetFocus':
      return ['workspace.focus'];
    case 'AddHypothesis':
      return [`workspace.hypotheses.${command.data.hypothesisId}`];
    case 'AddTask':
    case 'CompleteTask':
      return [`workspace.tasks.${command.data.taskId}`];
    case 'SaveCheckpoint':
      return [`governance.checkpoints.${command.data.name}`];
    case 'RestoreCheckpoint':
    case 'RecoverFromCheckpoint':
      return WHOLE_WORKSPACE;
    case 'AskQuery':
      return [`workspace.conversation.${command.data.queryId}`];
    case 'RecordAnswer':
      return answerFields(command);
    case 'FailQuery':
      return [`workspace.conversation.${command.data.queryId}`];
    case 'RecordToolInvocation':
      return [
        `workspace.toolInvocations.${command.data.invocationId}`,
        ...(command.data.toolState === undefined ? [] : [`workspace.toolStates.${command.data.tool}`]),
      ];
    case 'ConfigureDiscoveries': {
      const { sessionId: _s, actorId: _a, at: _t, ...settings } = command.data;
      return Object.keys(settings).map((k) => `workspace.discoveryConfig.${k}`);
    }
    case 'RecordDiscovery':
      return [`workspace.discoveries.${command.data.discoveryId}`];
    case 'LinkDiscoveries':
      return [`workspace.discoveryLinks.${command.data.linkId}`];
    case 'ValidateDiscovery':
    case 'RejectDiscovery':
      return [`workspace.discoveryReviews.${command.data.discoveryId}`];
    case 'TagDiscovery':
      return [`workspace.discoveryTags.${command.data.discoveryId}`];
    case 'SummariseHistory':
      return [`workspace.summaries.${command.data.summaryId}`];
    case 'RecordSummary':
      return [`workspace.sessionSummaries.${command.data.summaryId}`];
    case 'CreateBranch':
    case 'DiscardBranch':
      return [`governance.branches.${command.data.branchId}`];
    case 'ForkBranch':
      // The first event of a new stream, like CreateSession.
      return [];
    case 'MergeBranch':
      return [`governance.branches.${command.data.branchId}`, ...WHOLE_WORKSPACE];
    case 'CleanupOldContext':
      return ['workspace.contextItems'];
    case 'ArchiveCompletedTasks':
      return ['workspace.tasks', 'workspace.archivedTasks'];
    default: {
      const _never: never = command;
      throw new Error(`Unknown session command ${JSON.stringify(_never)}`);
    }
  }
}

// Lists a caller sends may be malformed; the paths are only as good as the ids in them.
const idsOf = (list: unknown, key: string): string[] =>
  Array.isArray(list) ? list.map((item) => String((item as Record<string, unknown> | null)?.[key])) : [];

function answerFields(command: Extract<SessionCommand, { type: 'RecordAnswer' }>): string[] {
  const { queryId, toolInvocations, toolStates, materials, discoveries } = command.data;
  return [
    `workspace.conversation.${queryId}`,
    ...idsOf(toolInvocations, 'invocationId').map((id) => `workspace.toolInvocations.${id}`),
    ...Object.keys(toolStates ?? {}).map((tool) => `workspace.toolStates.${tool}`),
    ...idsOf(materials, 'formula').map((formula) => `workspace.materials.${formula}`),
    ...idsOf(discoveries, 'discoveryId').map((id) => `workspace.discoveries.${id}`),
  ];
}

/**
 * Commands that only add something under an id the caller generated, or only record facts that
 * already happened: nothing another writer does can clash with them, so they are always rebased
 * (decided again on the state now, which may still refuse them). An answer is never lost to a
 * conflict: it cost a model call, and tool states and materials it writes are last-writer-wins.
 * Adding a context item and saving a checkpoint also only write their own key, and are rebased
 * unless that very key was written in between. A merge is a three-way merge against the parent
 * as it is when decided, and hygiene acts on what is old or completed now: both are decided on the
 * state now, whatever the caller saw.
 */
const COMMUTATIVE: ReadonlySet<SessionCommand['type']> = new Set<SessionCommand['type']>([
  'AddHypothesis', 'AddTask', 'AskQuery', 'RecordAnswer', 'FailQuery', 'RecordToolInvocation',
  'RecordDiscovery', 'LinkDiscoveries', 'TagDiscovery', 'SummariseHistory', 'RecordSummary',
  'MergeBranch', 'CleanupOldContext', 'ArchiveCompletedTasks',
]);

export function isCommutative(command: SessionCommand): boolean {
  return COMMUTATIVE.has(command.type);
}

// When something happened is not what it is: two writers adding the same item are not in conflict.
const same = sameIgnoringTimes;

export function findConflicts(command: SessionCommand, based: SessionState, current: SessionState): FieldConflict[] {
  if (isCommutative(command)) return [];
  let local: SessionState;
  try {
    local = foldSession(decideSession(command, based), based);
  } catch (error) {
    // Refused on the state the caller saw: whether it stands now is for decide on the current state.
    if (error instanceof DomainError) return [];
    throw error;
  }
  const conflicts: FieldConflict[] = [];
  for (const field of fieldsTouched(command)) {
    const base = readField(based, field);
    const remote = readField(current, field);
    const mine = readField(local, field);
    // Unchanged since the base, or changed by the other writer to what this command writes.
    if (same(base, remote) || same(mine, remote)) continue;
    conflicts.push({ field, local: mine, remote, base });
  }
  return conflicts;
}

/**
 * Decides a command that was based on `based` (the state at the revision the caller saw) against
 * `current`. Access is checked on the current state first, so a conflict never shows a stranger
 * any value.
 */
export function decideConcurrent(command: SessionCommand, based: SessionState, current: SessionState): SessionEvent[] {
  if (command.type !== 'CreateSession') assertCanChange(current, command.data.sessionId, command.data.actorId);
  if (based.eventCount !== current.eventCount) {
    const conflicts = findConflicts(command, based, current);
    if (conflicts.length > 0) throw new ConflictError(conflicts);
  }
  return decideSession(command, current);
}
