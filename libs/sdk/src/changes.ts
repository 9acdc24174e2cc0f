// A change is a command described as data, so a change the server refused as conflicting can be
// kept and sent again by resolveConflicts(). Each change also knows how to split off the parts
// that conflicted, which is what the 'merge' strategy sends.
//
// How resolveConflicts() works, deliberately simple:
//   'theirs' drops the refused change and reloads the session: the remote values stand.
//   'ours'   reloads, then sends the whole change again based on the revision now stored.
//   'merge'  reloads, then sends only the parts of the change that did not conflict (other
//            metadata keys, other context settings); a change of one field (a rename, a focus)
//            has no such parts, so 'merge' is then the same as 'theirs'.
// The conflicting local values that were not written are returned as `discarded`. No value is
// ever merged inside a field: the SDK cannot know how to combine two names or two focuses.
//
// A refused branch merge (mergeBranch(), branch.merge()) is settled by merging again, because
// the server does the three-way merge; its conflicts name the parent's value `local` and the
// branch's `remote`, as the seed prints them ("your version", "remote version"):
//   'theirs' merges again with the server's strategy 'theirs': the branch's values win.
//   'ours'   merges again with 'ours': the parent keeps its values, the rest of the branch comes in.
//   'merge'  does what 'ours' does (what is stored is never overwritten, as above) and reports
//            the branch's values that could not be merged as `discarded`.
// Either way the branch counts as merged up to its current revision: the next merge starts there.
import { clientError, type Conflict } from './errors.js';
import type { Method, Query } from './http-client.js';
import type { DiscoveryConfig } from './agent-types.js';
import type { CommandResult, ContextConfig, JsonObject, SessionView } from './types.js';
import type { MergeStrategy } from './workspace-types.js';

export type ResolveStrategy = 'ours' | 'theirs' | 'merge';

export interface ResolveResult {
  strategy: ResolveStrategy;
  /** What the re-sent change answered; null when nothing was sent. */
  applied: CommandResult | null;
  /**
   * The values that lost: for a refused change, your (local) values that were not written, every
   * conflict for 'theirs' and the conflicting ones for 'merge'; for a refused branch merge, the
   * parent's (local) values overwritten for 'theirs', the branch's (remote) values not merged for 'merge'.
   */
  discarded: Conflict[];
}

export interface Change {
  method: Exclude<Method, 'GET'>;
  path: string;
  body?: unknown;
  query?: Query;
  /** What the Session's own properties become once the server accepts the change. */
  apply?: (view: SessionView) => SessionView;
  /** The change without the parts that touch `conflicting` field paths; null when nothing is left. */
  split?: (conflicting: ReadonlySet<string>) => Change | null;
  /** False: never send `If-Match` (the change is decided on another stream, or on the state now). */
  ifMatch?: false;
  /** Whether the answer is this workspace's (its revision the one to keep); true when absent. */
  ownAnswer?: (answer: CommandResult) => boolean;
  /** Reload the workspace afterwards: it moved, but the answer does not say to which revision. */
  reload?: true;
  /** How resolveConflicts() settles this change when it is refused, instead of the rules above. */
  resolve?: (strategy: ResolveStrategy, conflicts: Conflict[]) => { send: Change | null; discarded: Conflict[] };
}

/** A change the server refused, kept for resolveConflicts(). */
export interface PendingChange {
  change: Change;
  conflicts: Conflict[];
}

export function renameChange(path: string, name: string): Change {
  return { method: 'PATCH', path, body: { name }, apply: (view) => ({ ...view, name }) };
}

export function metadataChange(path: string, set: JsonObject, remove: string[] = []): Change {
  return {
    method: 'PATCH',
    path,
    body: { ...(Object.keys(set).length > 0 ? { metadata: set } : {}), ...(remove.length > 0 ? { removeMetadata: remove } : {}) },
    apply: (view) => {
      const metadata: JsonObject = { ...view.metadata, ...set };
      for (const key of remove) delete metadata[key];
      return { ...view, metadata };
    },
    split: (conflicting) => {
      const keep = (key: string) => !conflicting.has(`governance.metadata.${key}`);
      const keptSet = Object.fromEntries(Object.entries(set).filter(([key]) => keep(key)));
      const keptRemove = remove.filter(keep);
      return Object.keys(keptSet).length > 0 || keptRemove.length > 0 ? metadataChange(path, keptSet, keptRemove) : null;
    },
  };
}

export function contextConfigChange(path: string, settings: Partial<ContextConfig>): Change {
  return settingsChange(path, 'workspace.contextConfig', settings);
}

export function discoveryConfigChange(path: string, settings: Partial<DiscoveryConfig>): Change {
  return settingsChange(path, 'workspace.discoveryConfig', settings);
}

/** A PUT of settings, each its own field: 'merge' re-sends the settings that did not conflict. */
function settingsChange(path: string, field: string, settings: object): Change {
  return {
    method: 'PUT',
    path,
    body: settings,
    split: (conflicting) => {
      const kept = Object.entries(settings).filter(([key]) => !conflicting.has(`${field}.${key}`));
      return kept.length > 0 ? settingsChange(path, field, Object.fromEntries(kept)) : null;
    },
  };
}

/**
 * POST .../branches/:branchId/merge. It is decided in the branch's parent, on the parent's state
 * now (a three-way merge): no If-Match, and its answer is the parent's. See the top of this file.
 */
export function mergeChange(path: string, strategy: MergeStrategy, ownAnswer: (answer: CommandResult) => boolean): Change {
  return {
    method: 'POST',
    path,
    body: { strategy },
    ifMatch: false,
    ownAnswer,
    resolve: (resolveStrategy, conflicts) => ({
      send: mergeChange(path, resolveStrategy === 'theirs' ? 'theirs' : 'ours', ownAnswer),
      discarded: resolveStrategy === 'ours' ? [] : conflicts,
    }),
  };
}

/** Settles a refused change the way `strategy` says; `send` sends a change based on the revision now stored. */
export async function resolvePending(
  pending: PendingChange,
  strategy: ResolveStrategy,
  send: (change: Change) => Promise<CommandResult>,
): Promise<ResolveResult> {
  if (pending.change.resolve) {
    const { send: next, discarded } = pending.change.resolve(strategy, pending.conflicts);
    return { strategy, applied: next ? await send(next) : null, discarded };
  }
  switch (strategy) {
    case 'theirs':
      return { strategy, applied: null, discarded: pending.conflicts };
    case 'ours':
      return { strategy, applied: await send(pending.change), discarded: [] };
    case 'merge': {
      const rest = pending.change.split?.(new Set(pending.conflicts.map((c) => c.field))) ?? null;
      return { strategy, applied: rest ? await send(rest) : null, discarded: pending.conflicts };
    }
    default: {
      const _never: never = strategy;
      throw clientError('invalid_argument', `strategy must be 'ours', 'theirs' or 'merge', not ${JSON.stringify(_never)}`, 'strategy');
    }
  }
}
