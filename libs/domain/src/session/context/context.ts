// The working context: exactly what the analyst is given for the next question (the seed's
// getContext()), when the history is due for a summary, and the deterministic summary the
// offline path writes. Pure reads of the state: the application calls them between commands.
import type { JsonValue } from '../../json.js';
import type { ContextKind, ConversationTurn, Discovery, SessionState, Workspace } from '../core/state.js';
import { LIMITS } from '../core/validation.js';
import { summarisedThrough } from '../summaries/index.js';

export interface ContextTurn {
  queryId: string;
  question: string;
  /** Null for a failed turn. */
  answer: string | null;
  status: 'answered' | 'failed';
  materials: string[];
  askedAt: string;
}

export interface ContextDiscovery {
  id: string;
  category: Discovery['category'];
  description: string;
  materials: string[];
  confidence: number;
  status: Discovery['status'];
  tags: string[];
}

/** A past finding the application found relevant to the question (from this session or another). */
export interface RelevantFinding {
  sessionId: string;
  description: string;
  /** Relevance to the question, 0..1. */
  score: number;
}

export interface AnalystContext {
  /** The last `materialMemory` formulas, most recent first. */
  recentMaterials: string[];
  /** The tools that keep a state in this session, by name. */
  activeTools: string[];
  toolStates: Record<string, JsonValue>;
  /** Every discovery not rejected, in the order made. */
  discoveries: ContextDiscovery[];
  /** The last `maxHistory` settled turns after the latest summary, oldest first. */
  conversation: ContextTurn[];
  summary: string | null;
  items: Array<{ key: string; value: JsonValue; kind: ContextKind }>;
  focus: string | null;
  hypotheses: Array<{ id: string; statement: string }>;
  openTasks: Array<{ id: string; title: string }>;
  /** Done, and still in the working list: archiving completed tasks takes them out of the context. */
  completedTasks: Array<{ id: string; title: string }>;
  /** The findings given whose score reaches the session's relevanceThreshold, most relevant first. */
  relevantFindings: RelevantFinding[];
}

export interface AnalystContextOptions {
  /** Scored by the application (a search over past findings); the threshold is the session's. */
  relevantFindings?: readonly RelevantFinding[];
}

export function analystContext(state: SessionState, options: AnalystContextOptions = {}): AnalystContext {
  const ws = state.workspace;
  const { maxHistory, materialMemory, relevanceThreshold } = ws.contextConfig;
  return {
    recentMaterials: ws.materials.lastN(materialMemory).map((m) => m.formula).reverse(),
    activeTools: Object.keys(ws.toolStates).sort(),
    toolStates: ws.toolStates,
    discoveries: ws.discoveries.filter((d) => d.status !== 'rejected').map(contextDiscovery),
    conversation: recentSettled(ws, maxHistory).map(contextTurn),
    summary: ws.summaries.last()?.text ?? null,
    items: ws.contextItems.map(({ key, value, kind }) => ({ key, value, kind })),
    focus: ws.focus,
    hypotheses: ws.hypotheses.map(({ id, statement }) => ({ id, statement })),
    openTasks: ws.tasks.filter((t) => t.status === 'pending').map(({ id, title }) => ({ id, title })),
    completedTasks: ws.tasks.filter((t) => t.status === 'completed').map(({ id, title }) => ({ id, title })),
    // Array.prototype.sort is stable: equally relevant findings keep the order given.
    relevantFindings: (options.relevantFindings ?? [])
      .filter((f) => Number.isFinite(f.score) && f.score >= relevanceThreshold)
      .map(({ sessionId, description, score }) => ({ sessionId, description, score }))
      .sort((a, b) => b.score - a.score),
  };
}

/** The last `n` settled turns after the latest summary, oldest first: read from the end, so a long conversation costs no more. */
function recentSettled(ws: Workspace, n: number): ConversationTurn[] {
  const done = summarisedThrough(ws);
  const out: ConversationTurn[] = [];
  for (const [, ord, turn] of ws.conversation.backwards()) {
    if (ord <= done || out.length === n) break;
    if (turn.status !== 'pending') out.push(turn);
  }
  return out.reverse();
}

