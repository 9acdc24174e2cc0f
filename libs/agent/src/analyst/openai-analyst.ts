import OpenAI from 'openai';
import type { ChatCompletion, ChatCompletionCreateParamsNonStreaming, ChatCompletionMessageFunctionToolCall, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { findFormulas, type KnownMaterialsResult } from '../tools/index.js';
import { AnalystError, type Analyst, type AnalystContext, type AnalystProgress, type AnalystRequest, type AnalystResult, type AnalystUsage, type DetectedDiscovery, type SummaryResult, type ToolInvocation } from './analyst.port.js';
import { detectDiscoveries, toDiscovery } from './discovery-detector.js';
import { interpret } from './intents.js';
import { MaterialsCollector } from './materials.js';
import { DISCOVERY_RESPONSE_FORMAT, discoveryMessages, parseDiscoveries } from './openai-discoveries.js';
import { realmSafeFetch, toAnalystError } from './openai-errors.js';
import { analysisMessages, clip, summaryMessages } from './openai-prompts.js';
import { DEFAULT_SUMMARY_WORDS } from './summarise.js';
import type { ToolRegistry } from './tool-registry.js';
import { ToolSession } from './tool-session.js';

export interface OpenAiAnalystOptions {
  apiKey: string;
  /** Any OpenAI-compatible endpoint, e.g. http://localhost:11434/v1. */
  baseURL?: string;
  model?: string;
  /** Per HTTP attempt; the client retries timeouts too, so a call can take up to (maxRetries + 1) × timeoutMs. */
  timeoutMs?: number;
  /** Retries with exponential backoff (0.5 s doubling to 8 s, or the server's Retry-After) on connection errors, 408, 409, 429 and 5xx. */
  maxRetries?: number;
  /** Token budget of one query across all its model calls (tool rounds and discovery extraction). */
  maxTokensPerQuery?: number;
  /** Model calls that may request tools; one more call without tools then has to answer. */
  maxToolRounds?: number;
  registry: ToolRegistry;
  /** 'max_tokens' for OpenAI-compatible servers that do not know the newer parameter. */
  tokenLimitParameter?: 'max_completion_tokens' | 'max_tokens';
  /** Ask the model for discoveries with a structured-output call (else the rule detector is used). */
  extractDiscoveries?: boolean;
  now?: () => number;
}

const MAX_TOOL_OUTPUT_CHARS = 8000;

/**
 * The analyst backed by a chat-completions model with tool calling. The API key stays inside the
 * openai client: it is never logged, put in a result, or left in an error message.
 */
export class OpenAiAnalyst implements Analyst {
  readonly name = 'openai';
  private readonly client: OpenAI;
  private readonly model: string;
  private readonly secrets: string[];
  private readonly maxTokensPerQuery: number;
  private readonly maxToolRounds: number;
  private readonly registry: ToolRegistry;
  private readonly tokenLimitParameter: 'max_completion_tokens' | 'max_tokens';
  private readonly extractDiscoveries: boolean;
  private readonly now: () => number;

  constructor(options: OpenAiAnalystOptions) {
    if (!options.apiKey) throw new Error('OpenAiAnalyst needs an API key (use the offline analyst without one)');
    this.client = new OpenAI({
      apiKey: options.apiKey,
      ...(options.baseURL ? { baseURL: options.baseURL } : {}),
      timeout: options.timeoutMs ?? 60_000,
      maxRetries: options.maxRetries ?? 2,
      fetch: realmSafeFetch,
    });
    this.secrets = [options.apiKey];
    this.model = options.model ?? 'gpt-4o-mini';
    this.maxTokensPerQuery = options.maxTokensPerQuery ?? 16_000;
    this.maxToolRounds = options.maxToolRounds ?? 4;
    this.registry = options.registry;
    this.tokenLimitParameter = options.tokenLimitParameter ?? 'max_completion_tokens';
    this.extractDiscoveries = options.extractDiscoveries ?? true;
    this.now = options.now ?? (() => performance.now());
  }

  async analyse(request: AnalystRequest, onProgress?: (progress: AnalystProgress) => void): Promise<AnalystResult> {
    const started = this.now();
    const { question, context, signal } = request;
    const tools = new ToolSession(this.registry, context, onProgress);
    const budget = Math.min(this.maxTokensPerQuery, request.maxTokens ?? Infinity);
    const usage: AnalystUsage = { promptTokens: 0, completionTokens: 0, totalTokens: 0 };
    const { text, model, rounds, finishReason, stopped } = await this.converse(analysisMessages(question, context), tools, budget, usage, signal);
    tools.text(text);

    // Intent and subjects come from the offline keyword rules: the model's own reading is not structured.
    const plan = interpret(question, context);
    const { discoveries, method } = await this.discoveries(question, text, tools, plan.subjects, context.discoveries, budget - usage.totalTokens, usage, signal);
    const materials = new MaterialsCollector();
    for (const formula of plan.subjects) materials.addNamed(formula);
    tools.invocations.forEach((invocation, i) => materials.addInvocation(invocation, i));
    for (const formula of findFormulas(text)) materials.addNamed(formula);
    const listed = materials.list(plan.subjects);
    const facts = Object.fromEntries(listed.filter((m) => plan.subjects.includes(m.formula)).map((m) => [m.formula, m.properties]));
    return {
      text,
      analysis: {
        intent: plan.intent,
        subjects: plan.subjects,
        facts,
        toolRounds: rounds,
        finishReason,
        ...(stopped ? { stoppedAtTokenBudget: budget } : {}),
        discoveryExtraction: method,
        sources: sourcesOf(tools.invocations),
      },
      model,
      offline: false,
      usage,
      latencyMs: Math.max(0, this.now() - started),
      toolInvocations: tools.invocations,
      toolStates: tools.toolStates(),
      materials: listed,
      discoveries,
    };
  }

  async summarise(turns: Array<{ question: string; answer: string | null }>, maxWords = DEFAULT_SUMMARY_WORDS): Promise<SummaryResult> {
    const completion = await this.complete({ messages: summaryMessages(turns, maxWords) }, maxWords * 3 + 50);
    return { text: (completion.choices[0]?.message.content ?? '').trim(), model: completion.model || this.model, offline: false };
  }

  /**
   * Call → run the requested tools → call again, while tools are offered (maxToolRounds calls may
   * request them; the next one must answer) and the token budget lasts.
   */
  private async converse(messages: ChatCompletionMessageParam[], tools: ToolSession, budget: number, usage: AnalystUsage, signal?: AbortSignal) {
    const definitions = this.registry.definitions();
    let model = this.model;
    let text = '';
    let rounds = 0;
    let finishReason: string | null = null;
    let stopped = false;
    for (let round = 0; ; round++) {
      if (usage.totalTokens >= budget) {
        stopped = true;
        break;
      }
      const offerTools = round < this.maxToolRounds && definitions.length > 0;
      tools.status(`calling ${this.model} (call ${round + 1}${offerTools ? ', tools offered' : ''})`);
      const completion = await this.complete({ messages, ...(offerTools ? { tools: definitions, tool_choice: 'auto' } : {}) }, budget - usage.totalTokens, signal);
      addUsage(usage, completion);
      model = completion.model || model;
      const choice = completion.choices[0];
      if (!choice) throw new AnalystError('invalid_response', 'the language model returned no choice');
      finishReason = choice.finish_reason;
      const calls = (choice.message.tool_calls ?? []).filter((c): c is ChatCompletionMessageFunctionToolCall => c.type === 'function');
      if (!offerTools || calls.length === 0) {
        text = choice.message.content ?? choice.message.refusal ?? '';
        break;
      }
      messages.push({ role: 'assistant', content: choice.message.content ?? null, tool_calls: calls });
      for (const call of calls) messages.push(await this.runToolCall(call, tools));
      rounds++;
    }
    if (stopped) text = `${text ? `${text}\n\n` : ''}[Stopped: this query used its token budget of ${budget} tokens after ${rounds} tool round(s); the answer may be incomplete.]`;
    else if (finishReason === 'length') text = `${text}\n\n[The answer was cut off at the token limit.]`;
    return { text, model, rounds, finishReason, stopped };
  }

  private async runToolCall(call: ChatCompletionMessageFunctionToolCall, tools: ToolSession): Promise<ChatCompletionMessageParam> {
    let input: unknown;
    try {
      input = JSON.parse(call.function.arguments || '{}');
    } catch {
      input = call.function.arguments; // recorded as given; the registry refuses it with a message
    }
    const run = await tools.run(call.function.name, input);
    const content = run.error ? JSON.stringify({ error: run.error }) : clip(JSON.stringify(run.output), MAX_TOOL_OUTPUT_CHARS);
    return { role: 'tool', tool_call_id: call.id, content };
  }

  // Model discoveries when asked for and affordable; otherwise, or if that call fails, the rules.
  private async discoveries(
    question: string,
    answer: string,
    tools: ToolSession,
    subjects: string[],
    existing: AnalystContext['discoveries'],
    remaining: number,
    usage: AnalystUsage,
    signal?: AbortSignal,
  ): Promise<{ discoveries: DetectedDiscovery[]; method: string }> {
    const rules = () => detectDiscoveries({ text: question, contextMaterials: subjects, invocations: tools.invocations, existing }).map(toDiscovery);
    if (!this.extractDiscoveries) return { discoveries: rules(), method: 'rules' };
    if (remaining <= 0) return { discoveries: rules(), method: 'rules (token budget reached)' };
    try {
      tools.status('extracting discoveries');
      const messages = discoveryMessages(question, answer, tools.invocations, subjects, existing);
      const completion = await this.complete({ messages, response_format: DISCOVERY_RESPONSE_FORMAT }, Math.min(remaining, 1500), signal);
      addUsage(usage, completion);
      const parsed = parseDiscoveries(completion.choices[0]?.message.content ?? '', tools.invocations.length, subjects);
      const known = new Set(existing.map((d) => normalise(d.description)));
      return { discoveries: parsed.filter((d) => !known.has(normalise(d.description))), method: 'model' };
    } catch (error) {
      const failure = toAnalystError(error, this.secrets);
      if (failure.reason === 'aborted') throw failure;
      return { discoveries: rules(), method: `rules (model extraction failed: ${failure.message})` };
    }
  }

  private async complete(params: Omit<ChatCompletionCreateParamsNonStreaming, 'model'>, maxTokens: number, signal?: AbortSignal): Promise<ChatCompletion> {
    const limit = Math.max(1, Math.floor(Math.min(maxTokens, 16_384)));
    try {
      return await this.client.chat.completions.create({ ...params, model: this.model, [this.tokenLimitParameter]: limit }, signal ? { signal } : undefined);
    } catch (error) {
      throw toAnalystError(error, this.secrets);
    }
  }
}

const normalise = (s: string) => s.toLowerCase().replace(/[^a-z0-9+]+/g, ' ').trim();

function addUsage(usage: AnalystUsage, completion: ChatCompletion): void {
  usage.promptTokens += completion.usage?.prompt_tokens ?? 0;
  usage.completionTokens += completion.usage?.completion_tokens ?? 0;
  usage.totalTokens += completion.usage?.total_tokens ?? (completion.usage?.prompt_tokens ?? 0) + (completion.usage?.completion_tokens ?? 0);
}

/** Citations found in known_materials results (entries and their property values). */
function sourcesOf(invocations: readonly ToolInvocation[]): string[] {
  const sources = invocations.flatMap((invocation) => {
    if (invocation.tool !== 'known_materials' || !invocation.output) return [];
    return (invocation.output as KnownMaterialsResult).matches.flatMap((m) => [...m.sources, ...Object.values(m.properties).map((p) => p.source)]);
  });
  return [...new Set(sources)];
}
