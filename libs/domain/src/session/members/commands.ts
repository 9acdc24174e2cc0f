// The commands of a session's collaboration: who are its members and what each may do, comments
// on its turns and discoveries, and share links. All of them are governance: they live beside the
// workspace, so no restore, fork or merge changes them.
import type { Cmd } from '../core/command-base.js';
import type { LinkPermission, Permission } from '../core/state.js';

/** Adds a member, or changes what a member may do. `read` is always granted with the rest. */
export type SetMemberPermissions = Cmd<'SetMemberPermissions', { userId: string; permissions: Permission[]; reason?: string }>;
/** Removes a member; the owner cannot be removed. */
export type RemoveMember = Cmd<'RemoveMember', { userId: string; reason?: string }>;

export type CommentTarget = { turnId: string } | { discoveryId: string };
export type AddComment = Cmd<'AddComment', { commentId: string; on: CommentTarget; text: string }>;

/** Only the SHA-256 of the token arrives here: the token itself is shown once, to its creator. */
export type CreateShareLink = Cmd<'CreateShareLink', { linkId: string; tokenHash: string; permissions: LinkPermission; expiresAt: string }>;
export type RevokeShareLink = Cmd<'RevokeShareLink', { linkId: string; reason?: string }>;

export type MembersCommand = SetMemberPermissions | RemoveMember | AddComment | CreateShareLink | RevokeShareLink;
