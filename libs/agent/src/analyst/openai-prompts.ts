import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { AnalystContext } from './analyst.port.js';

// Context sections are capped so that a long session cannot push the question out of the window.
const MAX_STATE_CHARS = 2000;
const MAX_ITEM_CHARS = 400;
const MAX_ANSWER_CHARS = 1500;

const INSTRUCTIONS = [
  'You are the analyst of Crystalyse, a research assistant for materials design. Answer the researcher precisely and concisely.',
  'Use the tools for facts: composition and molar mass, oxidation states and charge balance, the curated table of known materials (structure, space group, properties with their sources) and similar-material search.',
  'Never invent numbers. Give the source of every tabulated value as the tool reports it; if a value is not available from a tool or the context, say so.',
  'Follow-up questions refer to the session context: "it" or "its" means the current focus, else the most recent material.',
].join('\n');

/** The system message: instructions, then what the session knows (skipping empty sections). */
export function systemPrompt(context: AnalystContext): string {
  const sections: string[] = [];
  if (context.focus) sections.push(`Current focus: ${context.focus}`);
  if (context.recentMaterials.length > 0) sections.push(`Recent materials (most recent first): ${context.recentMaterials.join(', ')}`);
  if (context.activeTools.length > 0) sections.push(`Active tools: ${context.activeTools.join(', ')}`);
  if (Object.keys(context.toolStates).length > 0) sections.push(`Tool states: ${clip(JSON.stringify(context.toolStates), MAX_STATE_CHARS)}`);
  if (context.discoveries.length > 0) {
    const lines = context.discoveries.map((d) => `- [${d.category}, confidence ${d.confidence}] ${d.description}${d.materials.length ? ` (${d.materials.join(', ')})` : ''}`);
    sections.push(`Discoveries recorded in this session:\n${lines.join('\n')}`);
  }
  if (context.items.length > 0) {
    const lines = context.items.map((i) => `- ${i.key} (${i.kind}): ${clip(typeof i.value === 'string' ? i.value : JSON.stringify(i.value), MAX_ITEM_CHARS)}`);
    sections.push(`Context items:\n${lines.join('\n')}`);
  }
  if (context.summary) sections.push(`Summary of the earlier conversation: ${context.summary}`);
  if (context.relevantFindings.length > 0) {
    const lines = context.relevantFindings.map((f) => `- ${f.description} (session ${f.sessionId}, relevance ${f.score})`);
    sections.push(`Relevant findings from other sessions:\n${lines.join('\n')}`);
  }
  return sections.length > 0 ? `${INSTRUCTIONS}\n\nSession context:\n${sections.join('\n\n')}` : INSTRUCTIONS;
}

/** System prompt, the last turns as user/assistant messages, then the question. */
export function analysisMessages(question: string, context: AnalystContext): ChatCompletionMessageParam[] {
  const turns = context.conversation.flatMap((t): ChatCompletionMessageParam[] => [
    { role: 'user', content: t.question },
    { role: 'assistant', content: t.answer === null ? '(no answer was recorded for this question)' : clip(t.answer, MAX_ANSWER_CHARS) },
  ]);
  return [{ role: 'system', content: systemPrompt(context) }, ...turns, { role: 'user', content: question }];
}

export function summaryMessages(turns: ReadonlyArray<{ question: string; answer: string | null }>, maxWords: number): ChatCompletionMessageParam[] {
  const transcript = turns.map((t, i) => `Q${i + 1}: ${t.question}\nA${i + 1}: ${t.answer === null ? '(no answer)' : clip(t.answer, MAX_ANSWER_CHARS)}`).join('\n\n');
  return [
    {
      role: 'system',
      content: `Summarise this materials-research conversation in at most ${maxWords} words. Keep the materials named (as formulas), key numbers with units, conclusions and open questions. Plain prose, no preamble.`,
    },
    { role: 'user', content: transcript },
  ];
}

export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}… [truncated]`;
}
