// The events of scheduled saving. Stored names: rename nothing, add new types instead. The
// checkpoints a schedule takes are ordinary CheckpointSaved events (restorable like any other).
import type { DomainEvent } from '@crystalyse/event-store';

interface At {
  at: string;
}

export type AutosaveConfigured = DomainEvent<'AutosaveConfigured', At & { enabled: boolean; frequencyMinutes: number; onDiscovery: boolean; onPause: boolean }>;
/** The research session reached the end of its duration (`endsAt`); `summaryId` names the summary it produced. */
export type ResearchEnded = DomainEvent<'ResearchEnded', At & { endsAt: string; summaryId: string }>;

export type ScheduleEvent = AutosaveConfigured | ResearchEnded;
