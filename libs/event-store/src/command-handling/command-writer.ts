// The write path of every stream: commands to one stream queue behind each other in this process
// instead of racing (DESIGN.md, "Costs that do not grow with history"), and whatever queued while
// the previous append was being made durable is decided in one round: each command on the state
// the previous ones left, all their events appended together, with one expected revision and one
// fsync. A hot stream thus takes as many commands per second as arrive, and optimistic
// concurrency only ever decides between processes: a round that loses to another process's
// append is read and decided again. Each command keeps its own outcome: a refusal, a no-op or a
// repeated idempotency key answers that command alone.
import { randomUUID } from 'node:crypto';
import { WrongExpectedVersion } from '../errors.js';
import type { EventData, EventStore, ExpectedRevision, RecordedEvent } from '../event-store.port.js';
import { fold, type Decider, type DomainEvent } from './decider.js';
import { eventEnvelope, type HandleOptions, type HandleResult } from './handle.js';
import { findCommand, loadStream, rememberCommand, type LoadedStream } from './load-stream.js';
import { maybeSnapshot } from './snapshots.js';

interface Submission<C = any, E extends DomainEvent = any, S = any> {
  decider: Decider<C, E, S>;
  command: C;
  options: HandleOptions<S>;
  resolve(result: HandleResult<S, E>): void;
  reject(error: unknown): void;
}

/** What one command of a round came to, before the round's append settles it. */
type Outcome =
  | { kind: 'appended'; data: EventData[]; first: bigint; last: bigint; state: unknown }
  | { kind: 'noop'; revision: bigint; afterAppended: boolean; state: unknown }
  | { kind: 'replay'; revision: bigint; position: bigint }
  | { kind: 'same-as'; index: number }
  | { kind: 'refused'; error: unknown };

/** Commands taken into one round at most: bounds one append, and the latency of the last one. */
const MAX_ROUND = 500;

export class CommandWriter {
  private readonly lanes = new Map<string, Submission[]>();
  /** Snapshots being written off the write path; `settled()` waits for them. */
  private readonly snapshotting = new Set<Promise<void>>();

  constructor(private readonly store: EventStore) {}

  /** Resolves once every snapshot started so far is written (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.snapshotting.size > 0) await Promise.all([...this.snapshotting]);
  }

  submit<C, E extends DomainEvent, S>(streamId: string, decider: Decider<C, E, S>, command: C, options: HandleOptions<S>): Promise<HandleResult<S, E>> {
    return new Promise((resolve, reject) => {
      const lane = this.lanes.get(streamId);
      const submission: Submission<C, E, S> = { decider, command, options, resolve, reject };
      if (lane) {
        lane.push(submission);
        return;
      }
      this.lanes.set(streamId, [submission]);
      void this.drain(streamId);
    });
  }

  /** Streams with commands queued or being decided (for tests and diagnostics). */
  get busyStreams(): number {
    return this.lanes.size;
  }

  private async drain(streamId: string): Promise<void> {
    const lane = this.lanes.get(streamId)!;
    while (lane.length > 0) {
      const round = takeRound(lane);
      try {
        await this.round(streamId, round);
      } catch (error) {
        // round() settles every command itself; this is a bug guard, so no command hangs.
        for (const s of round) s.reject(error);
      }
    }
    this.lanes.delete(streamId);
  }

  private async round(streamId: string, round: Submission[]): Promise<void> {
    const { decider, options } = round[0]!;
    // A command with a strict revision is never retried; the others a few times each.
    const retries = Math.max(0, ...round.filter((s) => s.options.expectedRevision === undefined).map((s) => s.options.retries ?? 3));
    for (let attempt = 0; ; attempt++) {
      const loaded = await loadStream(this.store, streamId, decider, options);
      const outcomes = await this.decideRound(streamId, round, loaded, attempt);
      const data = outcomes.flatMap((o) => (o.kind === 'appended' ? o.data : []));
      if (data.length === 0) return this.settle(streamId, round, outcomes, loaded, null);
      let appended;
      try {
        appended = await this.store.appendToStream(streamId, data, { expectedRevision: loaded.revision < 0n ? 'no_stream' : loaded.revision });
      } catch (error) {
        // Another process appended first: read what it wrote and decide the round again.
        if (error instanceof WrongExpectedVersion && attempt < retries) continue;
        if (error instanceof WrongExpectedVersion && attempt === 0 && retries === 0) {
          // Strict revisions only: the winner may have been the same command sent twice, which
          // the next round's key lookup answers as a repeat; anything else is a real conflict.
          const keyed = round.some((s) => s.options.context.commandId);
          if (keyed) continue;
        }
        for (const s of round) s.reject(error);
        return;
      }
      return this.settle(streamId, round, outcomes, loaded, appended);
    }
  }

