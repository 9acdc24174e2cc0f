// The state as readers see it: the same shape with each part's records as a plain array, in order.
// What the API, exports and dashboards show (and what JSON.stringify of the state gives anyway).
import { Items } from './items.js';
import type { Governance, SessionState, ShareLink, Workspace } from './state.js';

type Plain<T> = { [K in keyof T]: T[K] extends Items<infer R> ? R[] : T[K] };

/**
 * A share link as readers see it. Its token hash is the digest of a secret: it is how the service
 * recognises the token, and no reader (not even the owner) needs it, so no view carries it.
 */
export type ShareLinkView = Omit<ShareLink, 'tokenHash'>;

export type WorkspaceView = Plain<Workspace>;
export type GovernanceView = Omit<Plain<Governance>, 'shareLinks'> & { shareLinks: Record<string, ShareLinkView> };

export interface SessionStateView extends Omit<SessionState, 'governance' | 'workspace' | 'ordBase'> {
  governance: GovernanceView;
  workspace: WorkspaceView;
}

function plain<T extends object>(value: T): Plain<T> {
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, v instanceof Items ? v.values() : v])) as Plain<T>;
}

export const workspaceView = (ws: Workspace): WorkspaceView => plain(ws);

/** The links without their token hashes (states made before links existed have none). */
export function shareLinksView(links: Readonly<Record<string, ShareLink>> | undefined): Record<string, ShareLinkView> {
  return Object.fromEntries(Object.entries(links ?? {}).map(([id, { tokenHash: _hash, ...link }]) => [id, link]));
}

export function sessionView(state: SessionState): SessionStateView {
  const { ordBase: _ordBase, governance, workspace, ...rest } = state;
  const g = plain(governance);
  return { ...rest, governance: { ...g, shareLinks: shareLinksView(g.shareLinks) }, workspace: plain(workspace) };
}

/** From a view back to a workspace (records placed in the order given): tests and imports of plain data. */
export function workspaceFromView(view: WorkspaceView): Workspace {
  const keyOf = (item: { id?: string; key?: string }) => item.key ?? item.id!;
  return Object.fromEntries(
    Object.entries(view).map(([k, v]) => [k, Array.isArray(v) ? Items.of(v as Array<{ id?: string; key?: string }>, keyOf) : v]),
  ) as unknown as Workspace;
}
