// Exit codes a script can rely on.
import { SessionError } from '@crystalyse/sdk';

export const EXIT = { ok: 0, refused: 1, usage: 2, notFound: 3, conflict: 4 } as const;

/** A mistake in how the command was called (a missing argument, a bad --at...): exit 2. */
export class UsageError extends Error {}

/** A command that ran but must report failure (a broken hash chain...): exit with `code`. */
export class CommandFailed extends Error {
  constructor(message: string, readonly code: number = EXIT.refused) {
    super(message);
  }
}

export function exitCodeFor(error: unknown): number {
  if (error instanceof UsageError) return EXIT.usage;
  if (error instanceof CommandFailed) return error.code;
  if (error instanceof SessionError) {
    if (error.kind === 'not_found') return EXIT.notFound;
    if (error.kind === 'conflict') return EXIT.conflict;
    return EXIT.refused;
  }
  return EXIT.refused;
}
