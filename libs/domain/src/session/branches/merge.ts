// The three-way merge of a branch into its parent, over the workspace only. Base is what both
// sides started from (the parent at the fork, or the branch at its last merge), ours is the
// parent now, theirs the branch now. Each keyed field follows one rule, comparing by content
// (timestamps and origin left out, so a change undone is no change): unchanged in theirs → keep
// ours; unchanged in ours → take theirs; both made the same change → keep; otherwise a conflict.
// Presence is part of a record's content, for every appended list alike (turns, tool calls,
// materials, discoveries, links, session summaries, hypotheses, tasks, context items): a record
// the branch removed since the base (by restoring a checkpoint, say) and the parent left as it
// was is removed from the parent; one the parent changed since is a conflict. Removal goes by
// id in each list, never by reference: a removed turn takes its own tool calls because the branch
// removed those too, and nothing the parent made or changed. Two exceptions, both reasoned:
// materials never conflict (a later analysis adds to an earlier one, so the parent's stands), and a
// discovery's tags and links merge as sets (each side's additions and removals both apply), its
// review can conflict. What the merge writes never names a record it leaves out
// (merge.references.ts). History summaries stay in the branch: a branch's summary covers
// turns in an order the parent does not have.
import { ConflictError, type FieldConflict } from '../../errors.js';
import { deepEqual, type JsonValue } from '../../json.js';
import { sameContent } from '../core/compare.js';
import type {
  ContextItem,
  ArchivedTask,
  ContextConfig,
  ConversationTurn,
  Discovery,
  DiscoveryConfig,
  Material,
  MergeStrategy,
  RecordOrigin,
  Task,
  Workspace,
} from '../core/state.js';
import type { MergedList, MergeResolution, WorkspaceChanges } from './events.js';
import { withResolvedReferences } from './merge.references.js';

export interface MergeResult {
  changes: WorkspaceChanges;
  /** Every conflict, and the side the strategy took; empty when nothing conflicted. */
  resolutions: MergeResolution[];
}

type Side = 'ours' | 'theirs';
type Rule = 'keep' | 'take' | 'conflict';

interface Pending extends FieldConflict {
  apply: (side: Side) => void;
}

interface Acc {
  set(part: MergedList, key: string, value: unknown): void;
  conflict(field: string, base: unknown, ours: unknown, theirs: unknown, apply: (side: Side) => void): void;
}

/** The rule of one field; null stands for absent. */
function rule(base: unknown, ours: unknown, theirs: unknown, same: (a: unknown, b: unknown) => boolean = sameContent): Rule {
  if (same(theirs, base)) return 'keep';
  if (same(ours, base)) return 'take';
  if (same(ours, theirs)) return 'keep';
  return 'conflict';
}

type ItemMerge<T> = (key: string, base: T | null, ours: T | null, theirs: T | null, acc: Acc) => void;

const plain = <T>(part: MergedList): ItemMerge<T> => (key, base, ours, theirs, acc) => {
  const outcome = rule(base, ours, theirs);
  if (outcome === 'take') acc.set(part, key, theirs);
  if (outcome === 'conflict') acc.conflict(`workspace.${part}.${key}`, base, ours, theirs, (side) => side === 'theirs' && acc.set(part, key, theirs));
};

function withOrigin<T extends { origin?: RecordOrigin }>(item: T, origin: RecordOrigin | undefined): T {
  const { origin: _o, ...rest } = item;
  return (origin ? { ...rest, origin } : rest) as T;
}

/** A record new to the parent keeps the branch it was first made in; one the parent had keeps the parent's. */
const originFor = <T extends { origin?: RecordOrigin }>(ours: T | null, theirs: T, origin: RecordOrigin): RecordOrigin | undefined =>
  ours ? ours.origin : (theirs.origin ?? origin);

const turns = (origin: RecordOrigin): ItemMerge<ConversationTurn> => (key, base, ours, theirs, acc) => {
  const put = () => acc.set('conversation', key, theirs && withOrigin(theirs, originFor(ours, theirs, origin)));
  const outcome = rule(base, ours, theirs);
  if (outcome === 'take') put();
  if (outcome === 'conflict') acc.conflict(`workspace.conversation.${key}`, base, ours, theirs, (side) => side === 'theirs' && put());
};

const later = (a: string, b: string): boolean => Date.parse(a) > Date.parse(b);

