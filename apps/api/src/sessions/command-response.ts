import type { HandleResult } from '@crystalyse/event-store';

/** What every session command answers: the id, the new revision (also the ETag) and the global position. */
export interface CommandResponse {
  id: string;
  revision: number;
  position: string;
  /** Types of the events this command appended; empty for a no-op or a repeated Idempotency-Key. */
  events: string[];
  replayed: boolean;
  /** Set when the command went to a branch. */
  branchId?: string;
}

export const commandResponse = (id: string, result: HandleResult<unknown>): CommandResponse => ({
  id,
  revision: Number(result.nextExpectedRevision),
  position: result.position.toString(),
  events: result.events.map((e) => e.type),
  replayed: result.replayed,
});
