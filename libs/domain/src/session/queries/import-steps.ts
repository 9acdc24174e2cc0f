// Which command recorded an event, rebuilt from the event: the step an import decides again.
// Most commands record one event; an answer records its tool calls, tool states, materials, the
// answer and its discoveries in one run, and a client-side tool call its new state after it. An
// exhaustive switch: a new event type names its command here, or is admitted as a fact.
import { ValidationError } from '../../errors.js';
import type { CommandBase } from '../core/command-base.js';
import type { SessionCommand } from '../core/commands.js';
import type { SessionEvent } from '../core/events.js';

/** Where a field of the rebuilt command lives in the events: the event's offset in the step, and its data key. */
export interface Located {
  offset: number;
  key: string;
}

export type Step =
  | { kind: 'command'; size: number; command: SessionCommand; locate: (field: string) => Located }
  | { kind: 'fact'; size: 1 };

// The few command fields named differently in the event they record.
const RENAMED: Readonly<Record<string, string>> = { fromRevision: 'forkRevision', remove: 'removed' };
const sameNames = (field: string): Located => ({ offset: 0, key: RENAMED[field] ?? field });

const one = (command: { type: SessionCommand['type']; data: object }, base: CommandBase, locate = sameNames): Step => ({
  kind: 'command',
  size: 1,
  command: { type: command.type, data: { ...command.data, ...base } } as SessionCommand,
  locate,
});

const FACT: Step = { kind: 'fact', size: 1 };

export function readStep(events: readonly SessionEvent[], i: number, base: CommandBase): Step {
  const event = events[i]!;
  switch (event.type) {
    case 'SessionCreated': {
      const { sessionType, name, metadata, config } = event.data;
      return one({ type: 'CreateSession', data: { sessionType, name, metadata, config } }, base);
    }
    case 'SessionStarted':
      return one({ type: 'StartSession', data: {} }, base);
    case 'SessionPaused':
      return one({ type: 'PauseSession', data: { reason: event.data.reason } }, base);
    case 'SessionResumed':
      return one({ type: 'ResumeSession', data: {} }, base);
    case 'SessionArchived':
      return one({ type: 'ArchiveSession', data: { reason: event.data.reason } }, base);
    case 'SessionRenamed':
      return one({ type: 'RenameSession', data: { name: event.data.name } }, base);
    case 'SessionMetadataUpdated':
      return one({ type: 'UpdateSessionMetadata', data: { set: event.data.set, remove: event.data.removed } }, base);
    case 'ContextConfigured':
    case 'DiscoveriesConfigured': {
      const { at: _at, ...settings } = event.data;
      return one({ type: event.type === 'ContextConfigured' ? 'ConfigureContext' : 'ConfigureDiscoveries', data: settings }, base);
    }
    case 'ContextItemAdded':
      return one({ type: 'AddContextItem', data: { key: event.data.key, value: event.data.value, kind: event.data.kind } }, base);
    case 'ContextItemRemoved':
      return one({ type: 'RemoveContextItem', data: { key: event.data.key } }, base);
    case 'ContextCleared':
      return one({ type: 'ClearContext', data: { kind: event.data.kind } }, base);
    case 'FocusSet':
      return one({ type: 'SetFocus', data: { focus: event.data.focus } }, base);
    case 'HypothesisAdded':
      return one({ type: 'AddHypothesis', data: { hypothesisId: event.data.hypothesisId, statement: event.data.statement } }, base);
    case 'TaskAdded':
      return one({ type: 'AddTask', data: { taskId: event.data.taskId, title: event.data.title } }, base);
    case 'TaskCompleted':
      return one({ type: 'CompleteTask', data: { taskId: event.data.taskId } }, base);
    case 'ContextItemsExpired':
      return one({ type: 'CleanupOldContext', data: { before: event.data.before } }, base);
    case 'TasksArchived':
      return one({ type: 'ArchiveCompletedTasks', data: {} }, base);
    case 'CheckpointSaved':
      return one({ type: 'SaveCheckpoint', data: { name: event.data.name } }, base);
    case 'CheckpointRestored':
      return event.data.trigger === 'recover'
        ? one({ type: 'RecoverFromCheckpoint', data: {} }, base)
        : one({ type: 'RestoreCheckpoint', data: { name: event.data.name } }, base);
    case 'QueryAsked':
      return one({ type: 'AskQuery', data: { queryId: event.data.queryId, text: event.data.text } }, base);
    case 'QueryFailed': {
      const { queryId, reason, retryable } = event.data;
      return one({ type: 'FailQuery', data: { queryId, reason, retryable } }, base);
    }
    case 'ToolInvoked':
      return event.data.queryId === null ? toolStep(events, i, base) : answerStep(events, i, base);
    case 'ToolStateChanged':
    case 'MaterialAnalysed':
    case 'QueryAnswered':
      return answerStep(events, i, base);
    case 'DiscoveryDetected':
      throw new ValidationError(`events[${i}].type`, `events[${i}]: a DiscoveryDetected is recorded with the answer it was detected in, right after its QueryAnswered`);
    case 'DiscoveryRecorded': {
      const { at: _at, ...data } = event.data;
      return one({ type: 'RecordDiscovery', data }, base);
    }
    case 'DiscoveriesLinked': {
      const { at: _at, ...data } = event.data;
      return one({ type: 'LinkDiscoveries', data }, base);
    }
    case 'DiscoveryValidated':
      return one({ type: 'ValidateDiscovery', data: { discoveryId: event.data.discoveryId, note: event.data.note } }, base);
    case 'DiscoveryRejected':
      return one({ type: 'RejectDiscovery', data: { discoveryId: event.data.discoveryId, reason: event.data.reason } }, base);
    case 'DiscoveryTagged':
      return one({ type: 'TagDiscovery', data: { discoveryId: event.data.discoveryId, tags: event.data.tags } }, base);
    case 'HistorySummarised': {
      const { at: _at, ...data } = event.data;
      return one({ type: 'SummariseHistory', data }, base);
    }
    case 'SessionSummaryGenerated': {
      const { at: _at, ...data } = event.data;
      return one({ type: 'RecordSummary', data }, base);
    }
    case 'BranchCreated': {
      const { branchId, name, forkRevision, fromCheckpoint } = event.data;
      return one({ type: 'CreateBranch', data: { branchId, name, fromRevision: forkRevision, ...(fromCheckpoint !== undefined ? { fromCheckpoint } : {}) } }, base);
    }
    case 'BranchDiscarded':
      return one({ type: 'DiscardBranch', data: { branchId: event.data.branchId } }, base);
    case 'BranchForked':
      throw new ValidationError(`events[${i}].type`, `events[${i}]: BranchForked starts a branch stream and never appears in a session's`);
    case 'BranchMerged':
    case 'SessionImported':
    case 'SessionSeededFromTemplate':
      return FACT;
    default: {
      const _never: never = event;
      throw new Error(`Unknown session event ${JSON.stringify(_never)}`);
    }
  }
}

