// A simple cost limit, as a GraphQL validation rule: each field costs 1 (or its `cost` extension:
// the fields that load a session's state cost more), times how many of its parent there can be.
// A list field multiplies what is under it by its `first` or `last` argument when given (its
// default otherwise), or by DEFAULT_LIST_SIZE for lists without one. Fragments are followed; a
// query over the limit is refused before anything runs, with its cost and the limit named.
import {
  GraphQLError,
  getNamedType,
  getNullableType,
  isListType,
  isObjectType,
  isInterfaceType,
  Kind,
  valueFromASTUntyped,
  type ASTVisitor,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';
import mercurius from 'mercurius';

export const DEFAULT_LIST_SIZE = 10;

function argument(field: FieldNode, def: GraphQLField<unknown, unknown>, name: string, variables: Record<string, unknown>): number | undefined {
  const node = field.arguments?.find((a) => a.name.value === name);
  const value = node ? valueFromASTUntyped(node.value, variables) : def.args.find((a) => a.name === name)?.defaultValue;
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/** The cost of a selection set on `type`, each field counted `times` times. */
function selectionCost(
  schema: GraphQLSchema,
  set: SelectionSetNode,
  type: GraphQLNamedType,
  times: number,
  hint: number | undefined,
  fragments: Map<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
  seen: Set<string>,
): number {
  let cost = 0;
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value.startsWith('__') || !(isObjectType(type) || isInterfaceType(type))) continue;
      const def = type.getFields()[selection.name.value];
      if (!def) continue;
      const own = typeof def.extensions?.cost === 'number' ? (def.extensions.cost as number) : 1;
      cost += own * times;
      if (!selection.selectionSet) continue;
      const pageSize = argument(selection, def, 'first', variables) ?? argument(selection, def, 'last', variables);
      const list = isListType(getNullableType(def.type));
      // A list is as long as its own first/last, else the page size its parent was given (a
      // connection's `first` sizes its `edges`), else DEFAULT_LIST_SIZE.
      const size = list ? (pageSize ?? hint ?? DEFAULT_LIST_SIZE) : 1;
      const childHint = list ? undefined : pageSize;
      cost += selectionCost(schema, selection.selectionSet, getNamedType(def.type), times * size, childHint, fragments, variables, seen);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const on = selection.typeCondition ? (schema.getType(selection.typeCondition.name.value) ?? type) : type;
      cost += selectionCost(schema, selection.selectionSet, on, times, hint, fragments, variables, seen);
    } else {
      const name = selection.name.value;
      const fragment = fragments.get(name);
      if (!fragment || seen.has(name)) continue; // a cycle is the spec rules' error to report
      seen.add(name);
      cost += selectionCost(schema, fragment.selectionSet, schema.getType(fragment.typeCondition.name.value) ?? type, times, hint, fragments, variables, seen);
      seen.delete(name);
    }
  }
  return cost;
}

/** The cost of each operation of a document (for tests and the rule below). */
export function operationCosts(context: Pick<ValidationContext, 'getSchema' | 'getDocument'>, variables: Record<string, unknown> = {}): Map<string, number> {
  const schema = context.getSchema();
  const document = context.getDocument();
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const costs = new Map<string, number>();
  for (const d of document.definitions) {
    if (d.kind !== Kind.OPERATION_DEFINITION) continue;
    const root = d.operation === 'query' ? schema.getQueryType() : d.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
    if (!root) continue;
    costs.set(d.name?.value ?? '', selectionCost(schema, d.selectionSet, root, 1, undefined, fragments, variables, new Set()));
  }
  return costs;
}

function tooCostly(name: string, cost: number, max: number): { message: string; extensions: Record<string, unknown> } {
  return {
    message: `query ${name ? `"${name}" ` : ''}costs ${cost}, over the limit of ${max}: ask for fewer items (first/last) or fewer fields that load a session's state`,
    extensions: { code: 'query_too_costly', cost, limit: max },
  };
}

/**
 * The check before execution (mercurius' preExecution hook), where the variables are known, so
 * `first: $n` is costed at its value. Throws a 400 naming the cost and the limit.
 */
export function assertAffordable(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown> | undefined, max: number): void {
  for (const [name, cost] of operationCosts({ getSchema: () => schema, getDocument: () => document }, variables ?? {})) {
    if (cost > max) {
      const { message, extensions } = tooCostly(name, cost, max);
      throw new mercurius.ErrorWithProps(message, extensions, 400);
    }
  }
}

/** The same limit as a validation rule, for graphql-js users of the schema (variables as given). */
export function costLimitRule(max: number, variables: Record<string, unknown> = {}) {
  return (context: ValidationContext): ASTVisitor => ({
    Document: {
      leave() {
        for (const [name, cost] of operationCosts(context, variables)) {
          if (cost > max) {
            const { message, extensions } = tooCostly(name, cost, max);
            context.reportError(new GraphQLError(message, { extensions }));
          }
        }
      },
    },
  });
}