/** Both sides analysed the material since the base: the counts add up and the later analysis leads. */
function combineMaterial(base: Material | null, ours: Material, theirs: Material): Material {
  const newer = later(theirs.lastSeenAt, ours.lastSeenAt) ? theirs : ours;
  const theirChanges = Object.entries(theirs.properties).filter(([k, v]) => !deepEqual(base?.properties[k], v));
  return withOrigin({
    ...newer,
    name: newer.name ?? ours.name ?? theirs.name,
    properties: newer === theirs ? { ...ours.properties, ...Object.fromEntries(theirChanges) } : { ...Object.fromEntries(theirChanges), ...ours.properties },
    mentions: ours.mentions + theirs.mentions - (base?.mentions ?? 0),
    firstSeenAt: later(ours.firstSeenAt, theirs.firstSeenAt) ? theirs.firstSeenAt : ours.firstSeenAt,
  }, ours.origin);
}

const materials = (origin: RecordOrigin): ItemMerge<Material> => (key, base, ours, theirs, acc) => {
  if (sameContent(theirs, base)) return;
  if (theirs === null) {
    if (sameContent(ours, base)) acc.set('materials', key, null);
    return;
  }
  if (ours === null || sameContent(ours, base)) acc.set('materials', key, withOrigin(theirs, originFor(ours, theirs, origin)));
  else acc.set('materials', key, combineMaterial(base, ours, theirs));
};

/** A three-way merge of a set: what either side added since the base is in, what either removed is out. */
function mergeSet(base: readonly string[], ours: readonly string[], theirs: readonly string[]): string[] {
  const gone = new Set([...base.filter((x) => !theirs.includes(x)), ...base.filter((x) => !ours.includes(x))]);
  return [...new Set([...ours, ...theirs])].filter((x) => !gone.has(x));
}

const core = (d: Discovery | null) => d && { ...d, tags: [], linkIds: [] };

const discoveries: ItemMerge<Discovery> = (key, base, ours, theirs, acc) => {
  if (sameContent(theirs, base)) return;
  if (ours === null || theirs === null) return plain<Discovery>('discoveries')(key, base, ours, theirs, acc);
  const put = (winner: Discovery) => {
    const merged = { ...winner, tags: mergeSet(base?.tags ?? [], ours.tags, theirs.tags), linkIds: mergeSet(base?.linkIds ?? [], ours.linkIds, theirs.linkIds) };
    if (!deepEqual(merged, ours)) acc.set('discoveries', key, merged);
  };
  const outcome = rule(core(base), core(ours), core(theirs));
  if (outcome === 'conflict') acc.conflict(`workspace.discoveries.${key}`, base, ours, theirs, (side) => put(side === 'ours' ? ours : theirs));
  else put(outcome === 'take' ? theirs : ours);
};

type AnyTask = Task | ArchivedTask;
const marked = (t: AnyTask | null) => t && { ...t, archived: 'archivedAt' in t };

/** A task's status can conflict; archiving a task both completed is not a conflict. */
const tasks: ItemMerge<AnyTask> = (key, base, ours, theirs, acc) => {
  const outcome = rule(marked(base), marked(ours), marked(theirs));
  if (outcome === 'take') acc.set('tasks', key, theirs);
  if (outcome !== 'conflict') return;
  if (ours && theirs && sameContent(ours, theirs)) {
    if ('archivedAt' in theirs) acc.set('tasks', key, theirs);
    return;
  }
  acc.conflict(`workspace.tasks.${key}`, base, ours, theirs, (side) => side === 'theirs' && acc.set('tasks', key, theirs));
};

function mergeList<T>(keyOf: (item: T) => string, lists: [Iterable<T>, Iterable<T>, Iterable<T>], merge: ItemMerge<T>, acc: Acc): void {
  const [base, ours, theirs] = lists.map((list) => new Map([...list].map((item) => [keyOf(item), item])));
  // Theirs first, in its order, so new records arrive in the order the branch made them.
  for (const key of new Set([...theirs!.keys(), ...base!.keys()])) merge(key, base!.get(key) ?? null, ours!.get(key) ?? null, theirs!.get(key) ?? null, acc);
}

function mergeRecord<T>(prefix: string, sides: [Readonly<Record<string, T>>, Readonly<Record<string, T>>, Readonly<Record<string, T>>], out: Record<string, T | null>, acc: Acc): void {
  const [base, ours, theirs] = sides;
  const value = (r: Readonly<Record<string, T>>, k: string) => (Object.hasOwn(r, k) ? r[k]! : null);
  for (const key of new Set([...Object.keys(theirs), ...Object.keys(base)])) {
    const [b, o, t] = [value(base, key), value(ours, key), value(theirs, key)];
    // Settings, the focus and tool states hold no record times: all of them is content.
    const outcome = rule(b, o, t, deepEqual);
    if (outcome === 'take') out[key] = t;
    if (outcome === 'conflict') acc.conflict(`${prefix}.${key}`, b, o, t, (side) => side === 'theirs' && (out[key] = t));
  }
}

