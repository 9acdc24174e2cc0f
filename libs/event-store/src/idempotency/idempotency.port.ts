// Where a keyed command that appended nothing leaves its answer. A command that appended events
// is found by its key in the log itself; a no-op leaves no event, so without this record a repeat
// of its key would be decided again on a state that has moved on, and could append.

/** What a command that changed nothing answered: the stream's revision and position then. */
export interface CommandOutcome {
  /** -1n when the stream did not exist. */
  revision: bigint;
  position: bigint;
}

export interface IdempotencyStore {
  /**
   * Durable once resolved, visible to every process sharing the store. The first record of a key
   * wins: recording it again keeps the first outcome.
   */
  record(streamId: string, commandId: string, outcome: CommandOutcome): Promise<void>;
  find(streamId: string, commandId: string): Promise<CommandOutcome | null>;
}

/**
 * How many keys a stream remembers: a key of a command that appended is found among the stream's
 * last 1,000 events (or commands), and a no-op's key among the stream's latest 1,000 no-op keys.
 * Older keys are forgotten; a client retry comes far sooner.
 */
export const IDEMPOTENCY_WINDOW = 1000;
