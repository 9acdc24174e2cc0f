// Stream names come from here only. A LangGraph thread is a stream of our store in its own
// category, `lgthread-{threadId}`: the root namespace's main line and the thread's directory of
// namespaces. Every other checkpoint namespace has its main line in `lgns-{hash}` (named from the
// thread and the namespace, so a reader finds it without the directory), and every fork is a
// `lgbranch-{branchId}` stream; both start with an event naming their parent stream and parent
// checkpoint, as session branches do.
import { createHash } from 'node:crypto';

export const THREAD_STREAM_PREFIX = 'lgthread-';
export const NAMESPACE_STREAM_PREFIX = 'lgns-';
export const BRANCH_STREAM_PREFIX = 'lgbranch-';

export const threadStream = (threadId: string): string => `${THREAD_STREAM_PREFIX}${threadId}`;

/** The main line of a namespace: the thread stream for the root namespace ''. */
export function namespaceStream(threadId: string, ns: string): string {
  if (ns === '') return threadStream(threadId);
  return `${NAMESPACE_STREAM_PREFIX}${createHash('sha256').update(`${threadId}\u0000${ns}`).digest('hex').slice(0, 32)}`;
}

export const branchStream = (branchId: string): string => `${BRANCH_STREAM_PREFIX}${branchId}`;

/** The thread id of a thread's root stream, or null for any other stream. */
export function parseThreadStream(streamId: string): string | null {
  if (!streamId.startsWith(THREAD_STREAM_PREFIX)) return null;
  const id = streamId.slice(THREAD_STREAM_PREFIX.length);
  return id.length > 0 ? id : null;
}
