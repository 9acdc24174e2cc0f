// Stream names come from here only, so a rename of the scheme is one edit. (Templates name theirs
// in template/template.state.ts.)
export const SESSION_STREAM_PREFIX = 'session-';

export const sessionStream = (sessionId: string): string => `${SESSION_STREAM_PREFIX}${sessionId}`;

/** The session id of a session stream, or null for any other stream (branch-, user-, snapshot-…). */
export function parseSessionStream(streamId: string): string | null {
  if (!streamId.startsWith(SESSION_STREAM_PREFIX)) return null;
  const id = streamId.slice(SESSION_STREAM_PREFIX.length);
  return id.length > 0 ? id : null;
}

export const isSessionStream = (streamId: string): boolean => parseSessionStream(streamId) !== null;

export const BRANCH_STREAM_PREFIX = 'branch-';

export const branchStream = (branchId: string): string => `${BRANCH_STREAM_PREFIX}${branchId}`;

/** The branch id of a branch stream, or null for any other stream. */
export function parseBranchStream(streamId: string): string | null {
  if (!streamId.startsWith(BRANCH_STREAM_PREFIX)) return null;
  const id = streamId.slice(BRANCH_STREAM_PREFIX.length);
  return id.length > 0 ? id : null;
}

export const isBranchStream = (streamId: string): boolean => parseBranchStream(streamId) !== null;
