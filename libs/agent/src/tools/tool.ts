/**
 * Contract between the analyst and a session-aware tool.
 *
 * Per-session tool state: the session keeps, for each tool name, the last `state` the tool
 * returned (recorded in an event, so it must be plain JSON). On the next call the analyst passes it
 * back as `context.toolState` (undefined on a tool's first call in a session). A tool that returns
 * no `state` leaves the stored one unchanged. Because the state comes back from the event log,
 * possibly written by an older version, tools read it defensively (see `readState`).
 */
export interface ToolContext<State = unknown> {
  /** Formulas of the materials the session worked on recently, oldest first, newest last. */
  recentMaterials: string[];
  discoveries: Array<{ description: string }>;
  toolState: State | undefined;
}

export interface ToolOutcome<Output, State = unknown> {
  result: Output;
  /** New per-session state of this tool, or undefined to keep the stored one. */
  state?: State;
}

/** A JSON Schema (draft 2020-12 subset) describing a tool's input, as OpenAI tool calling expects. */
export interface JsonSchema {
  type?: 'object' | 'string' | 'number' | 'integer' | 'boolean' | 'array';
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: readonly (string | number)[];
  minimum?: number;
  maximum?: number;
  additionalProperties?: boolean;
}

export interface MaterialsTool<Input, Output, State = unknown> {
  name: string;
  description: string;
  inputSchema: JsonSchema;
  execute(input: Input, context: ToolContext<State>): ToolOutcome<Output, State> | Promise<ToolOutcome<Output, State>>;
}

/** An error a tool raises for bad input (unparseable formula, nothing to analyse): the caller shows it to the user. */
export class ToolInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ToolInputError';
  }
}

/** Reads a stored tool state, falling back to undefined when it does not have the expected shape. */
export function readState<State>(raw: unknown, isState: (value: Record<string, unknown>) => boolean): State | undefined {
  return raw !== null && typeof raw === 'object' && isState(raw as Record<string, unknown>) ? (raw as State) : undefined;
}

/**
 * The formula a tool should work on: the one given, else the session's most recent material (which
 * may come from another tool), else this tool's own last formula. This is what makes a follow-up
 * such as "what about its molar mass?" work.
 */
export function resolveFormula(given: unknown, lastFormula: string | undefined, context: ToolContext<unknown>): string {
  if (given !== undefined && given !== null && typeof given !== 'string') throw new ToolInputError('formula must be a string');
  const formula = given?.trim() || context.recentMaterials[context.recentMaterials.length - 1] || lastFormula;
  if (!formula) throw new ToolInputError('no formula given and no recent material in this session');
  return formula;
}
