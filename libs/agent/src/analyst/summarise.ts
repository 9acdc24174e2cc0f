import { formulaKey, tryParseFormula } from '../tools/index.js';
import { sentences } from './discovery-rules.js';
import { namedSubjects } from './intents.js';

export const DEFAULT_SUMMARY_WORDS = 150;

/**
 * Extractive summary of conversation turns, without a language model: the materials discussed,
 * then each question with the first sentence of its answer, cut at `maxWords` words. The offline
 * analyst starts every answer with a sentence that states its main facts, so the first sentence
 * is the one worth keeping.
 */
export function extractiveSummary(turns: ReadonlyArray<{ question: string; answer: string | null }>, maxWords = DEFAULT_SUMMARY_WORDS): string {
  if (turns.length === 0) return 'No exchanges to summarise.';
  const materials = distinctFormulas(turns.flatMap((t) => [...namedSubjects(t.question), ...namedSubjects(firstSentence(t.answer) ?? '')]));
  const parts = [
    `Summary of ${turns.length} exchange${turns.length === 1 ? '' : 's'} (extractive, no language model).`,
    ...(materials.length > 0 ? [`Materials discussed: ${materials.join(', ')}.`] : []),
    ...turns.map((t, i) => `${i + 1}) ${oneLine(t.question)} → ${t.answer === null ? '(no answer recorded)' : oneLine(firstSentence(t.answer) ?? '')}`),
  ];
  return truncateWords(parts.join(' '), Math.max(10, maxWords));
}

function firstSentence(text: string | null): string | undefined {
  if (!text) return undefined;
  const firstLine = text.split('\n').find((line) => line.trim().length > 0) ?? '';
  return sentences(firstLine)[0];
}

function distinctFormulas(formulas: string[]): string[] {
  const seen = new Set<string>();
  return formulas.filter((f) => {
    const parsed = tryParseFormula(f);
    const key = parsed ? formulaKey(parsed) : f;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

function truncateWords(text: string, maxWords: number): string {
  const words = text.split(/\s+/);
  return words.length <= maxWords ? text : `${words.slice(0, maxWords).join(' ')} …`;
}
