// Input checks used by decide. Commands arrive from HTTP, the CLI and imports, so types are
// checked at runtime too; each failure is a ValidationError naming the field.
import { AlreadyExists, ValidationError } from '../../errors.js';
import { isPlainObject, jsonProblem, UNSAFE_KEYS, type JsonObject, type JsonValue } from '../../json.js';
import type { CommandBase } from './command-base.js';

export const LIMITS = {
  name: 200,
  reason: 500,
  focus: 1000,
  statement: 2000,
  title: 500,
  metadataKeys: 50,
  metadataChars: 10_000,
  configChars: 20_000,
  contextValueChars: 20_000,
  queryText: 10_000,
  answerText: 50_000,
  analysisChars: 50_000,
  toolInputChars: 20_000,
  /** Outputs stay in the event only, so they may be larger than anything the state keeps. */
  toolOutputChars: 200_000,
  toolStateChars: 20_000,
  propertiesChars: 10_000,
  evidenceChars: 50_000,
  formula: 100,
  model: 200,
  source: 200,
  notes: 2000,
  tag: 50,
  tags: 50,
  listItem: 2000,
  listItems: 50,
  perAnswer: 100,
  summaryText: 20_000,
  durationMs: 86_400_000,
} as const;

export const ID_PATTERN = /^[A-Za-z0-9_-]{1,100}$/;
export const CHECKPOINT_NAME_PATTERN = /^[A-Za-z0-9_.-]{1,100}$/;
export const CONTEXT_KEY_PATTERN = /^[A-Za-z0-9_.-]{1,200}$/;
export const METADATA_KEY_PATTERN = /^[A-Za-z0-9_.-]{1,100}$/;
const ISO_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export function checkBase(data: CommandBase): void {
  requireId('sessionId', data.sessionId);
  if (typeof data.actorId !== 'string' || data.actorId.length === 0 || data.actorId.length > 200) {
    throw new ValidationError('actorId', 'actorId must be a non-empty string');
  }
  requireInstant('at', data.at);
}

export function requireInstant(field: string, value: unknown): string {
  if (typeof value !== 'string' || !ISO_PATTERN.test(value) || Number.isNaN(Date.parse(value))) {
    throw new ValidationError(field, `${field} must be an ISO 8601 time with a zone, such as 2026-01-31T09:30:00Z`);
  }
  return value;
}

export function requireId(field: string, value: unknown): string {
  if (typeof value !== 'string' || !ID_PATTERN.test(value)) {
    throw new ValidationError(field, `${field} must be 1 to 100 letters, digits, '_' or '-'`);
  }
  return value;
}

/** Trimmed, non-empty text of at most `max` characters. */
export function requireText(field: string, value: unknown, max: number): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (typeof value !== 'string' || text.length === 0 || text.length > max) {
    throw new ValidationError(field, `${field} must be 1 to ${max} characters`);
  }
  return text;
}

export function optionalText(field: string, value: unknown, max: number): string | undefined {
  return value === undefined || value === null ? undefined : requireText(field, value, max);
}

export function requireName(value: unknown): string {
  return requireText('name', value, LIMITS.name);
}

export function requireOneOf<T extends string>(field: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new ValidationError(field, `${field} must be one of ${allowed.join(', ')}`);
  }
  return value as T;
}

export function requirePattern(field: string, value: unknown, pattern: RegExp, what: string): string {
  if (typeof value !== 'string' || !pattern.test(value) || UNSAFE_KEYS.has(value)) {
    throw new ValidationError(field, `${field} must be ${what}`);
  }
  return value;
}

export const requireCheckpointName = (field: string, value: unknown) =>
  requirePattern(field, value, CHECKPOINT_NAME_PATTERN, "1 to 100 letters, digits, '_', '.' or '-'");

export const requireContextKey = (field: string, value: unknown) =>
  requirePattern(field, value, CONTEXT_KEY_PATTERN, "1 to 200 letters, digits, '_', '.' or '-'");

export function requireJsonValue(field: string, value: unknown, maxChars: number, maxDepth = 8): JsonValue {
  const problem = value === undefined ? 'is required' : jsonProblem(value, maxDepth);
  if (problem) throw new ValidationError(field, `${field} ${problem}`);
  if (JSON.stringify(value).length > maxChars) throw new ValidationError(field, `${field} must be at most ${maxChars} characters as JSON`);
  return value as JsonValue;
}

/**
 * Metadata is flat-ish: named keys whose values are JSON at most two levels deep, so it stays
 * filterable (list by project) and searchable.
 */
export function requireMetadata(field: string, value: unknown, maxDepth = 3): JsonObject {
  if (!isPlainObject(value)) throw new ValidationError(field, `${field} must be an object`);
  const keys = Object.keys(value);
  if (keys.length > LIMITS.metadataKeys) throw new ValidationError(field, `${field} may have at most ${LIMITS.metadataKeys} keys`);
  for (const key of keys) requirePattern(`${field}.${key}`, key, METADATA_KEY_PATTERN, "a key of 1 to 100 letters, digits, '_', '.' or '-'");
  return requireJsonValue(field, value, LIMITS.metadataChars, maxDepth) as JsonObject;
}

export function requireConfig(field: string, value: unknown): JsonObject {
  if (!isPlainObject(value)) throw new ValidationError(field, `${field} must be an object`);
  return requireJsonValue(field, value, LIMITS.configChars) as JsonObject;
}

export function requireInteger(field: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new ValidationError(field, `${field} must be an integer from ${min} to ${max}`);
  }
  return value;
}

export function requireNumber(field: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new ValidationError(field, `${field} must be a number from ${min} to ${max}`);
  }
  return value;
}

export function requireBoolean(field: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw new ValidationError(field, `${field} must be true or false`);
  return value;
}

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

export const requireConfidence = (field: string, value: unknown): number => requireNumber(field, value, 0, 1);

/** Claims an id that must be new to the session and to the command; `taken` holds those used. */
/** Ids already taken: a part's records, and those claimed so far in the same command. */
export interface IdSet {
  has(id: string): boolean;
  add(id: string): unknown;
}

/** The ids of a part's records (or any keyed collection), plus those a command claims as it goes. */
export function claimable(taken: { has(id: string): boolean }): IdSet {
  const claimed = new Set<string>();
  return { has: (id) => claimed.has(id) || taken.has(id), add: (id) => claimed.add(id) };
}

export function claimId(field: string, id: string, taken: IdSet, resource: string): void {
  if (taken.has(id)) throw new AlreadyExists(resource, id, field);
  taken.add(id);
}
