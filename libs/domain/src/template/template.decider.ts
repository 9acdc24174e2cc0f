// The template decider: saving makes the next version (decide numbers it, so a retry on a moved
// stream numbers it again), names are their owner's (a stream per owner), built-in names are taken. Content is
// valid when a session can be created from it: it is checked by instantiating it and deciding
// the CreateSession it makes, so the session's own rules are the template's rules too.
import type { Decider } from '@crystalyse/event-store';
import { AlreadyExists, NotFound, ValidationError } from '../errors.js';
import { isPlainObject } from '../json.js';
import { decideSession } from '../session/core/decide.js';
import { initialSessionState, SESSION_TYPES } from '../session/core/state.js';
import { requireId, requireInstant, requireList } from '../session/core/validation.js';
import { BUILT_IN_TEMPLATES, isBuiltInTemplate } from './template.built-in.js';
import { placeholdersOf } from './template.content.js';
import type { TemplateCommand, TemplateEvent } from './template.events.js';
import { instantiateTemplate } from './template.instantiate.js';
import {
  initialTemplateState,
  requireParameterName,
  requireTemplateName,
  TEMPLATE_LIMITS,
  type TemplateContent,
  type TemplateState,
  type TemplateVersion,
} from './template.state.js';

function requireShape(raw: unknown): TemplateContent {
  if (!isPlainObject(raw)) throw new ValidationError('content', 'content must be an object (see templateContentFrom)');
  const text = (key: string) => {
    if (typeof raw[key] !== 'string') throw new ValidationError(`content.${key}`, `content.${key} must be text`);
  };
  const object = (key: string) => {
    if (!isPlainObject(raw[key])) throw new ValidationError(`content.${key}`, `content.${key} must be an object`);
  };
  text('name');
  if (!(SESSION_TYPES as readonly unknown[]).includes(raw.sessionType)) throw new ValidationError('content.sessionType', `content.sessionType must be one of ${SESSION_TYPES.join(', ')}`);
  ['metadata', 'config', 'contextConfig', 'discoveryConfig'].forEach(object);
  requireList('content.contextItems', raw.contextItems, 100).forEach((item, i) => {
    if (!isPlainObject(item)) throw new ValidationError(`content.contextItems[${i}]`, `content.contextItems[${i}] must be an object`);
  });
  if (raw.focus !== null) text('focus');
  for (const key of ['hypotheses', 'tasks']) {
    requireList(`content.${key}`, raw[key], 100).forEach((item, i) => {
      if (typeof item !== 'string') throw new ValidationError(`content.${key}[${i}]`, `content.${key}[${i}] must be text`);
    });
  }
  return raw as unknown as TemplateContent;
}

/** Checks content and its declared parameters agree, and that a session can be made from it. */
export function requireTemplateContent(raw: unknown, rawParameters: unknown): { content: TemplateContent; parameters: string[] } {
  const parameters = requireList('parameters', rawParameters, TEMPLATE_LIMITS.parameters).map((p, i) => requireParameterName(`parameters[${i}]`, p));
  if (new Set(parameters).size !== parameters.length) throw new ValidationError('parameters', 'parameters must name different parameters');
  const content = requireShape(raw);
  const used = placeholdersOf(content);
  const undeclared = used.find((p) => !parameters.includes(p));
  if (undeclared) throw new ValidationError('parameters', `the content uses {{${undeclared}}}: declare it as a parameter`);
  const unused = parameters.find((p) => !used.includes(p));
  if (unused) throw new ValidationError(`parameters`, `parameter ${unused} appears nowhere in the content`);
  // Each parameter filled with its own name: short text, so only the content's own limits can fail.
  const sample = instantiateTemplate({ name: 'template_check', version: 1, parameters, content }, Object.fromEntries(parameters.map((p) => [p, p])));
  try {
    decideSession({ type: 'CreateSession', data: { sessionId: 'template-check', actorId: 'template-check', at: '2026-01-01T00:00:00Z', ...sample } }, initialSessionState());
  } catch (error) {
    if (error instanceof ValidationError) throw new ValidationError(`content.${error.field.replace(/^template\./, '')}`, `content: ${error.message}`);
    throw error;
  }
  return { content, parameters };
}

export function decideTemplate(command: TemplateCommand, state: TemplateState): TemplateEvent[] {
  const { actorId } = command.data;
  if (typeof actorId !== 'string' || actorId.length === 0 || actorId.length > 200) throw new ValidationError('actorId', 'actorId must be a non-empty string');
  const at = requireInstant('at', command.data.at);
  switch (command.type) {
    case 'SaveTemplate': {
      const name = requireTemplateName('name', command.data.name);
      if (isBuiltInTemplate(name)) throw new AlreadyExists('template', name, 'name');
      if (state.exists && state.name !== name) throw new Error(`Command for template ${name} decided on template ${state.name}`);
      // Each owner has their own stream per name: another owner's here is a bug in the caller.
      if (state.exists && state.ownerId !== actorId) throw new Error(`Command of ${actorId} decided on template ${name} of another owner`);
      const fromSessionId = requireId('fromSessionId', command.data.fromSessionId);
      const { content, parameters } = requireTemplateContent(command.data.content, command.data.parameters);
      const version = state.versions.length + 1;
      return [{ type: 'TemplateSaved', data: { name, version, fromSessionId, savedBy: actorId, parameters, content, at } }];
    }
    default: {
      // One command so far: a union of one is not narrowed, its type is.
      const _never: never = command.type;
      throw new Error(`Unknown template command ${JSON.stringify(_never)}`);
    }
  }
}

export function evolveTemplate(state: TemplateState, event: TemplateEvent): TemplateState {
  switch (event.type) {
    case 'TemplateSaved': {
      const { name, version, fromSessionId, savedBy, parameters, content, at } = event.data;
      const saved: TemplateVersion = { version, savedAt: at, savedBy, fromSessionId, parameters, content };
      return { name, exists: true, ownerId: state.exists ? state.ownerId : savedBy, versions: [...state.versions, saved] };
    }
    default: {
      const _never: never = event.type;
      throw new Error(`Unknown template event ${JSON.stringify(_never)}`);
    }
  }
}

export const templateDecider: Decider<TemplateCommand, TemplateEvent, TemplateState> = {
  initialState: initialTemplateState,
  evolve: evolveTemplate,
  decide: decideTemplate,
};

export const foldTemplate = (events: Iterable<TemplateEvent>, from: TemplateState = initialTemplateState()): TemplateState => {
  let state = from;
  for (const event of events) state = evolveTemplate(state, event);
  return state;
};

/**
 * The version a user may make a session from: their own template of that name first, else a
 * built-in one (anyone's); another user's never (a stranger learns nothing, not even that the
 * name is taken). The latest by default.
 */
export function findTemplateVersion(name: string, state: TemplateState, userId: string, version?: number): { name: string } & TemplateVersion {
  const own = state.exists && state.ownerId === userId && state.name === name;
  const versions = own ? state.versions : isBuiltInTemplate(name) ? [BUILT_IN_TEMPLATES[name]!] : [];
  if (versions.length === 0) throw new NotFound('template', name);
  const found = version === undefined ? versions.at(-1) : versions.find((v) => v.version === version);
  if (!found) throw new NotFound('template version', `${name}@${String(version)}`);
  return { name, ...found };
}
