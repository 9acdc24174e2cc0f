// "Relevant past findings": discoveries from this session and the user's other sessions, scored
// by word overlap with the question (cosine over word sets, 0..1). The full-text index picks the
// candidates; the session's relevanceThreshold then decides (in the domain) which are given.
import { Inject, Injectable } from '@nestjs/common';
import type { RelevantFinding } from '@crystalyse/domain';
import { DISCOVERIES_COLLECTION, MEMBERSHIPS_COLLECTION, SESSIONS_COLLECTION, type DiscoveryDoc, type DocumentStore, type MembershipDoc, type SessionSummaryDoc } from '@crystalyse/read-models';
import { DOCUMENT_STORE } from '../infrastructure/tokens.js';

const STOP_WORDS = new Set(['the', 'a', 'an', 'of', 'and', 'or', 'in', 'on', 'for', 'to', 'is', 'are', 'what', 'about', 'its', 'it', 'me', 'show', 'with', 'how', 'does', 'do', 'this', 'that']);

export function words(text: string): Set<string> {
  return new Set((text.toLowerCase().match(/[\p{L}\p{N}+]+/gu) ?? []).filter((w) => w.length > 1 && !STOP_WORDS.has(w)));
}

export function overlapScore(question: string, finding: string): number {
  const a = words(question);
  const b = words(finding);
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const w of a) if (b.has(w)) shared++;
  return shared / Math.sqrt(a.size * b.size);
}

/** How many of the latest matching discoveries a question ranks. */
const RECENT_CANDIDATES = 500;

@Injectable()
export class RelevantFindings {
  constructor(@Inject(DOCUMENT_STORE) private readonly documents: DocumentStore) {}

  /** Findings of the sessions `userId` may read (owns or belongs to): never another user's, whoever owns the session asked in. */
  async forQuestion(userId: string, question: string, limit = 10): Promise<RelevantFinding[]> {
    if (words(question).size === 0) return [];
    // Owned sessions by the ownerId index, the others through the memberships index.
    const [owned, shared] = await Promise.all([
      this.documents.collection<SessionSummaryDoc>(SESSIONS_COLLECTION).find({ ownerId: userId }, { fields: ['_id'] }),
      this.documents.collection<MembershipDoc>(MEMBERSHIPS_COLLECTION).find({ userId }),
    ]);
    const sessions = [...owned.map((s) => ({ _id: s._id })), ...shared.map((m) => ({ _id: m.sessionId }))];
    if (sessions.length === 0) return [];
    const candidates = await this.documents
      .collection<DiscoveryDoc>(DISCOVERIES_COLLECTION)
      .textSearch(question, {
        filter: { sessionId: { $in: sessions.map((s) => s._id) }, status: { $ne: 'rejected' } },
        limit: limit * 3,
        // The latest matches only: a question's words ("Analyse", a formula) match ever more
        // discoveries as the user's history grows, and ranking them all made every turn pay for it.
        newest: RECENT_CANDIDATES,
      });
    return candidates
      .map((d) => ({ sessionId: d.sessionId, description: d.description, score: overlapScore(question, `${d.description} ${d.materials.join(' ')}`) }))
      .sort((x, y) => y.score - x.score)
      .slice(0, limit);
  }
}
