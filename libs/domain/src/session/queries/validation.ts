// Input checks for the agent's commands. What the analyst returns reaches decide through the
// application, so it is checked like any user input; each failure names the field, down to the
// item (`materials[2].formula`).
import { AlreadyExists, ValidationError } from '../../errors.js';
import { isPlainObject, type JsonObject, type JsonValue } from '../../json.js';
import type { AnswerInput, MaterialInput, ToolInvocationInput } from '../core/commands.js';
import type { TokenUsage } from '../core/state.js';
import {
  LIMITS,
  optionalText,
  requireBoolean,
  requireId,
  requireInteger,
  requireJsonValue,
  requireNumber,
  requirePattern,
  requireText,
} from '../core/validation.js';

export const TOOL_NAME_PATTERN = /^[A-Za-z0-9_.-]{1,100}$/;

export const requireToolName = (field: string, value: unknown): string =>
  requirePattern(field, value, TOOL_NAME_PATTERN, "1 to 100 letters, digits, '_', '.' or '-'");

/** A chemical formula as the tools write it: no spaces, so one material has one spelling. */
export function requireFormula(field: string, value: unknown): string {
  const formula = requireText(field, value, LIMITS.formula);
  if (/\s/.test(formula)) throw new ValidationError(field, `${field} must be a formula without spaces, such as LiFePO4`);
  return formula;
}

export function requireList(field: string, value: unknown, max: number, min = 0): unknown[] {
  if (!Array.isArray(value)) throw new ValidationError(field, `${field} must be a list`);
  if (value.length < min || value.length > max) throw new ValidationError(field, `${field} must hold ${min} to ${max} items`);
  return value;
}

/** Trimmed texts; with `unique`, repeats are dropped and the first occurrence keeps its place. */
export function requireTextList(field: string, value: unknown, options: { maxItems?: number; maxChars?: number; min?: number; unique?: boolean } = {}): string[] {
  const { maxItems = LIMITS.listItems, maxChars = LIMITS.listItem, min = 0, unique = false } = options;
  const texts = requireList(field, value, maxItems, min).map((item, i) => requireText(`${field}[${i}]`, item, maxChars));
  return unique ? [...new Set(texts)] : texts;
}

export function requireIdList(field: string, value: unknown, max: number, min = 0): string[] {
  return requireList(field, value, max, min).map((item, i) => requireId(`${field}[${i}]`, item));
}

export function requireObject(field: string, value: unknown, maxChars: number): JsonObject {
  if (!isPlainObject(value)) throw new ValidationError(field, `${field} must be an object`);
  return requireJsonValue(field, value, maxChars) as JsonObject;
}

export const requireDuration = (field: string, value: unknown): number => requireNumber(field, value, 0, LIMITS.durationMs);

export const requireConfidence = (field: string, value: unknown): number => requireNumber(field, value, 0, 1);

/** `field.key`, or just `key` for a command's own fields. */
const sub = (field: string, key: string): string => (field ? `${field}.${key}` : key);

export function requireInvocation(field: string, value: unknown): ToolInvocationInput {
  if (!isPlainObject(value)) throw new ValidationError(field, `${field} must be an object`);
  const error = optionalText(sub(field, 'error'), value.error, LIMITS.notes);
  return {
    invocationId: requireId(sub(field, 'invocationId'), value.invocationId),
    tool: requireToolName(sub(field, 'tool'), value.tool),
    input: requireJsonValue(sub(field, 'input'), value.input, LIMITS.toolInputChars),
    output: requireJsonValue(sub(field, 'output'), value.output, LIMITS.toolOutputChars),
    durationMs: requireDuration(sub(field, 'durationMs'), value.durationMs),
    ...(error ? { error } : {}),
  };
}

export function requireMaterial(field: string, value: unknown): MaterialInput {
  if (!isPlainObject(value)) throw new ValidationError(field, `${field} must be an object`);
  const name = optionalText(`${field}.name`, value.name, LIMITS.name);
  const invocationId = value.invocationId === undefined ? undefined : requireId(`${field}.invocationId`, value.invocationId);
  return {
    formula: requireFormula(`${field}.formula`, value.formula),
    ...(name ? { name } : {}),
    properties: requireObject(`${field}.properties`, value.properties ?? {}, LIMITS.propertiesChars),
    source: requireText(`${field}.source`, value.source, LIMITS.source),
    ...(invocationId ? { invocationId } : {}),
  };
}

function requireUsage(field: string, value: unknown): TokenUsage {
  if (!isPlainObject(value)) throw new ValidationError(field, `${field} must be an object`);
  const count = (key: string) => requireInteger(`${field}.${key}`, value[key], 0, Number.MAX_SAFE_INTEGER);
  return { promptTokens: count('promptTokens'), completionTokens: count('completionTokens'), totalTokens: count('totalTokens') };
}

export function requireAnswer(field: string, value: unknown): AnswerInput {
  if (!isPlainObject(value)) throw new ValidationError(field, `${field} must be an object`);
  return {
    text: requireText(`${field}.text`, value.text, LIMITS.answerText),
    analysis: requireObject(`${field}.analysis`, value.analysis ?? {}, LIMITS.analysisChars),
    model: requireText(`${field}.model`, value.model, LIMITS.model),
    usage: requireUsage(`${field}.usage`, value.usage),
    latencyMs: requireDuration(`${field}.latencyMs`, value.latencyMs),
    offline: requireBoolean(`${field}.offline`, value.offline),
  };
}

export const requireToolState = (field: string, value: unknown): JsonValue => requireJsonValue(field, value, LIMITS.toolStateChars);

/** Claims an id that must be new to the session and to the command; `taken` holds those used. */
export function claimId(field: string, id: string, taken: Set<string>, resource: string): void {
  if (taken.has(id)) throw new AlreadyExists(resource, id, field);
  taken.add(id);
}
