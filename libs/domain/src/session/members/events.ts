// The events of a session's collaboration. Stored names: rename nothing, add new types instead.
import type { DomainEvent } from '@crystalyse/event-store';
import type { LinkPermission, Permission } from '../core/state.js';
import type { CommentTarget } from './commands.js';

interface At {
  at: string;
}

/** The member's permissions from now on (the whole set, `read` included). */
export type MemberPermissionsSet = DomainEvent<'MemberPermissionsSet', At & { userId: string; permissions: Permission[]; reason?: string }>;
export type MemberRemoved = DomainEvent<'MemberRemoved', At & { userId: string; reason?: string }>;
/** `authorId` is a user id, or `link:<linkId>` for a comment made through a share link. */
export type CommentAdded = DomainEvent<'CommentAdded', At & { commentId: string; on: CommentTarget; text: string; authorId: string }>;
export type ShareLinkCreated = DomainEvent<'ShareLinkCreated', At & {
  linkId: string;
  /** SHA-256 (hex) of the token: the token is never stored. */
  tokenHash: string;
  permissions: LinkPermission;
  expiresAt: string;
  createdBy: string;
}>;
export type ShareLinkRevoked = DomainEvent<'ShareLinkRevoked', At & { linkId: string; reason?: string }>;

export type MembersEvent = MemberPermissionsSet | MemberRemoved | CommentAdded | ShareLinkCreated | ShareLinkRevoked;
