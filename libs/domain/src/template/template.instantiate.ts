// A new session from a template: the parameters are checked (a missing one, or one the template
// does not take, is an error naming it), the placeholders filled, and the result is what
// CreateSession takes, so the new session is decided by the ordinary rules. Ids of the seeded
// hypotheses and tasks are made here from their position: they only need to be unique in a
// session that does not exist yet, and the same instance gives the same command on a retry.
import { ValidationError } from '../errors.js';
import { isPlainObject } from '../json.js';
import type { CommandBase } from '../session/core/command-base.js';
import type { CreateSession, TemplateSeed } from '../session/lifecycle/index.js';
import { requireText } from '../session/core/validation.js';
import { fillPlaceholders } from './template.content.js';
import { TEMPLATE_LIMITS, type TemplateVersion } from './template.state.js';

/** CreateSession's data without the envelope (session, actor, time). */
export type TemplateInstance = Omit<CreateSession['data'], keyof CommandBase> & { template: TemplateSeed };

export type InstantiableTemplate = { name: string } & Pick<TemplateVersion, 'version' | 'parameters' | 'content'>;

function requireParameterValues(template: InstantiableTemplate, given: unknown): Record<string, string> {
  const takes = template.parameters.length > 0 ? `it takes ${template.parameters.join(', ')}` : 'it takes none';
  if (given !== undefined && !isPlainObject(given)) throw new ValidationError('parameters', 'parameters must be an object of parameter name → text');
  const values = (given ?? {}) as Record<string, unknown>;
  const unknown = Object.keys(values).filter((name) => !template.parameters.includes(name));
  if (unknown.length > 0) {
    throw new ValidationError(`parameters.${unknown[0]}`, `template ${template.name} has no parameter ${unknown.join(', ')}: ${takes}`);
  }
  const missing = template.parameters.filter((name) => !Object.hasOwn(values, name));
  if (missing.length > 0) {
    throw new ValidationError(`parameters.${missing[0]}`, `template ${template.name} needs parameter ${missing.join(', ')}: ${takes}`);
  }
  return Object.fromEntries(template.parameters.map((name) => [name, requireText(`parameters.${name}`, values[name], TEMPLATE_LIMITS.parameterValue)]));
}

export function instantiateTemplate(template: InstantiableTemplate, parameters: unknown): TemplateInstance {
  const values = requireParameterValues(template, parameters);
  const content = fillPlaceholders(template.content, values);
  return {
    sessionType: content.sessionType,
    name: content.name,
    metadata: content.metadata,
    config: content.config,
    template: {
      template: template.name,
      version: template.version,
      parameters: values,
      contextConfig: content.contextConfig,
      discoveryConfig: content.discoveryConfig,
      contextItems: content.contextItems,
      focus: content.focus,
      hypotheses: content.hypotheses.map((statement, i) => ({ hypothesisId: `tpl-h${i + 1}`, statement })),
      tasks: content.tasks.map((title, i) => ({ taskId: `tpl-t${i + 1}`, title })),
    },
  };
}
