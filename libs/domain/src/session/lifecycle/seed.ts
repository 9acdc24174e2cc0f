// A session created from a template: after SessionCreated, one event says which template version
// with which parameters, then the seeded settings, context items, focus, hypotheses and tasks
// follow as the ordinary events, decided by the ordinary rules. So time travel, export and import,
// and every projection see a seeded session as one built by hand. The state the seed is decided on
// is folded with the session's evolve, which the core passes in (a slice may not import it).
import { ValidationError } from '../../errors.js';
import { isPlainObject, type JsonValue } from '../../json.js';
import { requireParameterName, requireTemplateName, TEMPLATE_LIMITS } from '../../template/template.state.js';
import type { CommandBase } from '../core/command-base.js';
import { initialSessionState, type ContextKind, type SessionState } from '../core/state.js';
import { requireInteger, requireList, requireText } from '../core/validation.js';
import { discoveriesSlice, type ConfigureDiscoveries, type DiscoveryEvent } from '../discoveries/index.js';
import { workspaceSlice, type ConfigureContext, type SetFocus, type WorkspaceCommand, type WorkspaceEvent } from '../workspace/index.js';
import type { LifecycleEvent, SessionCreated } from './events.js';

/** What creating a session from a template records. */
export type SeededEvent = LifecycleEvent | WorkspaceEvent | DiscoveryEvent;
/** The session's evolve, for the events a seed records. */
export type SeedFold = (state: SessionState, event: SeededEvent) => SessionState;

type SeedCommand = { field: string; command: WorkspaceCommand | ConfigureDiscoveries };

export function requireParameters(field: string, value: unknown): Record<string, string> {
  if (!isPlainObject(value)) throw new ValidationError(field, `${field} must be an object of parameter name → text`);
  const entries = Object.entries(value);
  if (entries.length > TEMPLATE_LIMITS.parameters) throw new ValidationError(field, `${field} may name at most ${TEMPLATE_LIMITS.parameters} parameters`);
  return Object.fromEntries(entries.map(([k, v]) => [requireParameterName(`${field}.${k}`, k), requireText(`${field}.${k}`, v, TEMPLATE_LIMITS.parameterValue)]));
}

function seedCommands(seed: Record<string, unknown>, base: CommandBase): SeedCommand[] {
  const object = (field: string): Record<string, unknown> => {
    const value = seed[field];
    if (!isPlainObject(value)) throw new ValidationError(`template.${field}`, `template.${field} must be an object`);
    return value;
  };
  const items = (field: string): Array<Record<string, unknown>> =>
    requireList(`template.${field}`, seed[field], 100).map((value, i) => {
      if (!isPlainObject(value)) throw new ValidationError(`template.${field}[${i}]`, `template.${field}[${i}] must be an object`);
      return value;
    });
  // Values are checked by the decide that takes each command, as if a user had sent it.
  const text = (value: unknown) => value as string;
  const contextConfig = object('contextConfig');
  const discoveryConfig = object('discoveryConfig');
  return [
    ...(Object.keys(contextConfig).length === 0 ? [] : [{ field: 'contextConfig', command: { type: 'ConfigureContext', data: { ...contextConfig, ...base } } as ConfigureContext }]),
    ...(Object.keys(discoveryConfig).length === 0 ? [] : [{ field: 'discoveryConfig', command: { type: 'ConfigureDiscoveries', data: { ...discoveryConfig, ...base } } as ConfigureDiscoveries }]),
    ...items('contextItems').map((i, n): SeedCommand => ({
      field: `contextItems[${n}]`,
      command: { type: 'AddContextItem', data: { ...base, key: text(i.key), value: i.value as JsonValue, kind: i.kind as ContextKind } },
    })),
    ...(seed.focus === null || seed.focus === undefined ? [] : [{ field: 'focus', command: { type: 'SetFocus', data: { ...base, focus: text(seed.focus) } } as SetFocus }]),
    ...items('hypotheses').map((h, n): SeedCommand => ({
      field: `hypotheses[${n}]`,
      command: { type: 'AddHypothesis', data: { ...base, hypothesisId: text(h.hypothesisId), statement: text(h.statement) } },
    })),
    ...items('tasks').map((t, n): SeedCommand => ({ field: `tasks[${n}]`, command: { type: 'AddTask', data: { ...base, taskId: text(t.taskId), title: text(t.title) } } })),
  ];
}

/** The events of a session made from a template, `created` first. */
export function seededSession(created: SessionCreated, raw: unknown, base: CommandBase, evolve: SeedFold): SeededEvent[] {
  if (!isPlainObject(raw)) throw new ValidationError('template', 'template must be the seed instantiateTemplate made');
  const template = requireTemplateName('template.template', raw.template);
  const version = requireInteger('template.version', raw.version, 1, Number.MAX_SAFE_INTEGER);
  const parameters = requireParameters('template.parameters', raw.parameters);
  const events: SeededEvent[] = [created, { type: 'SessionSeededFromTemplate', data: { template, version, parameters, at: base.at } }];
  let state = events.reduce(evolve, initialSessionState());
  for (const { field, command } of seedCommands(raw, base)) {
    let produced: readonly SeededEvent[];
    try {
      produced = command.type === 'ConfigureDiscoveries' ? discoveriesSlice.decide(command, state) : workspaceSlice.decide(command, state);
    } catch (error) {
      // Name the field inside the seed, so a bad template says where it is bad.
      if (error instanceof ValidationError) {
        const inner = error.field === field ? field : `${field}.${error.field}`;
        throw new ValidationError(`template.${inner}`, `template.${field}: ${error.message}`);
      }
      throw error;
    }
    state = produced.reduce(evolve, state);
    events.push(...produced);
  }
  return events;
}
