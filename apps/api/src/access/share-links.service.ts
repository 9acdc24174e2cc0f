// Share links: a random token (256 bits) shown once to its creator; the session keeps only its
// SHA-256 (in ShareLinkCreated). The token starts with the session's id, so resolving it reads
// that one session and compares hashes in constant time: no index of tokens exists to leak.
// An unknown or malformed token is 404; a real one that expired or was revoked is 410 (only its
// holder can tell the two apart, and they learn nothing more). Every use of a link, allowed or
// refused, is recorded in the session's access log: events of their own stream
// (`sharelog-<sessionId>`, kept 90 days by the stream's $maxAge), outside the session's stream so
// reading through a link never changes the session or its revision.
import { HttpException, Inject, Injectable } from '@nestjs/common';
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { ID_PATTERN, isLinkLive, linkActor, shareLinksOf, SessionNotFound, type SessionState, type ShareLink } from '@crystalyse/domain';
import type { EventStore } from '@crystalyse/event-store';
import { Clock } from '../infrastructure/clock.js';
import { EVENT_STORE } from '../infrastructure/tokens.js';
import { SessionEvents } from '../sessions/session-events.service.js';

export const ACCESS_LOG_STREAM_PREFIX = 'sharelog-';
export const accessLogStream = (sessionId: string) => `${ACCESS_LOG_STREAM_PREFIX}${sessionId}`;
/** How long the access log keeps a use of a link. */
export const ACCESS_LOG_RETENTION_DAYS = 90;
/** The latest uses `GET .../access-log` returns. */
export const ACCESS_LOG_PAGE = 1000;

export type LinkAction = 'view' | 'history' | 'comment';
export type LinkOutcome = 'allowed' | 'expired' | 'revoked' | 'not_allowed';

export interface AccessLogEntry {
  linkId: string;
  action: LinkAction;
  outcome: LinkOutcome;
  at: string;
}

export const hashToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

const TOKEN = /^([A-Za-z0-9_-]{1,100})\.([A-Za-z0-9_-]{43})$/;

export class LinkGone extends HttpException {
  constructor() {
    super('this share link has expired or was revoked', 410);
  }
}

@Injectable()
export class ShareLinks {
  constructor(
    private readonly sessions: SessionEvents,
    private readonly clock: Clock,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  /** A new token for the session: `<sessionId>.<43 characters of base64url = 256 random bits>`. */
  newToken(sessionId: string): { token: string; tokenHash: string } {
    const token = `${sessionId}.${randomBytes(32).toString('base64url')}`;
    return { token, tokenHash: hashToken(token) };
  }

  /** The session and the live link a token names; 404 for a token that names none, 410 for a dead one (logged). */
  async resolve(token: string, action: LinkAction): Promise<{ sessionId: string; state: SessionState; link: ShareLink; actorId: string }> {
    const match = TOKEN.exec(token);
    if (!match || !ID_PATTERN.test(match[1]!)) throw new SessionNotFound('shared');
    const sessionId = match[1]!;
    let state: SessionState;
    try {
      ({ state } = await this.sessions.sessionNow(sessionId));
    } catch (error) {
      if (error instanceof SessionNotFound) throw new SessionNotFound('shared');
      throw error;
    }
    const hash = Buffer.from(hashToken(token), 'hex');
    const link = Object.values(shareLinksOf(state)).find((l) => timingSafeEqual(Buffer.from(l.tokenHash, 'hex'), hash));
    if (!link) throw new SessionNotFound('shared');
    const now = this.clock.now();
    if (!isLinkLive(link, now)) {
      await this.log(sessionId, { linkId: link.linkId, action, outcome: link.revokedAt !== null ? 'revoked' : 'expired', at: now });
      throw new LinkGone();
    }
    return { sessionId, state, link, actorId: linkActor(link.linkId) };
  }

  async log(sessionId: string, entry: AccessLogEntry): Promise<void> {
    const stream = accessLogStream(sessionId);
    const { at, ...data } = entry;
    const result = await this.store.appendToStream(stream, [{
      eventId: randomUUID(),
      type: 'ShareLinkUsed',
      data: { ...data, at },
      metadata: { actor: { userId: linkActor(entry.linkId), via: 'share-link' }, occurredAt: at, correlationId: randomUUID(), causationId: randomUUID(), schemaVersion: 1 },
    }]);
    if (result.nextExpectedRevision === 0n) await this.store.setStreamMetadata(stream, { maxAge: ACCESS_LOG_RETENTION_DAYS * 86_400 });
  }

  async accessLog(sessionId: string): Promise<{ retentionDays: number; items: AccessLogEntry[] }> {
    let events: Array<{ data: unknown }>;
    try {
      events = await this.store.readStream(accessLogStream(sessionId), { direction: 'backwards', fromRevision: 'end', maxCount: ACCESS_LOG_PAGE });
    } catch {
      events = [];
    }
    return { retentionDays: ACCESS_LOG_RETENTION_DAYS, items: events.map((e) => e.data as AccessLogEntry) };
  }
}
