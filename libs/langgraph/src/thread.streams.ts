// Stream names come from here only. A LangGraph thread is a stream of our store in its own
// category: `lgthread-{threadId}` holds the root namespace's main line and the thread's directory
// of branches; every other checkpoint namespace, and every fork, is a `lgbranch-{branchId}` stream
// whose first event names its parent stream and parent checkpoint (as session branches do).
export const THREAD_STREAM_PREFIX = 'lgthread-';
export const BRANCH_STREAM_PREFIX = 'lgbranch-';

export const threadStream = (threadId: string): string => `${THREAD_STREAM_PREFIX}${threadId}`;

export const branchStream = (branchId: string): string => `${BRANCH_STREAM_PREFIX}${branchId}`;

/** The thread id of a thread's root stream, or null for any other stream. */
export function parseThreadStream(streamId: string): string | null {
  if (!streamId.startsWith(THREAD_STREAM_PREFIX)) return null;
  const id = streamId.slice(THREAD_STREAM_PREFIX.length);
  return id.length > 0 ? id : null;
}