  /** Decides each command on the state the previous ones left; nothing is written yet. */
  private async decideRound(streamId: string, round: Submission[], loaded: LoadedStream<unknown>, attempt: number): Promise<Outcome[]> {
    // Keys are looked up together: the common case (new keys) costs one round trip for all.
    const repeats = await Promise.all(
      round.map(async (s): Promise<Outcome | null> => {
        const key = s.options.context.commandId;
        if (!key) return null;
        const inLog = await findCommand(this.store, streamId, key, loaded);
        if (inLog !== null) return { kind: 'replay', revision: loaded.revision, position: inLog };
        // The first answer of a no-op, not a new decision: the state may have moved on since.
        const noop = attempt === 0 ? await this.store.idempotency.find(streamId, key) : null;
        return noop ? { kind: 'replay', revision: noop.revision, position: noop.position } : null;
      }),
    );
    const decider = round[0]!.decider;
    let state = loaded.state;
    let revision = loaded.revision;
    const keys = new Map<string, number>();
    return round.map((s, index): Outcome => {
      const repeat = repeats[index];
      if (repeat) return repeat;
      const key = s.options.context.commandId;
      const earlier = key === undefined ? undefined : keys.get(key);
      if (earlier !== undefined) return { kind: 'same-as', index: earlier };
      let events: DomainEvent[];
      try {
        events = s.decider.decide(s.command, state);
      } catch (error) {
        return { kind: 'refused', error };
      }
      // As before queueing: a no-op answers whatever the revision; a change needs the one expected.
      const strict = s.options.expectedRevision;
      if (events.length > 0 && strict !== undefined && !matches(strict, revision)) return { kind: 'refused', error: new WrongExpectedVersion(streamId, strict, revision) };
      if (key !== undefined) keys.set(key, index);
      if (events.length === 0) return { kind: 'noop', revision, afterAppended: revision !== loaded.revision, state };
      const data = events.map((e) => eventEnvelope(e, s.options.context, {}, (s.options.newEventId ?? randomUUID)()));
      state = fold(decider, state, events);
      const first = revision + 1n;
      revision += BigInt(events.length);
      return { kind: 'appended', data, first, last: revision, state };
    });
  }

