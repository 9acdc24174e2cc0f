// Signing: a passphrase of the user's own (only its scrypt hash is kept, on the user's stream),
// checked before every signature. A wrong one is refused and counted on the user's stream; five in
// a row lock signing for 15 minutes (the user decider says so, from the times the Clock gives).
// A signature is a session command like any other; whether it still holds is worked out when
// listed, from the session now and the timeline.
import { Inject, Injectable } from '@nestjs/common';
import {
  checkpointContent,
  contentHash,
  requireTarget,
  SigningLocked,
  signingLockedUntil,
  SigningPassphraseNotSet,
  importedSignatureValidity,
  importedSignaturesIn,
  signatureValidity,
  signaturesIn,
  userDecider,
  userStream,
  ValidationError,
  WrongSigningPassphrase,
  CheckpointNotFound,
  NotFound,
  type SessionState,
  type Signature,
  type SignatureMeaning,
  type UserCommand,
  type UserState,
} from '@crystalyse/domain';
import { APP_CONFIG } from '../infrastructure/tokens.js';
import type { AppConfig } from '../config/app-config.js';
import { CommandRunner } from '../infrastructure/command-runner.js';
import { Clock } from '../infrastructure/clock.js';
import { IdentityService } from '../identity/identity.service.js';
import { commandContext, type RequestContext } from '../http/request-context.js';
import { SessionCommandBus } from '../sessions/session-command.bus.js';
import { SessionEvents } from '../sessions/session-events.service.js';
import { SessionTimeline } from '../sessions/session-timeline.service.js';
import type { CommandResponse } from '../sessions/command-response.js';
import { PassphraseHasher } from './passphrase-hasher.js';
import { assertSignatureRouteAllowed } from './signature-permissions.js';

export interface SignatureView {
  signatureId: string;
  signer: { userId: string; name: string };
  meaning: SignatureMeaning;
  target: Signature['target'];
  hashAlgorithm: 'sha256';
  contentHash: string;
  at: string;
  /** The revision of the SignatureRecorded event in the session's stream. */
  revision: number;
  valid: boolean;
  reason?: string;
}

/**
 * A signature made in another session (`signedIn`) and carried over by an import of its backup:
 * a record that the original was signed, which attests nothing in this session (see the domain's
 * signatures/import.ts). `valid` while its target in this session is still what was signed.
 */
export interface ImportedSignatureView extends Omit<SignatureView, 'revision'> {
  signedIn: string;
  /** The revision of the SignatureImported event in this session's stream (the original's, as imports keep them). */
  revision: number;
}

/** What an audit bundle (and the RO-Crate and the offline check built from it) needs of a listed signature. */
export type ListedSignature = Pick<SignatureView, 'signatureId' | 'signer' | 'meaning' | 'target' | 'contentHash' | 'at' | 'valid'>;

