// Analytics over a session's state: the seed's getStatistics() and the offline generateSummary().
// Pure reads: `now` is an input, like every time in the domain. They describe the workspace as it
// is, so after a restore they count what the restored workspace holds.
import type { Discovery, SessionState, TokenUsage } from '../core/state.js';
import { LIMITS, requireInstant } from '../core/validation.js';

export interface SessionStatistics {
  durationMinutes: number;
  queryCount: number;
  answeredCount: number;
  failedCount: number;
  pendingCount: number;
  materialCount: number;
  /** Discoveries not rejected. */
  discoveryCount: number;
  /** Tool name → calls, in queries and outside them. */
  toolUsage: Record<string, number>;
  checkpointCount: number;
  /** Tokens the model used over every answer (0 for offline answers that report none). */
  tokens: TokenUsage;
}

/**
 * Duration runs from creation to the last activity, or to `now` while the session is active
 * (someone may be working on it this minute), in minutes to one decimal.
 */
export function sessionStatistics(state: SessionState, now: string): SessionStatistics {
  const end = Date.parse(requireInstant('now', now));
  const g = state.governance;
  const ws = state.workspace;
  const until = g.status === 'active' ? Math.max(end, Date.parse(g.updatedAt)) : Date.parse(g.updatedAt);
  const millis = state.exists ? Math.max(0, until - Date.parse(g.createdAt)) : 0;
  const count = (status: string) => ws.conversation.filter((t) => t.status === status).length;
  const toolUsage: Record<string, number> = {};
  for (const call of ws.toolInvocations) toolUsage[call.tool] = (toolUsage[call.tool] ?? 0) + 1;
  const tokens: TokenUsage = { promptTokens: 0, completionTokens: 0, totalTokens: 0 };
  for (const { usage } of ws.conversation) {
    if (!usage) continue;
    tokens.promptTokens += usage.promptTokens;
    tokens.completionTokens += usage.completionTokens;
    tokens.totalTokens += usage.totalTokens;
  }
  return {
    durationMinutes: Math.round(millis / 6_000) / 10,
    queryCount: ws.conversation.length,
    answeredCount: count('answered'),
    failedCount: count('failed'),
    pendingCount: count('pending'),
    materialCount: ws.materials.length,
    discoveryCount: ws.discoveries.filter((d) => d.status !== 'rejected').length,
    toolUsage,
    checkpointCount: g.checkpoints.length,
    tokens,
  };
}

export interface OfflineSummary {
  keyFindings: string[];
  materialsOfInterest: string[];
  nextSteps: string[];
}

const TOP = 10;

function clip(text: string, max = LIMITS.listItem): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

const finding = (d: Discovery): string => clip(d.materials.length > 0 ? `${d.description} (${d.materials.join(', ')})` : d.description);

/**
 * The session summary without a model, in the shape RecordSummary takes: findings validated
 * first then by confidence (rejected ones never), the materials mentioned most (the more recent
 * first on a tie), and next steps: open tasks, hypotheses still to test, and confident
 * discoveries nobody has reviewed yet.
 */
export function offlineSummary(state: SessionState): OfflineSummary {
  const ws = state.workspace;
  // Stable sorts: on a tie, the earlier discovery comes first.
  const findings = ws.discoveries
    .filter((d) => d.status !== 'rejected')
    .sort((a, b) => Number(b.status === 'validated') - Number(a.status === 'validated') || b.confidence - a.confidence);
  // Materials are kept in the order last seen, so reversing puts the most recent first.
  const materials = [...ws.materials].reverse().sort((a, b) => b.mentions - a.mentions);
  const toReview = ws.discoveries.filter((d) => (d.status === 'detected' || d.status === 'recorded') && d.confidence >= ws.discoveryConfig.minConfidence);
  const nextSteps = [
    ...ws.tasks.filter((t) => t.status === 'pending').map((t) => clip(t.title)),
    // Hypotheses have no test result yet, so each one is still to test.
    ...ws.hypotheses.map((h) => clip(`Test the hypothesis: ${h.statement}`)),
    ...toReview.map((d) => clip(`Review the ${d.origin} discovery ${d.id}: ${d.description}`)),
  ];
  return {
    keyFindings: findings.slice(0, TOP).map(finding),
    materialsOfInterest: materials.slice(0, TOP).map((m) => m.formula),
    nextSteps: nextSteps.slice(0, LIMITS.listItems),
  };
}
