import type { AnalystContext, AnalystProgress, ToolInvocation } from './analyst.port.js';
import type { ToolRegistry } from './tool-registry.js';

export interface ToolRun<Output = unknown> {
  /** Index in the query's `toolInvocations` (discovery evidence points here). */
  index: number;
  output: Output | null;
  error?: string;
}

/**
 * The tool calls of one query: runs tools through the registry with the session's context,
 * threads each tool's state from call to call (two calls to one tool in a query see each other's
 * state), records every invocation in order and reports progress. Both analysts use it, so the
 * recorded invocations and states have the same shape whoever answered.
 */
export class ToolSession {
  readonly invocations: ToolInvocation[] = [];
  private readonly states: Record<string, unknown>;
  private readonly updated: Record<string, unknown> = {};
  /** Formulas given to tools in this query, newest last: a later call without a formula uses them. */
  private readonly worked: string[] = [];

  constructor(
    private readonly registry: ToolRegistry,
    private readonly context: AnalystContext,
    private readonly onProgress?: (progress: AnalystProgress) => void,
  ) {
    this.states = { ...context.toolStates };
  }

  async run<Output = unknown>(tool: string, input: unknown): Promise<ToolRun<Output>> {
    this.emit({ kind: 'tool_call', tool, input });
    const recent = [...this.context.recentMaterials].reverse().concat(this.worked);
    const execution = await this.registry.execute(tool, input, {
      recentMaterials: recent,
      discoveries: this.context.discoveries,
      toolStates: this.states,
    });
    const { state, ...invocation } = execution;
    if (state !== undefined) {
      this.states[tool] = state;
      this.updated[tool] = state;
    }
    const formula = (input as { formula?: unknown } | null)?.formula;
    if (!invocation.error && typeof formula === 'string' && formula.trim()) this.worked.push(formula.trim());
    const index = this.invocations.push(invocation) - 1;
    this.emit({ kind: 'tool_result', tool, output: invocation.output, durationMs: invocation.durationMs, ...(invocation.error ? { error: invocation.error } : {}) });
    return { index, output: invocation.output as Output | null, ...(invocation.error ? { error: invocation.error } : {}) };
  }

  /** The new state of every tool that returned one in this query. */
  toolStates(): Record<string, unknown> {
    return { ...this.updated };
  }

  status(message: string): void {
    this.emit({ kind: 'status', message });
  }

  text(delta: string): void {
    this.emit({ kind: 'text', delta });
  }

  // A listener that throws must not fail the analysis: progress is advisory.
  private emit(progress: AnalystProgress): void {
    try {
      this.onProgress?.(progress);
    } catch {
      /* ignored on purpose */
    }
  }
}
