// Input checks for the agent's commands. What the analyst returns reaches decide through the
// application, so it is checked like any user input; each failure names the field, down to the
// item (`materials[2].formula`).
import { ValidationError } from '../../errors.js';
import { isPlainObject, type JsonValue } from '../../json.js';
import type { TokenUsage } from '../core/state.js';
import {
  LIMITS,
  optionalText,
  requireBoolean,
  requireFormula,
  requireId,
  requireInteger,
  requireJsonValue,
  requireNumber,
  requireObject,
  requireText,
  requireToolName,
} from '../core/validation.js';
import type { AnswerInput, MaterialInput, ToolInvocationInput } from './commands.js';

export const requireDuration = (field: string, value: unknown): number => requireNumber(field, value, 0, LIMITS.durationMs);

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
