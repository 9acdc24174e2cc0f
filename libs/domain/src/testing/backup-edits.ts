// Random edits of a backup's events, for the import properties (issue 15): events dropped,
// repeated, swapped, retyped or cut off; fields removed, given values of the wrong type, size or
// depth, or added; another session's branch id slipped in; forged events inserted (a question on a
// created session, tasks archived without ids, another session's branch forked, merged, discarded).
import fc from 'fast-check';

export type ExportedEventLike = { eventId: string; type: string; data: Record<string, unknown>; metadata: Record<string, unknown>; revision: string; [k: string]: unknown };

const AT = '2025-03-01T10:00:00.000Z';
const TYPES = ['SessionStarted', 'SessionPaused', 'QueryAsked', 'QueryAnswered', 'QueryFailed', 'ToolInvoked', 'TasksArchived', 'TaskCompleted', 'CheckpointRestored', 'BranchCreated', 'BranchMerged', 'BranchForked', 'SessionImported', 'DiscoveryDetected'];

let deep: unknown = 'bottom';
for (let i = 0; i < 30; i++) deep = { deep };
const VALUES = [null, 0, -1, 1.5, '', 'x', 'x'.repeat(25_000), [], [1, 'a'], {}, { nested: { x: 1 } }, deep, true];

/** Forged events, given another user's branch id and a query id of the backup. */
function forgedEvents(foreign: string, queryId: string): Array<{ type: string; data: Record<string, unknown> }> {
  return [
    { type: 'QueryAsked', data: { queryId: 'q-forged', text: 'Analyse LiCoO2', at: AT } },
    { type: 'QueryFailed', data: { queryId, reason: 'forged', retryable: true, at: AT } },
    { type: 'TasksArchived', data: { at: AT } },
    { type: 'TasksArchived', data: { taskIds: ['t-none'], at: AT } },
    { type: 'BranchForked', data: { branchId: foreign, sessionId: 'mine', name: 'stolen', parentStream: 'session-mine', parentBranchId: null, forkRevision: 0, at: AT } },
    { type: 'BranchCreated', data: { branchId: foreign, name: 'pwned', forkRevision: 0, createdBy: 'owner', at: AT } },
    { type: 'BranchMerged', data: { branchId: foreign, branchRevision: 9, strategy: 'theirs', changes: { focus: 'pwned' }, resolutions: [], at: AT } },
    { type: 'BranchDiscarded', data: { branchId: foreign, at: AT } },
    { type: 'SessionStarted', data: { at: AT } },
    { type: 'SessionPaused', data: { at: AT } },
    { type: 'SessionResumed', data: { from: 'paused', at: AT } },
    { type: 'SessionArchived', data: { at: AT } },
    { type: 'CheckpointRestored', data: { name: 'cp1', revision: 3, trigger: 'restore', at: AT } },
    { type: 'ContextItemAdded', data: { key: 'forged', value: { note: 'fine' }, kind: 'custom', at: AT } },
    { type: 'ContextItemAdded', data: { key: 'forged', value: deep, kind: 'custom', at: AT } },
    { type: 'SessionImported', data: { sourceSessionId: 'elsewhere', sourceRevision: 1, at: AT } },
    { type: 'DiscoveryDetected', data: { discoveryId: 'd-forged', category: 'structure_property', description: 'x', materials: [], confidence: 1, evidence: { queryId, invocationIds: [] }, at: AT } },
  ];
}

export type Op =
  | { kind: 'drop' | 'duplicate' | 'swap' | 'truncate' | 'foreignBranch'; at: number }
  | { kind: 'retype'; at: number; type: string }
  | { kind: 'unset'; at: number; key: number }
  | { kind: 'set'; at: number; key: number; value: unknown }
  | { kind: 'extra'; at: number; value: unknown }
  /** Sets a value somewhere inside the data: each step picks a key or an item, by number. */
  | { kind: 'setNested'; at: number; path: number[]; value: unknown }
  | { kind: 'insert'; at: number; forged: number };

const at = fc.nat(200);
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constantFrom('drop', 'duplicate', 'swap', 'truncate', 'foreignBranch' as const), at }),
  fc.record({ kind: fc.constant('retype' as const), at, type: fc.constantFrom(...TYPES) }),
  fc.record({ kind: fc.constant('unset' as const), at, key: fc.nat(8) }),
  fc.record({ kind: fc.constant('set' as const), at, key: fc.nat(8), value: fc.constantFrom(...VALUES) }),
  fc.record({ kind: fc.constant('extra' as const), at, value: fc.constantFrom(...VALUES) }),
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('setNested' as const), at, path: fc.array(fc.nat(12), { minLength: 2, maxLength: 5 }), value: fc.constantFrom(...VALUES) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('insert' as const), at, forged: fc.nat(30) }) },
);
export interface BackupEdits {
  ops: Op[];
  renumber: boolean;
}

/** Up to three edits, mostly with revisions renumbered, so they reach the decisions behind the envelope checks. */
export const backupEdits: fc.Arbitrary<BackupEdits> = fc.record({ ops: fc.array(op, { maxLength: 3 }), renumber: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }) });

/** The events of a backup with the edits made; `foreign` is another session's branch id, `queryId` one of this backup's queries. */
export function editEvents(events: readonly ExportedEventLike[], { ops, renumber }: BackupEdits, foreign: string, queryId: string): ExportedEventLike[] {
  const list = events.map((e) => JSON.parse(JSON.stringify(e)) as ExportedEventLike);
  const forged = forgedEvents(foreign, queryId);
  for (const o of ops) {
    const i = o.at % list.length;
    const target = list[i]!;
    const keys = Object.keys(target.data);
    switch (o.kind) {
      case 'drop':
        if (list.length > 1) list.splice(i, 1);
        break;
      case 'duplicate':
        list.splice(i, 0, { ...JSON.parse(JSON.stringify(target)), eventId: `dup-${i}` });
        break;
      case 'swap':
        if (i + 1 < list.length) [list[i], list[i + 1]] = [list[i + 1]!, target];
        break;
      case 'truncate':
        list.splice(Math.max(1, i));
        break;
      case 'foreignBranch':
        if ('branchId' in target.data) target.data.branchId = foreign;
        else list.splice(i + 1, 0, { ...target, eventId: `foreign-${i}`, ...forged[5]! });
        break;
      case 'retype':
        target.type = o.type;
        break;
      case 'unset':
        if (keys.length > 0) delete target.data[keys[o.key % keys.length]!];
        break;
      case 'set':
        if (keys.length > 0) target.data[keys[o.key % keys.length]!] = o.value;
        break;
      case 'extra':
        target.data.unexpected = o.value;
        break;
      case 'setNested': {
        let container: Record<string, unknown> | unknown[] = target.data;
        for (const [n, step] of o.path.entries()) {
          const keys = Array.isArray(container) ? container.map((_, k) => String(k)) : Object.keys(container);
          if (keys.length === 0) break;
          const key = keys[step % keys.length]!;
          const next = (container as Record<string, unknown>)[key];
          if (n === o.path.length - 1 || typeof next !== 'object' || next === null) {
            (container as Record<string, unknown>)[key] = o.value;
            break;
          }
          container = next as Record<string, unknown>;
        }
        break;
      }
      case 'insert':
        list.splice(i + 1, 0, { ...target, eventId: `forged-${i}`, ...forged[o.forged % forged.length]! });
        break;
    }
  }
  if (renumber) list.forEach((e, n) => (e.revision = String(n)));
  return list;
}
