import { BUILT_IN_TOOLS, ToolInputError, type MaterialsTool } from '../tools/index.js';
import type { ToolInvocation } from './analyst.port.js';
import { checkInput } from './input-check.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tools of any input/output type live side by side
export type AnyMaterialsTool = MaterialsTool<any, unknown, any>;

/** What a tool may see of the session, plus every tool's stored state. */
export interface ToolSessionContext {
  /** Oldest first, newest last (the order `ToolContext` uses). */
  recentMaterials: string[];
  discoveries: Array<{ description: string }>;
  toolStates: Record<string, unknown>;
}

export interface ToolExecution extends ToolInvocation {
  /** The tool's new state; undefined when it kept the stored one (or failed). */
  state?: unknown;
}

/** An OpenAI chat-completions function tool (structurally `ChatCompletionFunctionTool`). */
export interface FunctionToolDefinition {
  type: 'function';
  function: { name: string; description: string; parameters: Record<string, unknown> };
}

export class DuplicateToolError extends Error {
  constructor(readonly toolName: string) {
    super(`a tool named "${toolName}" is already registered`);
    this.name = 'DuplicateToolError';
  }
}

// OpenAI function names: letters, digits, underscore and dash, at most 64 characters.
const TOOL_NAME = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The tools an analyst may call, by name. Executing a tool never throws: failures (unknown tool,
 * input that does not fit the schema, a tool's own error) come back as an execution with `error`,
 * because the session records failed calls too and a model can correct itself from the message.
 */
export class ToolRegistry {
  private readonly tools = new Map<string, AnyMaterialsTool>();

  constructor(private readonly now: () => number = () => performance.now()) {}

  register(tool: AnyMaterialsTool): this {
    if (!TOOL_NAME.test(tool.name)) throw new Error(`invalid tool name "${tool.name}": use letters, digits, _ or -, at most 64 characters`);
    if (this.tools.has(tool.name)) throw new DuplicateToolError(tool.name);
    this.tools.set(tool.name, tool);
    return this;
  }

  has(name: string): boolean {
    return this.tools.has(name);
  }

  get(name: string): AnyMaterialsTool | undefined {
    return this.tools.get(name);
  }

  names(): string[] {
    return [...this.tools.keys()];
  }

  definitions(): FunctionToolDefinition[] {
    return [...this.tools.values()].map((tool) => ({
      type: 'function',
      function: { name: tool.name, description: tool.description, parameters: plainJson(tool.inputSchema) as Record<string, unknown> },
    }));
  }

  async execute(name: string, input: unknown, context: ToolSessionContext): Promise<ToolExecution> {
    const started = this.now();
    const done = (fields: { output: unknown; error?: string; state?: unknown }): ToolExecution => ({
      tool: name,
      input,
      output: fields.output,
      durationMs: Math.max(0, round(this.now() - started)),
      ...(fields.error !== undefined ? { error: fields.error } : {}),
      ...(fields.state !== undefined ? { state: fields.state } : {}),
    });
    const tool = this.tools.get(name);
    if (!tool) return done({ output: null, error: `unknown tool "${name}"; available: ${this.names().join(', ')}` });
    const problems = checkInput(input, tool.inputSchema);
    if (problems.length > 0) return done({ output: null, error: `invalid input: ${problems.join('; ')}` });
    try {
      const outcome = await tool.execute(input, {
        recentMaterials: [...context.recentMaterials],
        discoveries: context.discoveries.map((d) => ({ description: d.description })),
        toolState: context.toolStates[name],
      });
      // Results and states are stored in events: keep only their JSON (and never share table objects).
      return done({ output: plainJson(outcome.result), state: outcome.state === undefined ? undefined : plainJson(outcome.state) });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return done({ output: null, error: error instanceof ToolInputError ? message : `tool failed: ${message}` });
    }
  }
}

/** A registry with the built-in materials tools: composition, oxidation_states, known_materials, similar_materials. */
export function createDefaultToolRegistry(now?: () => number): ToolRegistry {
  const registry = new ToolRegistry(now);
  for (const tool of BUILT_IN_TOOLS) registry.register(tool);
  return registry;
}

function plainJson(value: unknown): unknown {
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}

const round = (ms: number) => Math.round(ms * 1000) / 1000;
