import {
  AccessDeniedError,
  DeadlineExceededError,
  StreamDeletedError,
  StreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { StoreUnavailable, StreamDeleted, StreamNotFound, WrongExpectedVersion } from '../errors.js';
import { isUnavailable, translateError } from './error-mapping.js';

describe('EventStoreDB error translation', () => {
  it('WrongExpectedVersionError → WrongExpectedVersion with expected and actual revisions', () => {
    const error = translateError(new WrongExpectedVersionError(undefined, { streamName: 'session-1', expected: 2n, current: 5n }));
    expect(error).toBeInstanceOf(WrongExpectedVersion);
    expect(error).toMatchObject({ streamId: 'session-1', expected: 2n, actual: 5n });
  });

  it('reports a missing stream as actual "no_stream" and names the caller\'s expectation when given', () => {
    const raw = new WrongExpectedVersionError(undefined, { streamName: 'session-1', expected: 'stream_exists', current: 'no_stream' });
    expect(translateError(raw)).toMatchObject({ expected: 'stream_exists', actual: 'no_stream' });
    expect(translateError(raw, { streamId: 'session-1', expected: 'any' })).toMatchObject({ expected: 'any', actual: 'no_stream' });
  });

  it('StreamNotFoundError → StreamNotFound, StreamDeletedError → StreamDeleted', () => {
    const notFound = translateError(new StreamNotFoundError(undefined, 'session-2'));
    expect(notFound).toBeInstanceOf(StreamNotFound);
    expect(notFound).toMatchObject({ streamId: 'session-2' });
    const deleted = translateError(StreamDeletedError.fromStreamName('session-3'));
    expect(deleted).toBeInstanceOf(StreamDeleted);
    expect(deleted).toMatchObject({ streamId: 'session-3' });
  });

  it('prefers the stream id the adapter asked about', () => {
    expect(translateError(new StreamNotFoundError(undefined, 'raw'), { streamId: 'session-4' })).toMatchObject({ streamId: 'session-4' });
  });

  it('UnavailableError and a plain gRPC error with code 14 → StoreUnavailable', () => {
    const unavailable = new UnavailableError(undefined, '14 UNAVAILABLE: No connection established');
    expect(translateError(unavailable)).toBeInstanceOf(StoreUnavailable);
    // appendToStream rejects with grpc-js's own error object, not a client CommandError.
    const grpc = Object.assign(new Error('14 UNAVAILABLE: No connection established'), { code: 14, details: 'No connection established' });
    const translated = translateError(grpc);
    expect(translated).toBeInstanceOf(StoreUnavailable);
    expect((translated as Error).message).toContain('No connection established');
  });

  it('treats a deadline as unavailable too, but leaves other errors alone', () => {
    expect(isUnavailable(new DeadlineExceededError())).toBe(true);
    const denied = new AccessDeniedError();
    expect(translateError(denied)).toBe(denied);
    const plain = new TypeError('bug');
    expect(translateError(plain)).toBe(plain);
    expect(isUnavailable(Object.assign(new Error('not found'), { code: 5 }))).toBe(false);
  });

  it('passes our own errors through unchanged', () => {
    const ours = new StreamNotFound('session-5');
    expect(translateError(ours)).toBe(ours);
  });
});
