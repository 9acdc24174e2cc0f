// Writes the summary of older turns: extractive (deterministic) with the offline analyst, by the
// model otherwise. Used by autoSummarise after an answer and by the compress-history hygiene.
import { Inject, Injectable } from '@nestjs/common';
import type { Analyst } from '@crystalyse/agent';
import { extractiveSummary, type SummaryDue } from '@crystalyse/domain';
import { ANALYST } from './analyst.provider.js';

@Injectable()
export class HistorySummariser {
  constructor(@Inject(ANALYST) private readonly analyst: Analyst) {}

  async summarise(due: SummaryDue): Promise<{ throughQueryId: string; text: string; method: 'extractive' | 'model' }> {
    if (this.analyst.name === 'offline') {
      return { throughQueryId: due.throughQueryId, text: extractiveSummary(due.turns, due.previousSummary), method: 'extractive' };
    }
    const turns = due.turns.map((t) => ({ question: t.question, answer: t.answer ?? '' }));
    // The previous summary goes first, so the new one (which replaces it in the context) carries it on.
    const withPrevious = due.previousSummary ? [{ question: 'Summary of the earlier conversation', answer: due.previousSummary }, ...turns] : turns;
    return { throughQueryId: due.throughQueryId, text: (await this.analyst.summarise(withPrevious)).text, method: 'model' };
  }
}
