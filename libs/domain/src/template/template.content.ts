// What a template keeps of a session, and its placeholders. The user marks parameters two ways:
// literal `{{name}}` already in the session's text, and a map name → text given when saving
// ({ application: 'solid state battery' } turns that text into `{{application}}` everywhere).
// Only free text is parameterised: names, metadata and configuration values, context item values,
// focus, hypotheses and task titles; never keys, kinds or settings.
import { SessionNotFound, ValidationError } from '../errors.js';
import { isPlainObject, type JsonValue } from '../json.js';
import type { SessionState } from '../session/core/state.js';
import { requireText } from '../session/core/validation.js';
import { PLACEHOLDER, placeholdersIn, requireParameterName, TEMPLATE_LIMITS, type TemplateContent } from './template.state.js';

function mapStrings<T>(value: T, f: (text: string) => string): T {
  if (typeof value === 'string') return f(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => mapStrings(item, f)) as T;
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, f)])) as T;
  return value;
}

/** Applies `f` to every text of the content that may hold a placeholder. */
export function mapTemplateText(content: TemplateContent, f: (text: string) => string): TemplateContent {
  return {
    ...content,
    name: f(content.name),
    metadata: mapStrings(content.metadata, f),
    config: mapStrings(content.config, f),
    contextItems: content.contextItems.map((item) => ({ ...item, value: mapStrings<JsonValue>(item.value, f) })),
    focus: content.focus === null ? null : f(content.focus),
    hypotheses: content.hypotheses.map(f),
    tasks: content.tasks.map(f),
  };
}

/** Every placeholder of the content, in the order first found. */
export function placeholdersOf(content: TemplateContent): string[] {
  const found = new Set<string>();
  mapTemplateText(content, (text) => {
    for (const name of placeholdersIn(text)) found.add(name);
    return text;
  });
  return [...found];
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Replaces each text by `{{name}}`: the longest text first, so "solid state battery" wins over
 * "battery", and never inside a placeholder already there.
 */
function markParameters(content: TemplateContent, values: ReadonlyArray<readonly [string, string]>): TemplateContent {
  if (values.length === 0) return content;
  const byText = new Map(values.map(([name, text]) => [text, name]));
  const texts = [...byText.keys()].sort((a, b) => b.length - a.length).map(escape);
  const pattern = new RegExp(`(${PLACEHOLDER.source})|${texts.join('|')}`, 'g');
  return mapTemplateText(content, (text) => text.replace(pattern, (match, placeholder?: string) => (placeholder ? match : `{{${byText.get(match)!}}}`)));
}

function requireParameterValues(raw: unknown): Array<readonly [string, string]> {
  if (!isPlainObject(raw)) throw new ValidationError('parameters', 'parameters must be an object of parameter name → the text it stands for');
  const entries = Object.entries(raw);
  if (entries.length > TEMPLATE_LIMITS.parameters) throw new ValidationError('parameters', `a template takes at most ${TEMPLATE_LIMITS.parameters} parameters`);
  const values = entries.map(([name, text]) => [requireParameterName(`parameters.${name}`, name), requireText(`parameters.${name}`, text, TEMPLATE_LIMITS.parameterValue)] as const);
  values.forEach(([name, text], i) => {
    if (text.includes('{{') || text.includes('}}')) throw new ValidationError(`parameters.${name}`, `parameters.${name} must not hold braces`);
    const same = values.findIndex(([, other]) => other === text);
    if (same !== i) throw new ValidationError(`parameters.${name}`, `parameters.${name} and parameters.${values[same]![0]} stand for the same text`);
  });
  return values;
}

/** The template part of a session as it is, before any marking. */
export function rawTemplateContent(state: SessionState): TemplateContent {
  const g = state.governance;
  const ws = state.workspace;
  return {
    name: g.name,
    sessionType: g.type,
    metadata: g.metadata,
    config: g.config,
    contextConfig: ws.contextConfig,
    discoveryConfig: ws.discoveryConfig,
    contextItems: ws.contextItems.map(({ key, value, kind }) => ({ key, value, kind })),
    focus: ws.focus,
    hypotheses: ws.hypotheses.map((h) => h.statement),
    // The working list: archived tasks were done and cleared away.
    tasks: ws.tasks.map((t) => t.title),
  };
}

/**
 * What SaveTemplate takes from a session: its configuration, context items, focus, hypotheses and
 * task titles, with each given text replaced by its placeholder. `parameters` lists the given names,
 * then the literal placeholders found in the session. A given text that occurs nowhere is refused:
 * it would be a parameter that changes nothing.
 */
export function templateContentFrom(state: SessionState, parameterValues: unknown = {}): { parameters: string[]; content: TemplateContent } {
  if (!state.exists) throw new SessionNotFound(state.id);
  const values = requireParameterValues(parameterValues);
  const raw = rawTemplateContent(state);
  const texts: string[] = [];
  mapTemplateText(raw, (text) => {
    texts.push(text);
    return text;
  });
  for (const [name, text] of values) {
    if (!texts.some((t) => t.includes(text))) throw new ValidationError(`parameters.${name}`, `"${text}" does not occur in the session: parameters.${name} would replace nothing`);
  }
  const literal = placeholdersOf(raw).filter((name) => !values.some(([given]) => given === name));
  const content = markParameters(raw, values);
  return { parameters: [...values.map(([name]) => name), ...literal], content };
}

/** Fills every placeholder; `values` must name each one (instantiateTemplate checks that first). */
export const fillPlaceholders = (content: TemplateContent, values: Readonly<Record<string, string>>): TemplateContent =>
  mapTemplateText(content, (text) => text.replace(PLACEHOLDER, (match, name: string) => (Object.hasOwn(values, name) ? values[name]! : match)));