@Injectable()
export class SigningService {
  private readonly hasher: PassphraseHasher;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly runner: CommandRunner,
    private readonly clock: Clock,
    private readonly identity: IdentityService,
    private readonly commands: SessionCommandBus,
    private readonly sessions: SessionEvents,
    private readonly timeline: SessionTimeline,
  ) {
    this.hasher = new PassphraseHasher(config.signingScryptLog2N);
  }

  /** Sets (or, with the current one, changes) the caller's own signing passphrase. */
  async setPassphrase(ctx: RequestContext, passphrase: string, currentPassphrase: string | undefined): Promise<{ set: true; position: string }> {
    const user = await this.self(ctx);
    if (user.signing.passphraseHash !== null) {
      if (currentPassphrase === undefined) throw new ValidationError('currentPassphrase', 'give the current signing passphrase to change it');
      await this.checkPassphrase(ctx, user, currentPassphrase);
    } else if (currentPassphrase !== undefined) {
      throw new ValidationError('currentPassphrase', 'no signing passphrase is set yet: leave currentPassphrase out');
    }
    const passphraseHash = await this.hasher.hash(passphrase);
    const command: UserCommand = { type: 'SetSigningPassphrase', data: { userId: ctx.user.userId, passphraseHash, actor: this.actor(ctx), at: this.clock.now() } };
    const result = await this.runner.run(userStream(ctx.user.userId), userDecider, command, { context: this.userContext(ctx, 'set-passphrase') });
    return { set: true, position: result.position.toString() };
  }

  async sign(ctx: RequestContext, sessionId: string, input: { target: unknown; meaning: SignatureMeaning; passphrase: string }): Promise<CommandResponse & { signatureId: string; contentHash?: string }> {
    const userId = ctx.user.userId;
    const { state } = await this.sessions.sessionNow(sessionId);
    assertSignatureRouteAllowed('sign', state, sessionId, userId);
    // What is signed is checked before the passphrase: a mistyped target costs no attempt.
    const target = requireTarget(input.target);
    let checkpointHash: string | undefined;
    if ('checkpoint' in target) {
      const checkpoint = state.governance.checkpoints.get(target.checkpoint);
      if (!checkpoint) throw new CheckpointNotFound(target.checkpoint);
      checkpointHash = contentHash(checkpointContent(checkpoint.name, checkpoint.revision, await this.timeline.stateAt(sessionId, checkpoint.revision)));
    } else if (!state.workspace.discoveries.has(target.discoveryId)) {
      throw new NotFound('discovery', target.discoveryId);
    }
    await this.checkPassphrase(ctx, await this.self(ctx), input.passphrase);
    const signatureId = this.commands.newId(ctx, 'signature');
    const response = await this.commands.send(ctx, sessionId, 'RecordSignature', {
      signatureId,
      target,
      meaning: input.meaning,
      signerName: ctx.user.name,
      ...(checkpointHash ? { contentHash: checkpointHash } : {}),
    });
    return { ...response, signatureId };
  }

  /** The session's own signatures (`items`), and those an import carried over from the session they were made in (`imported`). */
  async list(userId: string, sessionId: string): Promise<{ items: SignatureView[]; imported: ImportedSignatureView[] }> {
    const { state } = await this.sessions.sessionNow(sessionId);
    assertSignatureRouteAllowed('listSignatures', state, sessionId, userId);
    const events = await this.sessions.recorded(sessionId);
    return { items: await this.views(sessionId, state, events), imported: importedViews(state, events) };
  }

  /** Each signature in `events` (the session's stream), with whether it holds on `state`. */
  async views(sessionId: string, state: SessionState, events: ReadonlyArray<{ type: string; data: unknown; revision: bigint; metadata: { actor: { userId: string } } }>): Promise<SignatureView[]> {
    const states = new Map<number, Promise<SessionState>>();
    const stateAt = (revision: number) => {
      let found = states.get(revision);
      if (!found) states.set(revision, (found = this.timeline.stateAt(sessionId, revision)));
      return found;
    };
    const recorded = events.filter((e) => e.type === 'SignatureRecorded');
    return Promise.all(
      recorded.map(async (event) => {
        const [signature] = signaturesIn([event]);
        const validity = await signatureValidity(signature!, state, stateAt);
        return {
          signatureId: signature!.signatureId,
          signer: { userId: signature!.signerId, name: signature!.signerName },
          meaning: signature!.meaning,
          target: signature!.target,
          hashAlgorithm: 'sha256' as const,
          contentHash: signature!.contentHash,
          at: signature!.at,
          revision: Number(event.revision),
          ...validity,
        };
      }),
    );
  }

  /** The passphrase against the stored hash: a lock refuses before any hashing; the outcome is recorded. */
  private async checkPassphrase(ctx: RequestContext, user: UserState, passphrase: string): Promise<void> {
    const stored = user.signing.passphraseHash;
    if (stored === null) throw new SigningPassphraseNotSet();
    const now = this.clock.now();
    const locked = signingLockedUntil(user.signing, now);
    if (locked) throw new SigningLocked(locked);
    const succeeded = await this.hasher.verify(passphrase, stored);
    const command: UserCommand = { type: 'RecordSigningAttempt', data: { userId: user.userId, succeeded, actor: this.actor(ctx), at: now } };
    const result = await this.runner.run(userStream(user.userId), userDecider, command, { context: this.userContext(ctx, 'signing-attempt') });
    if (!succeeded) throw new WrongSigningPassphrase(result.state.signing.failures, result.state.signing.lockedUntil);
  }

  private async self(ctx: RequestContext): Promise<UserState> {
    const user = await this.identity.getUser(ctx.user.userId);
    // The caller was authenticated from this very stream a moment ago.
    if (!user) throw new Error('authenticated user has no stream');
    return user;
  }

  private actor(ctx: RequestContext) {
    return { userId: ctx.user.userId, role: ctx.user.role };
  }

  /** The user-stream append of a request: its own idempotency id, so a retry is not counted twice. */
  private userContext(ctx: RequestContext, purpose: string) {
    const context = commandContext(ctx, this.clock.now());
    return { ...context, commandId: ctx.commandId ? `${ctx.commandId}:${purpose}` : undefined };
  }
}

function importedViews(state: SessionState, events: ReadonlyArray<{ type: string; data: unknown; revision: bigint }>): ImportedSignatureView[] {
  return events.flatMap((event) => importedSignaturesIn([event]).map((signature) => {
    const { signatureId, signerId, signerName, meaning, target, contentHash: hash, at, signedIn } = signature;
    return {
      signatureId, signer: { userId: signerId, name: signerName }, meaning, target, hashAlgorithm: 'sha256' as const, contentHash: hash, at, signedIn,
      revision: Number(event.revision),
      ...importedSignatureValidity(signature, state),
    };
  }));
}
