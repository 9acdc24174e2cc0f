import { AuthError, ConflictError, NotFoundError, PermissionError, SessionError } from '@crystalyse/sdk';
import { CommandFailed, exitCodeFor, UsageError } from './exit-codes.js';

describe('exit codes', () => {
  const init = { code: 'x', message: 'x' };
  it('0 ok, 1 refused, 2 usage, 3 not found, 4 conflict', () => {
    expect(exitCodeFor(new UsageError('bad flag'))).toBe(2);
    expect(exitCodeFor(new NotFoundError({ ...init, status: 404 }))).toBe(3);
    expect(exitCodeFor(new ConflictError({ ...init, status: 409 }))).toBe(4);
    // A 409 without conflicts (an illegal transition) is a conflict too.
    expect(exitCodeFor(new SessionError({ ...init, status: 409 }))).toBe(4);
    expect(exitCodeFor(new PermissionError({ ...init, status: 403 }))).toBe(1);
    expect(exitCodeFor(new AuthError({ ...init, status: 401 }))).toBe(1);
    expect(exitCodeFor(new SessionError({ ...init, status: 400 }))).toBe(1);
    expect(exitCodeFor(new CommandFailed('broken chain'))).toBe(1);
    expect(exitCodeFor(new Error('anything else'))).toBe(1);
  });
});
