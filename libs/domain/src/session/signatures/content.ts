// What a signature covers, and its hash: SHA-256 over the canonical JSON (RFC 8785, the
// `canonicalize` package) of the content, so anyone can recompute it from an audit bundle.
// - A checkpoint: its name, the revision it marks and the workspace at that revision (what a
//   restore puts back). Governance (status, members) is not part of what a checkpoint holds.
// - A discovery: the record as the session holds it, without `pinned`, which is a reader's
//   bookmark, not part of the finding. Its review, tags and links are part of it: a discovery
//   validated, rejected, tagged or linked after it was signed is no longer what was signed.
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { Discovery, SessionState } from '../core/state.js';
import { workspaceView, type WorkspaceView } from '../core/view.js';

export const CONTENT_HASH_PATTERN = /^[0-9a-f]{64}$/;

export function contentHash(content: unknown): string {
  const json = canonicalize(content);
  if (json === undefined) throw new Error('content has no canonical JSON form');
  return createHash('sha256').update(json, 'utf8').digest('hex');
}

export interface CheckpointContent {
  checkpoint: string;
  revision: number;
  workspace: WorkspaceView;
}

/** The content of checkpoint `name` marking `revision`, given the state at that revision. */
export const checkpointContent = (name: string, revision: number, stateAtRevision: SessionState): CheckpointContent => ({
  checkpoint: name,
  revision,
  workspace: workspaceView(stateAtRevision.workspace),
});

export function discoveryContent(discovery: Discovery): { discovery: Omit<Discovery, 'pinned'> } {
  const { pinned: _pinned, ...record } = discovery;
  return { discovery: record };
}

export const discoveryHash = (discovery: Discovery): string => contentHash(discoveryContent(discovery));
