// The shapes the dashboard reads from /v1 (the subset it shows).

export interface Me { id: string; name: string; role: string }

export interface Counts { queries: number; materials: number; discoveries: number; checkpoints?: number; hypotheses?: number; tasks?: number; openTasks?: number }

export interface SessionSummary {
  id: string;
  name: string;
  type: string;
  status: string;
  ownerId: string;
  metadata: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
  revision: number;
  counts: Counts;
}

export interface Turn {
  id: string;
  question: string;
  answer: string | null;
  status: 'pending' | 'answered' | 'failed';
  askedAt: string;
  answeredAt: string | null;
  offline: boolean | null;
  failure: { reason: string } | null;
  toolInvocationIds: string[];
  materials: string[];
  origin?: { branchId: string };
}

export interface Material { id: string; formula: string; name: string | null; source: string; mentions: number; properties: Record<string, unknown> }
export interface ToolInvocation { id: string; tool: string; queryId: string | null; durationMs: number; failed: boolean; at: string }
export interface Discovery { id: string; category: string; description: string; materials: string[]; confidence: number; status: string; origin: string; tags: string[]; pinned?: true; at: string }
export interface DiscoveryLink { id: string; discoveryIds: string[]; relationship: string; notes: string | null }
export interface CheckpointRecord { name: string; revision: number; savedAt: string; savedBy: string }

export interface SessionState {
  atRevision: number;
  exists: boolean;
  governance: { ownerId: string; status: string; name: string; type: string; metadata: Record<string, unknown>; updatedAt: string; checkpoints: CheckpointRecord[] };
  workspace: {
    conversation: Turn[];
    materials: Material[];
    toolInvocations: ToolInvocation[];
    discoveries: Discovery[];
    discoveryLinks: DiscoveryLink[];
    hypotheses: Array<{ id: string; statement: string }>;
    tasks: Array<{ id: string; title: string; status: string }>;
  };
}

export interface Branch {
  branchId: string;
  name: string;
  parentBranchId: string | null;
  forkRevision: number;
  fromCheckpoint: string | null;
  status: string;
  createdAt: string;
  merges: Array<{ branchRevision: number; strategy: string; at: string }>;
  imported?: boolean;
}

export interface Statistics {
  revision: number;
  durationMinutes: number;
  queryCount: number;
  answeredCount: number;
  failedCount: number;
  pendingCount: number;
  materialCount: number;
  discoveryCount: number;
  checkpointCount: number;
  toolUsage: Record<string, number>;
  tokens: { promptTokens: number; completionTokens: number; totalTokens: number };
}

export interface Verification { ok: boolean; eventsChecked: number; headHash?: string; error?: string; brokenAt?: number }

export interface PartDiff { added: Array<{ key: string; value: unknown }>; removed: Array<{ key: string; value: unknown }>; changed: Array<{ key: string; from: unknown; to: unknown }> }
export interface DiffResponse { from: number; to: number; diff: { governance: Record<string, PartDiff>; workspace: Record<string, PartDiff> } }

export interface StoredEvent { type: string; revision: number; position: string; data: Record<string, unknown>; metadata?: { occurredAt?: string }; streamId?: string }

export interface Member { userId: string; permissions?: string[] | string; owner?: boolean; name?: string }
export interface ShareLink { linkId?: string; id?: string; permissions?: string | string[]; expiresAt?: string | null; status?: string; revokedAt?: string | null }