const contextTurn = (t: ConversationTurn): ContextTurn => ({
  queryId: t.id,
  question: t.question,
  answer: t.answer,
  status: t.status === 'answered' ? 'answered' : 'failed',
  materials: t.materials,
  askedAt: t.askedAt,
});

const contextDiscovery = (d: Discovery): ContextDiscovery => ({
  id: d.id, category: d.category, description: d.description, materials: d.materials, confidence: d.confidence, status: d.status, tags: d.tags,
});

/** Turns asked but neither answered nor failed: after a crash, the application marks them failed. */
export const pendingQueries = (state: SessionState): ConversationTurn[] => state.workspace.conversation.filter((t) => t.status === 'pending');

export interface SummaryDue {
  throughQueryId: string;
  /** The turns the new summary covers, oldest first. */
  turns: ConversationTurn[];
  /** The latest summary's text: the new one replaces it in the context, so it should carry it on. */
  previousSummary: string | null;
}

/**
 * Whether autoSummarise should summarise now: when the turns since the last summary exceed
 * maxHistory. It then covers the oldest of them, keeping the newest half of the window verbatim
 * (so summaries come every maxHistory / 2 turns, not after every answer), and stops before the
 * first pending turn: a summary covers settled turns only.
 */
export function needsSummary(state: SessionState): SummaryDue | null {
  const ws = state.workspace;
  const { autoSummarise, maxHistory } = ws.contextConfig;
  if (!autoSummarise) return null;
  const since = ws.conversation.after(summarisedThrough(ws)).length;
  return since > maxHistory ? summaryRange(ws, Math.floor(maxHistory / 2)) : null;
}

/**
 * The turns a new summary covers: every settled turn since the latest summary except the newest
 * `keepLast`, stopping before the first pending one (a summary covers settled turns only). Null
 * when that is nothing. Shared by autoSummarise and compressHistory.
 */
export function summaryRange(ws: Workspace, keepLast: number): SummaryDue | null {
  const since = ws.conversation.after(summarisedThrough(ws));
  const candidates = since.slice(0, Math.max(0, since.length - keepLast));
  const firstPending = candidates.findIndex((t) => t.status === 'pending');
  const turns = firstPending < 0 ? candidates : candidates.slice(0, firstPending);
  if (turns.length === 0) return null;
  return { throughQueryId: turns.at(-1)!.id, turns, previousSummary: ws.summaries.last()?.text ?? null };
}

const QUESTION_CHARS = 200;
const SENTENCE_CHARS = 300;

function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

/** The first sentence of a text: up to a full stop, question or exclamation mark that ends a word. */
export function firstSentence(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const end = /[.!?](\s|$)/.exec(flat);
  return clip(end ? flat.slice(0, end.index + 1) : flat, SENTENCE_CHARS);
}

/**
 * The offline history summary: one line per turn (the question, the answer's first sentence, the
 * materials named), after the previous summary. Deterministic, so replaying or re-running it
 * gives the same text. The oldest lines go first when it would exceed the summary limit.
 */
export function extractiveSummary(turns: Iterable<ConversationTurn>, previousSummary: string | null = null): string {
  const lines = [...turns].map((t) => {
    const outcome = t.status === 'answered' && t.answer !== null ? firstSentence(t.answer) : `(failed: ${clip(t.failure?.reason ?? 'no answer', SENTENCE_CHARS)})`;
    const materials = t.materials.length > 0 ? ` [${t.materials.join(', ')}]` : '';
    return `- ${clip(t.question, QUESTION_CHARS)} → ${outcome}${materials}`;
  });
  const all = [...(previousSummary ? previousSummary.split('\n') : []), ...lines];
  while (all.length > 1 && all.join('\n').length > LIMITS.summaryText) all.shift();
  return all.join('\n').slice(0, LIMITS.summaryText);
}