  /** Answers every command of a round once its append (if any) is durable. */
  private async settle(
    streamId: string,
    round: Submission[],
    outcomes: Outcome[],
    loaded: LoadedStream<unknown>,
    appended: { nextExpectedRevision: bigint; position: bigint } | null,
  ): Promise<void> {
    const position = appended?.position ?? loaded.position;
    // Revisions were counted from the loaded head; a recreated (soft-deleted) stream goes on from
    // where it was, so the store's answer says where the events really are.
    const lastDecided = outcomes.reduce((r, o) => (o.kind === 'appended' ? o.last : r), loaded.revision);
    const shift = appended ? appended.nextExpectedRevision - lastDecided : 0n;
    if (appended) this.remember(streamId, round, outcomes, loaded, appended);
    // A no-op's answer is recorded before it is given: a repeat of its key must get the same one.
    const recorded = await Promise.allSettled(
      outcomes.map((o, i) => {
        const key = round[i]!.options.context.commandId;
        if (o.kind !== 'noop' || !key) return Promise.resolve();
        return this.store.idempotency.record(streamId, key, { revision: o.afterAppended ? o.revision + shift : o.revision, position: o.afterAppended ? position : loaded.position });
      }),
    );
    const answers: Array<HandleResult<unknown> | null> = [];
    outcomes.forEach((o, i) => {
      const s = round[i]!;
      const failedRecord = recorded[i]!.status === 'rejected' ? (recorded[i] as PromiseRejectedResult).reason : undefined;
      let answer: HandleResult<unknown> | null = null;
      if (failedRecord !== undefined) s.reject(failedRecord);
      else if (o.kind === 'refused') s.reject(o.error);
      else if (o.kind === 'same-as') {
        const first = answers[o.index];
        if (first) answer = { ...first, events: [], replayed: true };
        else s.reject(new Error('the first command with this key failed'));
      } else if (o.kind === 'replay') answer = { streamId, events: [], nextExpectedRevision: o.revision, position: o.position, state: finalState(outcomes, loaded), replayed: true };
      else if (o.kind === 'noop') answer = { streamId, events: [], nextExpectedRevision: o.afterAppended ? o.revision + shift : o.revision, position: o.afterAppended ? position : loaded.position, state: o.state, replayed: false };
      else {
        const at = s.options.context.occurredAt;
        const events = o.data.map((e, n) => ({ ...e, streamId, revision: o.first + shift + BigInt(n), position, created: at })) as RecordedEvent[];
        answer = { streamId, events, nextExpectedRevision: o.last + shift, position, state: o.state, replayed: false };
      }
      answers.push(answer);
      if (answer) s.resolve(answer);
    });
  }

  /** The state after the round goes to the cache (and maybe a snapshot), with its keys. */
  private remember(streamId: string, round: Submission[], outcomes: Outcome[], loaded: LoadedStream<unknown>, appended: { nextExpectedRevision: bigint; position: bigint }): void {
    const { options } = round[0]!;
    const state = finalState(outcomes, loaded);
    const commandIds = loaded.commandIds?.slice();
    outcomes.forEach((o, i) => {
      const key = round[i]!.options.context.commandId;
      if (o.kind === 'appended' && key && commandIds) rememberCommand(commandIds, key);
    });
    const count = outcomes.reduce((n, o) => n + (o.kind === 'appended' ? o.data.length : 0), 0);
    const firstRevision = loaded.firstRevision < 0n ? appended.nextExpectedRevision - BigInt(count) + 1n : loaded.firstRevision;
    const pending = loaded.pending + count;
    const saving = maybeSnapshot(streamId, state, appended.nextExpectedRevision, appended.position, loaded, count, pending, options);
    options.cache?.set(streamId, { revision: appended.nextExpectedRevision, state, firstRevision, position: appended.position, commandIds, pending: saving ? 0 : pending });
    if (saving) {
      this.snapshotting.add(saving);
      void saving.finally(() => this.snapshotting.delete(saving));
    }
  }
}

/** The leading commands that fold the stream the same way (same evolve, same starting state). */
function takeRound(lane: Submission[]): Submission[] {
  const first = lane[0]!;
  let n = 1;
  while (n < lane.length && n < MAX_ROUND && sameFold(first, lane[n]!)) n++;
  return lane.splice(0, n);
}

function sameFold(a: Submission, b: Submission): boolean {
  return (
    a.decider.evolve === b.decider.evolve &&
    a.decider.initialState === b.decider.initialState &&
    a.options.cache === b.options.cache &&
    a.options.snapshot?.store === b.options.snapshot?.store &&
    a.options.snapshot?.version === b.options.snapshot?.version &&
    a.options.upcasters === b.options.upcasters
  );
}

function finalState(outcomes: Outcome[], loaded: LoadedStream<unknown>): unknown {
  for (let i = outcomes.length - 1; i >= 0; i--) {
    const o = outcomes[i]!;
    if (o.kind === 'appended') return o.state;
  }
  return loaded.state;
}

function matches(expected: ExpectedRevision, revision: bigint): boolean {
  if (expected === 'any') return true;
  if (expected === 'no_stream') return revision < 0n;
  if (expected === 'stream_exists') return revision >= 0n;
  return expected === revision;
}
