/** Where a workspace command or read goes: a session's main line, or one of its branches. */
export interface WorkspaceTarget {
  sessionId: string;
  branchId?: string;
}

export const targetOf = (sessionId: string, branchId?: string): WorkspaceTarget => (branchId ? { sessionId, branchId } : { sessionId });

export const describeTarget = (t: WorkspaceTarget) => (t.branchId ? `branch ${t.branchId} of session ${t.sessionId}` : `session ${t.sessionId}`);
