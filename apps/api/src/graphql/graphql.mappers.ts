// From the read models and the session's state to the GraphQL types.
import type { ConversationTurn, Discovery, DiscoveryLink, Material, SessionState } from '@crystalyse/domain';
import type { BranchDoc, CheckpointDoc } from '@crystalyse/read-models';
import type { RecordedEvent } from '@crystalyse/event-store';
import type { SessionView } from '../sessions/session.view.js';
import type { BranchType, CheckpointType, DiscoveryLinkType, DiscoveryType, MaterialType, SessionEventType, SessionStatisticsType, SessionType, TurnType } from './graphql.types.js';

export function toSession(view: SessionView): SessionType {
  const project = view.metadata.project;
  return { ...view, project: typeof project === 'string' ? project : null };
}

/** Duration as sessionStatistics counts it: until now while active, else until the last change. */
export function durationMinutes(view: Pick<SessionView, 'status' | 'createdAt' | 'updatedAt'>, now: string): number {
  const end = Date.parse(now);
  const until = view.status === 'active' ? Math.max(end, Date.parse(view.updatedAt)) : Date.parse(view.updatedAt);
  return Math.round(Math.max(0, until - Date.parse(view.createdAt)) / 6_000) / 10;
}

/** The statistics the session's document holds; the state-backed fields are resolved apart. */
export function statisticsOf(view: SessionView, now: string): SessionStatisticsType {
  const c = view.counts;
  return {
    sessionId: view.id,
    durationMinutes: durationMinutes(view, now),
    queryCount: c.queries,
    materialCount: c.materials,
    discoveryCount: c.discoveries,
    checkpointCount: c.checkpoints,
    contextItemCount: c.contextItems,
    hypothesisCount: c.hypotheses,
    openTaskCount: c.openTasks,
  };
}

export const toTurn = (turn: ConversationTurn, index: number): TurnType => ({
  index,
  id: turn.id,
  question: turn.question,
  answer: turn.answer,
  status: turn.status,
  askedAt: turn.askedAt,
  answeredAt: turn.answeredAt,
  model: turn.model,
  offline: turn.offline,
  latencyMs: turn.latencyMs,
  usage: turn.usage,
  materials: turn.materials,
  toolInvocationIds: turn.toolInvocationIds,
  analysis: turn.analysis,
  failure: turn.failure,
  originBranchId: turn.origin?.branchId ?? null,
});

export const toLink = (link: DiscoveryLink, sessionId: string): DiscoveryLinkType => ({ sessionId, id: link.id, discoveryIds: link.discoveryIds, relationship: link.relationship, notes: link.notes, at: link.at });

export function toDiscoveries(state: SessionState, sessionId: string): DiscoveryType[] {
  const links = state.workspace.discoveryLinks;
  return state.workspace.discoveries.map((d: Discovery) => ({
    id: d.id,
    category: d.category,
    description: d.description,
    materials: d.materials,
    confidence: d.confidence,
    origin: d.origin,
    status: d.status,
    tags: d.tags,
    pinned: d.pinned === true,
    at: d.at,
    evidence: d.evidence,
    review: d.review,
    links: d.linkIds.map((id) => links.get(id)).filter((l): l is DiscoveryLink => l !== undefined).map((l) => toLink(l, sessionId)),
  }));
}

export const toMaterial = (m: Material): MaterialType => ({
  id: m.id, formula: m.formula, name: m.name, properties: m.properties, source: m.source, mentions: m.mentions,
  firstSeenAt: m.firstSeenAt, lastSeenAt: m.lastSeenAt, lastQueryId: m.lastQueryId, originBranchId: m.origin?.branchId ?? null,
});

export const toCheckpoint = (c: CheckpointDoc): CheckpointType => ({
  name: c.name, revision: c.revision, savedAt: c.savedAt, savedBy: c.savedBy, restoredCount: c.restoredCount ?? 0, lastRestoredAt: c.lastRestoredAt ?? null,
});

export const toBranch = (b: BranchDoc): BranchType => ({
  branchId: b.branchId, name: b.name, parentBranchId: b.parentBranchId, forkRevision: b.forkRevision, fromCheckpoint: b.fromCheckpoint,
  status: b.status, createdAt: b.createdAt, createdBy: b.createdBy, merges: b.merges, imported: b.imported === true,
});

export function toSessionEvent(event: RecordedEvent, sessionId: string, branchId: string | null): SessionEventType {
  return {
    position: event.position.toString(),
    eventId: event.eventId,
    type: event.type,
    streamId: event.streamId,
    revision: Number(event.revision),
    sessionId,
    branchId,
    created: event.created,
    data: event.data,
    metadata: event.metadata,
  };
}
