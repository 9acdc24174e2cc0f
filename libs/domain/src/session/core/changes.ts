// What an event does to the state, said item by item: put a record under its key, remove it, or
// set a single value. Each slice's evolve returns these; the core applies them (O(log n) each, see
// items.ts) and hands the same list, with each record's place resolved, to the temporal read model,
// which keeps every version of every item. One description of a change serves the fold, the
// snapshot and time travel, so they cannot disagree.
import type { JsonObject, JsonValue } from '../../json.js';
import type { Items, ItemsDraft } from './items.js';
import type {
  ArchivedTask, AutosaveSettings, BatchSettings, BranchInfo, BranchRef, Checkpoint, ContextConfig, ContextItem, ConversationTurn, Discovery, DiscoveryConfig, DiscoveryLink,
  GeneratedSummary, Governance, HistorySummary, Hypothesis, Material, Permission, ResearchEnd, SessionState, SessionStatus, SessionType, ShareLink, Task,
  TemplateOrigin, ToolInvocationRecord,
} from './state.js';

/** The parts that hold records by key, and the record type of each. */
export interface KeyedParts {
  'governance.checkpoints': Checkpoint;
  'governance.branches': BranchRef;
  'workspace.conversation': ConversationTurn;
  'workspace.summaries': HistorySummary;
  'workspace.materials': Material;
  'workspace.toolInvocations': ToolInvocationRecord;
  'workspace.discoveries': Discovery;
  'workspace.discoveryLinks': DiscoveryLink;
  'workspace.sessionSummaries': GeneratedSummary;
  'workspace.contextItems': ContextItem;
  'workspace.hypotheses': Hypothesis;
  'workspace.tasks': Task;
  'workspace.archivedTasks': ArchivedTask;
}

/** The parts that hold one value, and its type. */
export interface ValueParts {
  id: string;
  exists: boolean;
  branch: BranchInfo | null;
  'governance.ownerId': string;
  'governance.members': Record<string, Permission[]>;
  'governance.status': SessionStatus;
  'governance.name': string;
  'governance.type': SessionType;
  'governance.metadata': JsonObject;
  'governance.config': JsonObject;
  'governance.createdAt': string;
  'governance.seededFrom': TemplateOrigin | null;
  'governance.batch': BatchSettings | null;
  'governance.autosave': AutosaveSettings | null;
  'governance.researchEnd': ResearchEnd | null;
  'governance.shareLinks': Record<string, ShareLink>;
  'workspace.toolStates': Record<string, JsonValue>;
  'workspace.discoveryConfig': DiscoveryConfig;
  'workspace.contextConfig': ContextConfig;
  'workspace.focus': string | null;
}

export type KeyedPart = keyof KeyedParts;
export type ValuePart = keyof ValueParts;
export type PartName = KeyedPart | ValuePart;

export const KEYED_PARTS = [
  'governance.checkpoints', 'governance.branches', 'workspace.conversation', 'workspace.summaries', 'workspace.materials',
  'workspace.toolInvocations', 'workspace.discoveries', 'workspace.discoveryLinks', 'workspace.sessionSummaries', 'workspace.contextItems',
  'workspace.hypotheses', 'workspace.tasks', 'workspace.archivedTasks',
] as const satisfies readonly KeyedPart[];
export const VALUE_PARTS = [
  'id', 'exists', 'branch', 'governance.ownerId', 'governance.members', 'governance.status', 'governance.name', 'governance.type',
  'governance.metadata', 'governance.config', 'governance.createdAt', 'governance.seededFrom', 'governance.shareLinks', 'governance.batch', 'governance.autosave', 'governance.researchEnd', 'workspace.toolStates',
  'workspace.discoveryConfig', 'workspace.contextConfig', 'workspace.focus',
] as const satisfies readonly ValuePart[];
// Every part is listed (a new one fails to compile until it is).
const everyKeyedPart: [Exclude<KeyedPart, (typeof KEYED_PARTS)[number]>] extends [never] ? true : never = true;
const everyValuePart: [Exclude<ValuePart, (typeof VALUE_PARTS)[number]>] extends [never] ? true : never = true;
void everyKeyedPart;
void everyValuePart;

