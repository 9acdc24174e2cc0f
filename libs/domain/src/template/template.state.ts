// Templates: a session's configuration and starting work (context items, focus, hypotheses,
// tasks) with `{{parameter}}` placeholders, kept in a stream of its own (`template-{owner}-{name}`).
// Saving again makes a new version; every version is kept, so a session made from version 2
// still says what it was made from after version 3 is saved.
import { ValidationError } from '../errors.js';
import type { JsonObject, JsonValue } from '../json.js';
import type { ContextConfig, ContextKind, DiscoveryConfig, SessionType } from '../session/core/state.js';

export const TEMPLATE_NAME_PATTERN = /^[a-z][a-z0-9_]{0,99}$/;
export const PARAMETER_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]{0,49}$/;
/** `{{name}}` in any text of the content. */
export const PLACEHOLDER = /\{\{([A-Za-z_][A-Za-z0-9_]{0,49})\}\}/g;

export const TEMPLATE_LIMITS = { parameters: 20, parameterValue: 500 } as const;

/** What a template keeps of a session; any text in it may hold placeholders. */
export interface TemplateContent {
  /** The name a new session gets. */
  name: string;
  sessionType: SessionType;
  metadata: JsonObject;
  config: JsonObject;
  contextConfig: ContextConfig;
  discoveryConfig: DiscoveryConfig;
  contextItems: Array<{ key: string; value: JsonValue; kind: ContextKind }>;
  focus: string | null;
  hypotheses: string[];
  /** Task titles: a new session starts every one of them pending. */
  tasks: string[];
}

export interface TemplateVersion {
  version: number;
  savedAt: string;
  savedBy: string;
  /** The session it was saved from; null for a built-in template. */
  fromSessionId: string | null;
  /** The parameters a new session must give, in the order declared. */
  parameters: string[];
  content: TemplateContent;
}

export interface TemplateState {
  name: string;
  exists: boolean;
  /** Who saved the first version: the stream is theirs; only they save new versions or use it (templates are private for now). */
  ownerId: string;
  versions: TemplateVersion[];
}

export const initialTemplateState = (): TemplateState => ({ name: '', exists: false, ownerId: '', versions: [] });

export const TEMPLATE_STREAM_PREFIX = 'template-';

/**
 * Template names belong to their owner: one stream per owner and name, so nobody's name reveals
 * or blocks anyone else's. Names hold no '-', so the last '-' splits owner from name.
 */
export const templateStream = (ownerId: string, name: string): string => `${TEMPLATE_STREAM_PREFIX}${ownerId}-${name}`;

/** Before names were scoped, a template's stream was `template-{name}`; those stay their first saver's. */
export const legacyTemplateStream = (name: string): string => `${TEMPLATE_STREAM_PREFIX}${name}`;

/** Owner (null for a legacy stream) and name of a template stream, or null for another stream. */
export function parseTemplateStream(streamId: string): { ownerId: string | null; name: string } | null {
  if (!streamId.startsWith(TEMPLATE_STREAM_PREFIX)) return null;
  const rest = streamId.slice(TEMPLATE_STREAM_PREFIX.length);
  const dash = rest.lastIndexOf('-');
  const name = rest.slice(dash + 1);
  if (!TEMPLATE_NAME_PATTERN.test(name)) return null;
  if (dash === -1) return { ownerId: null, name };
  return dash > 0 ? { ownerId: rest.slice(0, dash), name } : null;
}

export function requireTemplateName(field: string, value: unknown): string {
  if (typeof value !== 'string' || !TEMPLATE_NAME_PATTERN.test(value)) {
    throw new ValidationError(field, `${field} must be 1 to 100 lowercase letters, digits or '_', starting with a letter`);
  }
  return value;
}

export function requireParameterName(field: string, value: unknown): string {
  if (typeof value !== 'string' || !PARAMETER_NAME_PATTERN.test(value)) {
    throw new ValidationError(field, `${field} must be 1 to 50 letters, digits or '_', not starting with a digit`);
  }
  return value;
}

/** The placeholders in a text, in the order they first appear. */
export const placeholdersIn = (text: string): string[] => [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
