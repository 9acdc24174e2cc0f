// The temporal read model: every version of every item of a stream's state, each row valid over
// a range of revisions [from, to). The state at revision r is then an indexed interval query
// (the rows whose range contains r), and what changed between two revisions is the rows whose
// range starts or ends between them: both cost what they return, not the length of the history.
// Writes arrive as projection batches (see DocumentWrite `timeline`), so a crash never separates
// them from the projection's checkpoint.

/** The `to` of a version that is still valid (R*Tree coordinates are 32-bit integers). */
export const OPEN_REVISION = 2_147_483_647;

/** One version of one item of a stream's state. */
export interface TimelineItem {
  /** The part of the state it belongs to (`workspace.contextItems`, `governance.status`, …). */
  part: string;
  /** The item's key within its part; '' for a part that holds a single value. */
  key: string;
  /** Position within its part: readers order a part's items by it. */
  ord: number;
  value: unknown;
  /** A deletion: the item is absent from here on (it hides an inherited item in an overlay). */
  deleted?: true;
}

/** A change of one item at one revision: its new version, or its deletion. */
export type TimelineChange = TimelineItem;

/** The changes one event (at `revision` of `stream`) made; a revision with none still moves the head. */
export interface TimelineAdvance {
  stream: string;
  revision: number;
  changes: TimelineChange[];
}

/** An item whose version at `to` is not its version at `from`: null stands for absent. */
export interface ItemChange {
  part: string;
  key: string;
  before: TimelineItem | null;
  after: TimelineItem | null;
}

/** An item changed between two revisions, with its version at the first (null: absent then). */
export type ItemBefore = Omit<ItemChange, 'after'>;

export interface TimelineQuery {
  /** Only these parts (all when absent). */
  parts?: string[];
  /** Include deletion markers (for overlays); by default a deleted item is simply absent. */
  deletions?: boolean;
}

export interface TimelineReader {
  /** The last revision recorded for the stream; -1 when none. */
  head(stream: string): Promise<number>;
  /** The items valid after the event at `revision`, ordered by part, then ord. */
  at(stream: string, revision: number, query?: TimelineQuery): Promise<TimelineItem[]>;
  /**
   * The items whose version changed in (from, to]: each with its version at `from` and at `to`
   * (null when absent, deletion markers included so an overlay can tell "deleted" from "untouched").
   */
  between(stream: string, from: number, to: number, query?: Pick<TimelineQuery, 'parts'>): Promise<ItemChange[]>;
  /**
   * The items `between` lists, each with its version at `from` only: what putting the state back
   * to `from` puts back. An item changed in (from, to] has a version valid at `to` that started
   * after `from` (a version ends only when the next one starts), and its version at `from` is one
   * lookup by item: the cost is the items changed, not the versions written since `from`.
   */
  changedSince(stream: string, from: number, to: number, query?: Pick<TimelineQuery, 'parts'>): Promise<ItemBefore[]>;
}

export function checkRevision(revision: number): void {
  if (!Number.isSafeInteger(revision) || revision < -1 || revision >= OPEN_REVISION) {
    throw new RangeError(`revision must be an integer from -1 below ${OPEN_REVISION}, got ${revision}`);
  }
}

/** Pairs "ended in (from, to]" with "started in (from, to]" versions by item. */
export function pairChanges(ended: TimelineItem[], started: TimelineItem[]): ItemChange[] {
  const byItem = new Map<string, ItemChange>();
  const id = (i: TimelineItem) => `${i.part}\u0000${i.key}`;
  for (const before of ended) byItem.set(id(before), { part: before.part, key: before.key, before, after: null });
  for (const after of started) {
    const change = byItem.get(id(after));
    if (change) change.after = after;
    else byItem.set(id(after), { part: after.part, key: after.key, before: null, after });
  }
  return [...byItem.values()];
}