export function mergeWorkspaces(base: Workspace, ours: Workspace, theirs: Workspace, strategy: MergeStrategy, origin: RecordOrigin): MergeResult {
  const lists: Partial<Record<MergedList, unknown[]>> = {};
  const removed: Partial<Record<MergedList, string[]>> = {};
  const pending: Pending[] = [];
  const acc: Acc = {
    set: (part, key, value) => (value === null ? (removed[part] ??= []).push(key) : (lists[part] ??= []).push(value)),
    conflict: (field, b, o, t, apply) => pending.push({ field, local: o, remote: t, base: b, apply }),
  };
  const sides = <K extends keyof Workspace>(part: K) => [base[part], ours[part], theirs[part]] as [Workspace[K], Workspace[K], Workspace[K]];
  const byId = <T extends { id: string }>(item: T) => item.id;

  mergeList(byId, sides('conversation'), turns(origin), acc);
  mergeList(byId, sides('materials'), materials(origin), acc);
  mergeList(byId, sides('toolInvocations'), plain('toolInvocations'), acc);
  mergeList(byId, sides('discoveries'), discoveries, acc);
  mergeList(byId, sides('discoveryLinks'), plain('discoveryLinks'), acc);
  mergeList(byId, sides('sessionSummaries'), plain('sessionSummaries'), acc);
  mergeList((i: ContextItem) => i.key, sides('contextItems'), plain('contextItems'), acc);
  mergeList(byId, sides('hypotheses'), plain('hypotheses'), acc);
  const allTasks = (ws: Workspace): AnyTask[] => [...ws.tasks, ...ws.archivedTasks];
  mergeList<AnyTask>(byId, [allTasks(base), allTasks(ours), allTasks(theirs)], tasks, acc);

  const toolStates: Record<string, JsonValue> = {};
  mergeRecord<JsonValue>('workspace.toolStates', sides('toolStates'), toolStates, acc);
  const contextConfig: Record<string, unknown> = {};
  mergeRecord('workspace.contextConfig', sides('contextConfig') as unknown as [Record<string, unknown>, Record<string, unknown>, Record<string, unknown>], contextConfig, acc);
  const discoveryConfig: Record<string, unknown> = {};
  mergeRecord('workspace.discoveryConfig', sides('discoveryConfig') as unknown as [Record<string, unknown>, Record<string, unknown>, Record<string, unknown>], discoveryConfig, acc);
  const focus: Record<string, string | null> = {};
  mergeRecord('workspace', [{ focus: base.focus }, { focus: ours.focus }, { focus: theirs.focus }], focus, acc);

  if (pending.length > 0 && strategy === 'merge') {
    const conflicts = pending.map(({ field, local, remote, base: b }) => ({ field, local, remote, base: b }));
    throw new ConflictError(conflicts, `the branch and this session both changed ${conflicts.map((c) => c.field).join(', ')}: merge with strategy "ours" or "theirs" to choose`);
  }
  const resolutions: MergeResolution[] = pending.map(({ field, local, remote, base: b, apply }) => {
    const chosen = strategy === 'theirs' ? 'theirs' : 'ours';
    apply(chosen);
    return { field, chosen, local, remote, base: b };
  });

  const changes: WorkspaceChanges = { ...(lists as WorkspaceChanges) };
  if (Object.keys(removed).length > 0) changes.removed = removed;
  if (Object.keys(toolStates).length > 0) changes.toolStates = toolStates;
  if (Object.keys(contextConfig).length > 0) changes.contextConfig = contextConfig as Partial<ContextConfig>;
  if (Object.keys(discoveryConfig).length > 0) changes.discoveryConfig = discoveryConfig as Partial<DiscoveryConfig>;
  if (Object.hasOwn(focus, 'focus')) changes.focus = focus.focus ?? null;
  return { changes: withResolvedReferences(ours, changes), resolutions };
}

export const isEmptyChanges = (changes: WorkspaceChanges): boolean => Object.keys(changes).length === 0;

/** Questions asked in the branch that are still running: a merge waits for them. */
export function newPendingTurns(base: Workspace, theirs: Workspace): string[] {
  return theirs.conversation.filter((t) => t.status === 'pending' && !deepEqual(base.conversation.get(t.id), t)).map((t) => t.id);
}
