import type { JsonSchema } from '../tools/index.js';

/**
 * Checks a tool input against the tool's schema (the JSON Schema subset tools declare) before the
 * tool runs. A language model may send a number for a formula or an unknown key; the tools trust
 * their typed input, so the registry refuses such input with a message the model can act on.
 * Returns the problems found, empty when the input fits.
 */
export function checkInput(value: unknown, schema: JsonSchema, path = 'input'): string[] {
  const problems: string[] = [];
  if (schema.type && !hasType(value, schema.type)) return [`${path} must be ${article(schema.type)} ${schema.type}`];
  if (schema.enum && !schema.enum.includes(value as string | number)) {
    problems.push(`${path} must be one of ${schema.enum.map((v) => JSON.stringify(v)).join(', ')}`);
  }
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) problems.push(`${path} must be ≥ ${schema.minimum}`);
    if (schema.maximum !== undefined && value > schema.maximum) problems.push(`${path} must be ≤ ${schema.maximum}`);
  }
  if (Array.isArray(value) && schema.items) {
    value.forEach((item, i) => problems.push(...checkInput(item, schema.items!, `${path}[${i}]`)));
  }
  if (isObject(value)) {
    for (const key of schema.required ?? []) if (!(key in value)) problems.push(`${path}.${key} is required`);
    for (const [key, item] of Object.entries(value)) {
      const property = schema.properties?.[key];
      if (property) problems.push(...checkInput(item, property, `${path}.${key}`));
      else if (schema.additionalProperties === false) problems.push(`${path}.${key} is not a known parameter`);
    }
  }
  return problems;
}

function hasType(value: unknown, type: NonNullable<JsonSchema['type']>): boolean {
  switch (type) {
    case 'object':
      return isObject(value);
    case 'array':
      return Array.isArray(value);
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    default: {
      const _never: never = type;
      throw new Error(`unsupported schema type ${String(_never)}`);
    }
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);
const article = (type: string) => (/^[aeiou]/.test(type) ? 'an' : 'a');