type Of<T extends SessionEvent['type']> = Extract<SessionEvent, { type: T }>;
const is = <T extends SessionEvent['type']>(type: T) => (e: SessionEvent | undefined): e is Of<T> => e?.type === type;

/** A client-side tool call: ToolInvoked outside a query, and the tool's new state when it changed. */
function toolStep(events: readonly SessionEvent[], i: number, base: CommandBase): Step {
  const { invocationId, tool, input, output, durationMs, error } = (events[i] as Of<'ToolInvoked'>).data;
  const next = events[i + 1];
  const state = is('ToolStateChanged')(next) && next.data.tool === tool ? next.data.state : undefined;
  return {
    kind: 'command',
    size: state === undefined ? 1 : 2,
    command: { type: 'RecordToolInvocation', data: { ...base, invocationId, tool, input, output, durationMs, ...(error !== undefined ? { error } : {}), ...(state !== undefined ? { toolState: state } : {}) } },
    locate: (field) => (field === 'toolState' ? { offset: 1, key: 'state' } : sameNames(field)),
  };
}

/** One RecordAnswer: tool calls, tool states, materials, the answer, then the discoveries it detected. */
function answerStep(events: readonly SessionEvent[], i: number, base: CommandBase): Step {
  let j = i;
  const run = <T extends SessionEvent['type']>(type: T, where: (e: Of<T>) => boolean = () => true): Array<Of<T>> => {
    const taken: Array<Of<T>> = [];
    for (let e = events[j]; is(type)(e) && where(e); e = events[++j]) taken.push(e);
    return taken;
  };
  const invoked = run('ToolInvoked', (e) => e.data.queryId !== null);
  const states = run('ToolStateChanged');
  const analysed = run('MaterialAnalysed');
  const answered = events[j];
  if (!is('QueryAnswered')(answered)) {
    const at = j < events.length ? j : i;
    throw new ValidationError(`events[${at}].type`, `events[${at}]: the tool calls, tool states and materials of an answer are recorded with it, and its QueryAnswered follows them`);
  }
  j++;
  const detected = run('DiscoveryDetected');
  const { queryId, text, analysis, model, usage, latencyMs, offline } = answered.data;
  const at = { states: invoked.length, materials: invoked.length + states.length, answer: invoked.length + states.length + analysed.length };
  const command: SessionCommand = {
    type: 'RecordAnswer',
    data: {
      ...base,
      queryId,
      toolInvocations: invoked.map(({ data: { invocationId, tool, input, output, durationMs, error } }) => ({ invocationId, tool, input, output, durationMs, ...(error !== undefined ? { error } : {}) })),
      toolStates: Object.fromEntries(states.map((e) => [e.data.tool, e.data.state])),
      materials: analysed.map(({ data: { formula, name, properties, source, invocationId } }) => ({ formula, ...(name !== undefined ? { name } : {}), properties, source, ...(invocationId !== undefined ? { invocationId } : {}) })),
      answer: { text, analysis, model, usage, latencyMs, offline },
      discoveries: detected.map(({ data: { discoveryId, category, description, materials, confidence, evidence } }) => ({
        discoveryId, category, description, materials, confidence,
        evidence: { invocationIds: evidence.invocationIds, ...(evidence.text !== undefined ? { text: evidence.text } : {}) },
      })),
    },
  };
  const item = (prefix: string, from: number) => (field: string): Located | null => {
    const m = new RegExp(`^${prefix}(?:\\[(\\d+)\\])?\\.?(.*)$`).exec(field);
    return m ? { offset: from + Number(m[1] ?? 0), key: m[1] === undefined ? '' : m[2]! } : null;
  };
  const locate = (field: string): Located => {
    const tool = /^toolStates\.(.+)$/.exec(field)?.[1];
    if (tool !== undefined || field === 'toolStates') {
      const n = states.findIndex((e) => e.data.tool === tool);
      return n < 0 ? { offset: at.states, key: 'tool' } : { offset: at.states + n, key: 'state' };
    }
    const answerField = /^answer\.(.+)$/.exec(field)?.[1];
    if (answerField !== undefined) return { offset: at.answer, key: answerField };
    return item('toolInvocations', 0)(field) ?? item('materials', at.materials)(field) ?? item('discoveries', at.answer + 1)(field) ?? { offset: at.answer, key: field };
  };
  return { kind: 'command', size: j - i, command, locate };
}
