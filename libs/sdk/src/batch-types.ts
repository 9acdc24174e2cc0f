// Batch sessions, research schedules and autosave, as the SDK shows them (the server's shapes).

export interface CreateBatchSessionOptions {
  name: string;
  /** Formulas, one query each; an invalid one is reported failed for its item, not for the batch. */
  materials: string[];
  /** True (the default): in the batch session, in order. False: each in a branch of its own, in parallel up to `concurrency`. */
  sharedContext?: boolean;
  concurrency?: number;
  /** Retries of a failed item before it is reported failed (default 1). */
  retries?: number;
  metadata?: Record<string, unknown>;
}

export type BatchItemStatus = 'pending' | 'running' | 'answered' | 'failed';

export interface BatchProgress {
  sessionId: string;
  total: number;
  done: number;
  failed: number;
  remaining: number;
  paused: boolean;
  completed: boolean;
  sharedContext: boolean;
  running: boolean;
  items: Array<{ formula: string; status: BatchItemStatus; queryId: string | null; error: string | null; attempts: number }>;
  ratePerMinute: number;
  etaSeconds: number | null;
}

export type CheckpointFrequency = 'hourly' | 'daily' | 'weekly';

export interface CreateResearchSessionOptions {
  name: string;
  durationDays: number;
  checkpointFrequency: CheckpointFrequency;
  metadata?: Record<string, unknown>;
}

export interface AutosaveSettings {
  enabled: boolean;
  frequencyMinutes?: number;
  onDiscovery?: boolean;
  onPause?: boolean;
}

export interface SessionSchedule {
  id: string;
  revision: number;
  research: { durationDays: number | null; checkpointFrequency: CheckpointFrequency | null; endsAt: string | null; ended: boolean; endedAt: string | null; summaryId: string | null } | null;
  autosave: (Required<AutosaveSettings> & { configuredAt: string }) | null;
}
