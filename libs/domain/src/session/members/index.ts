// Collaboration on a session: members and their permissions, comments on turns and discoveries,
// share links. All governance: a restore, a fork or a merge never changes them.
export type * from './commands.js';
export type * from './events.js';
export { COMMENT_CHARS, normalisePermissions, TOKEN_HASH_PATTERN, USER_ID_PATTERN } from './decide.js';
export { membersSlice } from './slice.js';