export const isKeyedPart = (part: string): part is KeyedPart => (KEYED_PARTS as readonly string[]).includes(part);

export type Change =
  /** The record under `key`: in its place if it has one, at the end if new, or at `ord` when given (brought back). */
  | { [P in KeyedPart]: { part: P; key: string; value: KeyedParts[P]; ord?: number; moveToEnd?: true } }[KeyedPart]
  | { [P in KeyedPart]: { part: P; key: string; deleted: true } }[KeyedPart]
  | { [P in ValuePart]: { part: P; value: ValueParts[P] } }[ValuePart];

/** A change as applied: the record's place resolved. What the timeline stores, one version per item. */
export interface AppliedChange {
  part: PartName;
  /** '' for a value part. */
  key: string;
  ord: number;
  value: unknown;
  deleted?: true;
}

export const put = <P extends KeyedPart>(part: P, key: string, value: KeyedParts[P], place: { ord?: number; moveToEnd?: true } = {}): Change =>
  ({ part, key, value, ...place }) as Change;
export const remove = <P extends KeyedPart>(part: P, key: string): Change => ({ part, key, deleted: true }) as Change;
export const set = <P extends ValuePart>(part: P, value: ValueParts[P]): Change => ({ part, value }) as Change;

/** Room for the records one event may add, between the ords of two events. */
export const ORDS_PER_EVENT = 2 ** 20;

type Group = 'governance' | 'workspace';

function split(part: PartName): [Group | null, string] {
  const dot = part.indexOf('.');
  return dot < 0 ? [null, part] : [part.slice(0, dot) as Group, part.slice(dot + 1)];
}

export function readPart(state: SessionState, part: PartName): unknown {
  const [group, field] = split(part);
  return group === null ? (state as unknown as Record<string, unknown>)[field] : (state[group] as unknown as Record<string, unknown>)[field];
}

function writePart(state: SessionState, part: PartName, value: unknown): SessionState {
  const [group, field] = split(part);
  if (group === null) return { ...state, [field]: value };
  return { ...state, [group]: { ...(state[group] as Governance | object), [field]: value } };
}

/**
 * Applies an event's changes. New records take ords after every record the state can hold before
 * this event: (ordBase + eventCount) blocks of ORDS_PER_EVENT, so any path to a state (a fold,
 * a snapshot, the timeline) places them the same. A part's records are changed in one draft and
 * put in order once (items.ts), so an event costs what it changes however many records it brings
 * back to earlier places.
 */
export function applyChanges(state: SessionState, changes: readonly Change[]): { state: SessionState; applied: AppliedChange[] } {
  const base = (state.ordBase + state.eventCount) * ORDS_PER_EVENT;
  let fresh = 0;
  let next = state;
  const drafts = new Map<KeyedPart, ItemsDraft<unknown>>();
  const applied: AppliedChange[] = [];
  for (const change of changes) {
    if (!isKeyedPart(change.part)) {
      const { part, value } = change as { part: ValuePart; value: unknown };
      next = writePart(next, part, value);
      applied.push({ part, key: '', ord: 0, value });
      continue;
    }
    const { part, key } = change as { part: KeyedPart; key: string };
    let items = drafts.get(part);
    if (!items) drafts.set(part, (items = (readPart(next, part) as Items<unknown>).draft()));
    if ('deleted' in change) {
      if (!items.has(key)) continue;
      items.delete(key);
      applied.push({ part, key, ord: 0, value: null, deleted: true });
      continue;
    }
    const { value, ord: given, moveToEnd } = change as { value: unknown; ord?: number; moveToEnd?: true };
    const ord = given ?? (moveToEnd ? undefined : items.ordOf(key)) ?? base + fresh++;
    items.set(key, value, ord);
    applied.push({ part, key, ord, value });
  }
  for (const [part, items] of drafts) {
    const done = items.done();
    if (done !== readPart(next, part)) next = writePart(next, part, done);
  }
  return { state: next, applied };
}
