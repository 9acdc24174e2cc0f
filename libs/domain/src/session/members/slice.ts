// The members slice as the core routes it: governance of who may do what, comments, share links.
// Every status allows them (removing a member or revoking a link must work on an archived session
// too), and they belong to the session, so a branch refuses them: a branch's governance is the
// session's.
import { object, oneOf, optional, text, check, instant, id, list } from '../core/shapes.js';
import { FACT, one } from '../core/import-step.js';
import type { Slice } from '../core/slice.js';
import { LINK_PERMISSIONS, PERMISSIONS, SESSION_STATUSES } from '../core/state.js';
import { LIMITS, requirePattern } from '../core/validation.js';
import type { MembersCommand } from './commands.js';
import { COMMENT_CHARS, decideMembers, requireUserId, TOKEN_HASH_PATTERN } from './decide.js';
import type { MembersEvent } from './events.js';
import { evolveMembers } from './evolve.js';
import { ValidationError } from '../../errors.js';
import { isPlainObject } from '../../json.js';

const userId = check(requireUserId);
const tokenHash = check((f, v) => requirePattern(f, v, TOKEN_HASH_PATTERN, 'a SHA-256 in hex'));
const commentTarget = check((f, v) => {
  if (!isPlainObject(v)) throw new ValidationError(f, `${f} must be { turnId } or { discoveryId }`);
  if (Object.hasOwn(v, 'turnId')) object({ turnId: id })(f, v);
  else object({ discoveryId: id })(f, v);
});
const ALL = SESSION_STATUSES;

export const membersSlice: Slice<MembersCommand, MembersEvent> = {
  decide: decideMembers,
  evolve: evolveMembers,
  commands: {
    SetMemberPermissions: { statuses: ALL, action: 'set a member\'s permissions', sessionOnly: "set the session's members, not a branch's", fields: (c) => [`governance.members.${c.data.userId}`] },
    RemoveMember: { statuses: ALL, action: 'remove a member', sessionOnly: "remove a member of the session, not of a branch", fields: (c) => [`governance.members.${c.data.userId}`] },
    AddComment: { statuses: ALL, action: 'comment', sessionOnly: 'comment on the session, not a branch', fields: () => [], commutative: true },
    CreateShareLink: { statuses: ALL, action: 'create a share link', sessionOnly: 'share the session, not a branch', fields: () => [], commutative: true },
    RevokeShareLink: { statuses: ALL, action: 'revoke a share link', sessionOnly: "revoke the session's links, not a branch's", fields: (c) => [`governance.shareLinks.${c.data.linkId}`] },
  },
  events: {
    // A backup's membership events that name the importer (who owns the copy, so no command could
    // record them there) are facts of the original's history: the import admits them if they name
    // the owner (admitFact), and they change nothing (evolve).
    MemberPermissionsSet: {
      shape: { userId, permissions: list(oneOf(PERMISSIONS), PERMISSIONS.length, 1), reason: optional(text(LIMITS.reason)) },
      step: (e, base) => (e.data.userId === base.actorId ? FACT
        : one({ type: 'SetMemberPermissions', data: { userId: e.data.userId, permissions: e.data.permissions, reason: e.data.reason } }, base)),
    },
    MemberRemoved: {
      shape: { userId, reason: optional(text(LIMITS.reason)) },
      step: (e, base) => (e.data.userId === base.actorId ? FACT : one({ type: 'RemoveMember', data: { userId: e.data.userId, reason: e.data.reason } }, base)),
    },
    CommentAdded: {
      shape: { commentId: id, on: commentTarget, text: text(COMMENT_CHARS), authorId: check((f, v) => requirePattern(f, v, /^(link:)?[A-Za-z0-9_-]{1,100}$/, 'a user or link id')) },
      step: (e, base) => one({ type: 'AddComment', data: { commentId: e.data.commentId, on: e.data.on, text: e.data.text } }, base),
    },
    ShareLinkCreated: {
      shape: { linkId: id, tokenHash, permissions: oneOf(LINK_PERMISSIONS), expiresAt: instant, createdBy: userId },
      step: (e, base) =>
        one({ type: 'CreateShareLink', data: { linkId: e.data.linkId, tokenHash: e.data.tokenHash, permissions: e.data.permissions, expiresAt: e.data.expiresAt } }, base),
    },
    ShareLinkRevoked: {
      shape: { linkId: id, reason: optional(text(LIMITS.reason)) },
      step: (e, base) => one({ type: 'RevokeShareLink', data: { linkId: e.data.linkId, reason: e.data.reason } }, base),
    },
  },
  fields: {
    'governance.members.': (s, k) => (Object.hasOwn(s.governance.members, k) ? s.governance.members[k] : undefined),
    'governance.shareLinks.': (s, k) => {
      const links = s.governance.shareLinks ?? {};
      return Object.hasOwn(links, k) ? links[k] : undefined;
    },
  },
};
