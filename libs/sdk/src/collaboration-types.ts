// Members, permissions, comments, contributions and share links, as the API answers them.

export type Permission = 'read' | 'comment' | 'write' | 'add_materials' | 'manage' | 'share';
export type LinkPermission = 'read' | 'comment';

/** The seed's `permissions="shared_write"`: read, comment, write and add materials; `read_only`: read. */
export type PermissionPreset = 'shared_write' | 'read_only';

export interface Member {
  userId: string;
  permissions: Permission[];
  owner: boolean;
}

export interface MemberInput {
  userId: string;
  permissions?: Permission[];
}

export interface CollaborativeSessionOptions {
  name: string;
  /** The owner is the API key's user; when given, it must be that user's id. */
  owner?: string;
  /** User ids (with the default permissions) or users with their own. */
  members?: Array<string | MemberInput>;
  /** For members given without their own: `shared_write` by default. */
  permissions?: Permission[] | PermissionPreset;
  metadata?: Record<string, unknown>;
  config?: Record<string, unknown>;
}

export interface Contribution {
  queries: number;
  discoveries: number;
  materials: number;
  comments: number;
  signatures: number;
  /** When they last contributed; null for a member who has not yet. */
  lastAt: string | null;
}

export type CommentTarget = { turnId: string } | { discoveryId: string };

export interface Comment {
  commentId: string;
  on: CommentTarget;
  text: string;
  /** A user id, or `link:<linkId>` for a comment made through a share link. */
  authorId: string;
  at: string;
}

export interface CreatedShareLink {
  linkId: string;
  /** Shown once: the server keeps only its hash. Null when a repeated Idempotency-Key replayed the request. */
  token: string | null;
  url: string | null;
  expiresAt: string;
}

export interface ShareLinkInfo {
  linkId: string;
  permissions: LinkPermission;
  expiresAt: string;
  createdAt: string;
  createdBy: string;
  revokedAt: string | null;
  revokeReason?: string;
  status: 'active' | 'expired' | 'revoked';
}

export interface AccessLogEntry {
  linkId: string;
  action: 'view' | 'history' | 'comment';
  outcome: 'allowed' | 'expired' | 'revoked' | 'not_allowed';
  at: string;
}

export interface SharedSession {
  link: { permissions: LinkPermission; expiresAt: string };
  session: { id: string; governance: Record<string, unknown>; workspace: Record<string, unknown> } & Record<string, unknown>;
  branches: Array<Record<string, unknown>>;
}
