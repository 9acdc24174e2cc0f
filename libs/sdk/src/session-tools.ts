// Client-side tools: the seed's `session.register_tool(SessionAwareTool())`.
//
// The choice made here: a registered tool runs in this process on every `session.query(text)`,
// BEFORE the question is sent. The SDK fetches the session's context once (getContext(): the
// same object the server's analyst is given, so `sessionContext.recentMaterials`,
// `.discoveries`, `.conversation`... are the seed's fields in camelCase), calls each tool in the
// order registered with (text, context), and records each run in the session with
// POST /tools/invocations: input `{ query: text }`, the output, the measured duration, and the
// tool's new state. So the run is in the session's log and statistics, its state shows in
// getToolStates() and getContext().toolStates, and the server's analyst sees that state when it
// answers the question that follows. Tools see the context as it was before any of them ran.
//
// What a tool returns: `{ result, state }` (an object with exactly those two keys) records
// `result` as the output and keeps `state` as the tool's state; any other value is both. A tool
// that returns undefined leaves its state as it was; `state: null` forgets it. A tool that throws
// is recorded as a failed run (output null, the error's message) and its state is kept. Neither a
// failing tool nor a run that could not be recorded stops the question: the query's response
// lists every run in `clientTools`, with `error` or `recordError`.
import type { ClientToolRun, SessionTool, ToolInvocationInput } from './agent-types.js';
import { clientError } from './errors.js';
import type { JsonValue, SessionContext } from './types.js';

const TOOL_NAME = /^[A-Za-z0-9_.-]{1,100}$/;

export type RecordRun = (run: ToolInvocationInput) => Promise<{ invocationId: string }>;

export class ClientTools {
  private readonly tools = new Map<string, SessionTool>();

  /** Adds (or replaces, by name) a tool; returns a function that unregisters it. */
  register(tool: SessionTool): () => void {
    if (typeof tool !== 'object' || tool === null || typeof tool.execute !== 'function') {
      throw clientError('invalid_argument', 'a tool must be an object with an execute(query, sessionContext) method', 'tool');
    }
    if (typeof tool.name !== 'string' || !TOOL_NAME.test(tool.name)) {
      throw clientError('invalid_argument', `a tool needs a name of 1 to 100 letters, digits, '_', '.' or '-', not ${JSON.stringify(tool.name)}`, 'tool.name');
    }
    this.tools.set(tool.name, tool);
    return () => {
      if (this.tools.get(tool.name) === tool) this.tools.delete(tool.name);
    };
  }

  unregister(name: string): boolean {
    return this.tools.delete(name);
  }

  get names(): string[] {
    return [...this.tools.keys()];
  }

  /** Runs every tool on `query` and records each run; see the top of this file. */
  async runAll(query: string, context: SessionContext, record: RecordRun, onRun?: (run: ClientToolRun) => void | Promise<void>): Promise<ClientToolRun[]> {
    const runs: ClientToolRun[] = [];
    for (const tool of [...this.tools.values()]) {
      const run = await runOne(tool, query, context, record);
      runs.push(run);
      await onRun?.(run);
    }
    return runs;
  }
}

async function runOne(tool: SessionTool, query: string, context: SessionContext, record: RecordRun): Promise<ClientToolRun> {
  const started = performance.now();
  let invocation: ToolInvocationInput;
  let output: unknown = null;
  try {
    const value: unknown = await tool.execute(query, context);
    const split = isResultAndState(value) ? value : null;
    output = split ? split.result : value;
    invocation = {
      tool: tool.name,
      input: { query },
      output: toJson(output, 'output'),
      durationMs: elapsed(started),
      ...(split ? { toolState: toJson(split.state, 'state') } : value === undefined ? {} : { toolState: toJson(value, 'state') }),
    };
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 2000) || 'the tool failed';
    invocation = { tool: tool.name, input: { query }, output: null, durationMs: elapsed(started), error: message };
  }
  const run: ClientToolRun = { tool: tool.name, invocationId: null, durationMs: invocation.durationMs, output, ...(invocation.error ? { error: invocation.error } : {}) };
  try {
    run.invocationId = (await record(invocation)).invocationId;
  } catch (error) {
    run.recordError = error instanceof Error ? error.message : String(error);
  }
  return run;
}

export function isResultAndState(value: unknown): value is { result: unknown; state: unknown } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 2 && keys.includes('result') && keys.includes('state');
}

/** The value as JSON (undefined becomes null); what JSON cannot hold makes the run fail. */
function toJson(value: unknown, what: string): JsonValue {
  if (value === undefined) return null;
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (error) {
    throw new Error(`the tool's ${what} is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  return text === undefined ? null : (JSON.parse(text) as JsonValue);
}

const elapsed = (started: number): number => Math.max(0, Math.round(performance.now() - started));
