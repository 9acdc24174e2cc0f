// evolve for members and share links: the governance's member list and links. A comment changes
// no state (the comments and contributions read models keep them).
import { set, type Change } from '../core/changes.js';
import { shareLinksOf } from '../core/access.js';
import { ownValue } from '../../json.js';
import type { SessionState } from '../core/state.js';
import type { MembersEvent } from './events.js';

export function evolveMembers(state: SessionState, event: MembersEvent): Change[] {
  const g = state.governance;
  switch (event.type) {
    case 'MemberPermissionsSet':
      // The owner holds every permission, and no command sets theirs: only the copy of a session
      // its importer belonged to holds such an event (the original's history), and it changes nothing.
      if (event.data.userId === g.ownerId) return [];
      return [set('governance.members', { ...g.members, [event.data.userId]: event.data.permissions })];
    case 'MemberRemoved': {
      if (event.data.userId === g.ownerId) return [];
      const members = { ...g.members };
      delete members[event.data.userId];
      return [set('governance.members', members)];
    }
    case 'CommentAdded':
      return [];
    case 'ShareLinkCreated': {
      const { linkId, tokenHash, permissions, expiresAt, createdBy, at } = event.data;
      return [set('governance.shareLinks', { ...shareLinksOf(state), [linkId]: { linkId, tokenHash, permissions, expiresAt, createdAt: at, createdBy, revokedAt: null } })];
    }
    case 'ShareLinkRevoked': {
      const links = shareLinksOf(state);
      const link = ownValue(links, event.data.linkId);
      if (!link) return [];
      const revoked = { ...link, revokedAt: event.data.at, ...(event.data.reason ? { revokeReason: event.data.reason } : {}) };
      return [set('governance.shareLinks', { ...links, [link.linkId]: revoked })];
    }
    default: {
      const _never: never = event;
      throw new Error(`Unknown members event ${JSON.stringify(_never)}`);
    }
  }
}
