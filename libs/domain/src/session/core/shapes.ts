// Shapes: the validators decide uses, composed into checks of whole values, for data
// that arrives already decided (an imported event). A check throws a ValidationError naming the
// field down to the item (`changes.conversation[2].status`), and an object refuses keys it does
// not list: what no command writes cannot be imported either.
import { ValidationError } from '../../errors.js';
import { isPlainObject } from '../../json.js';
import {
  LIMITS,
  requireBoolean,
  requireCheckpointName,
  requireContextKey,
  requireFormula,
  requireId,
  requireInstant,
  requireInteger,
  requireJsonValue,
  requireList,
  requireNumber,
  requireObject,
  requireOneOf,
  requireText,
  requireToolName,
} from './validation.js';

export type Check = (field: string, value: unknown) => void;

/** Wraps a validator (they return the value; a check only throws). */
export const check = (validate: (field: string, value: unknown) => unknown): Check => (field, value) => void validate(field, value);

export const id = check(requireId);
export const instant = check(requireInstant);
export const bool = check(requireBoolean);
export const text = (max: number): Check => check((f, v) => requireText(f, v, max));
export const int = (min = 0, max = Number.MAX_SAFE_INTEGER): Check => check((f, v) => requireInteger(f, v, min, max));
export const num = (min: number, max: number): Check => check((f, v) => requireNumber(f, v, min, max));
export const oneOf = (values: readonly string[]): Check => check((f, v) => requireOneOf(f, v, values));
export const json = (maxChars: number, maxDepth?: number): Check => check((f, v) => requireJsonValue(f, v, maxChars, maxDepth));
/** A user id as the envelope's actor carries it. */
export const actor: Check = (field, value) => {
  if (typeof value !== 'string' || value.length === 0 || value.length > 200) throw new ValidationError(field, `${field} must be a user id`);
};

export const optional = (inner: Check): Check => (field, value) => {
  if (value !== undefined) inner(field, value);
};

export const nullable = (inner: Check): Check => (field, value) => {
  if (value !== null) inner(field, value);
};

export const list = (item: Check, max: number, min = 0): Check => (field, value) =>
  requireList(field, value, max, min).forEach((v, i) => item(`${field}[${i}]`, v));

/** An object of exactly these fields (absent ones must be optional). */
export const object = (fields: Readonly<Record<string, Check>>): Check => (field, value) => {
  if (!isPlainObject(value)) throw new ValidationError(field, `${field} must be an object`);
  const at = (key: string) => (field ? `${field}.${key}` : key);
  const unknown = Object.keys(value).find((key) => !Object.hasOwn(fields, key));
  if (unknown !== undefined) throw new ValidationError(at(unknown), `${at(unknown)} is not a field here`);
  for (const [key, inner] of Object.entries(fields)) inner(at(key), value[key]);
};

/** An object whose keys pass `key` and whose values pass `value`. */
export const record = (key: Check, value: Check, max: number): Check => (field, raw) => {
  if (!isPlainObject(raw)) throw new ValidationError(field, `${field} must be an object`);
  const entries = Object.entries(raw);
  if (entries.length > max) throw new ValidationError(field, `${field} may have at most ${max} keys`);
  for (const [k, v] of entries) {
    key(`${field}.${k}`, k);
    value(`${field}.${k}`, v);
  }
};

/** Fields of settings: every key optional, each checked by the validator a command uses for that setting. */
export const settings = (checks: Readonly<Record<string, (field: string, value: unknown) => unknown>>): Record<string, Check> =>
  Object.fromEntries(Object.entries(checks).map(([key, validate]) => [key, optional(check(validate))]));

/** Lists a command fills from the state (every old context item, every completed task): only the body limit bounds them. */
export const MANY = 10_000;

export const contextKey = check(requireContextKey);
export const checkpointName = check(requireCheckpointName);
export const toolName = check(requireToolName);
export const formula = check(requireFormula);
export const jsonObject = (maxChars: number): Check => check((f, v) => requireObject(f, v, maxChars));
export const USAGE = object({ promptTokens: int(), completionTokens: int(), totalTokens: int() });
/** Texts as a list field of a command holds them. */
export const texts = (maxChars: number = LIMITS.listItem, min = 0): Check => list(text(maxChars), LIMITS.listItems, min);

// What a merge or a restore carries of the workspace it leaves (counts.ts); an import checks it
// against the fold too (a forged count would put the session list at odds with the state).
export const COUNTS = object({ queries: int(), materials: int(), discoveries: int(), contextItems: int(), hypotheses: int(), tasks: int(), openTasks: int() });

/** A record the state grew over many commands (a material's merged properties, a merge resolution's sides). */
export const RECORD_CHARS = LIMITS.toolOutputChars;

/** Where a record merged in from a branch was made (RecordOrigin). */
export const ORIGIN = object({ branchId: id });
