import { GraphQLInt, GraphQLList, GraphQLObjectType, GraphQLSchema, GraphQLString, parse, validate } from 'graphql';
import { assertAffordable, costLimitRule, DEFAULT_LIST_SIZE, operationCosts } from './query-cost.js';

const Item: GraphQLObjectType = new GraphQLObjectType({
  name: 'Item',
  fields: () => ({
    name: { type: GraphQLString },
    heavy: { type: GraphQLString, extensions: { cost: 10 } },
    children: { type: new GraphQLList(Item) },
  }),
});
const Edge = new GraphQLObjectType({ name: 'Edge', fields: { node: { type: Item } } });
const Connection = new GraphQLObjectType({ name: 'Connection', fields: { edges: { type: new GraphQLList(Edge) }, total: { type: GraphQLInt } } });
const schema = new GraphQLSchema({
  query: new GraphQLObjectType({
    name: 'Query',
    fields: {
      item: { type: Item },
      page: { type: Connection, args: { first: { type: GraphQLInt, defaultValue: 20 } } },
      list: { type: new GraphQLList(Item), args: { last: { type: GraphQLInt } } },
    },
  }),
});

const cost = (query: string, variables: Record<string, unknown> = {}) =>
  operationCosts({ getSchema: () => schema, getDocument: () => parse(query) }, variables).get('')!;

describe('query cost', () => {
  it('counts each field once, a cost extension for heavy fields', () => {
    expect(cost('{ item { name } }')).toBe(2);
    expect(cost('{ item { heavy } }')).toBe(11);
  });

  it('multiplies what is under a list by its size: last/first, the parent connection\'s first, or the default', () => {
    expect(cost('{ list(last: 3) { name } }')).toBe(1 + 3);
    expect(cost('{ list { name } }')).toBe(1 + DEFAULT_LIST_SIZE);
    // page, total, edges once; then node and name once per edge: page(first: 50) sizes its edges.
    expect(cost('{ page(first: 50) { total edges { node { name } } } }')).toBe(1 + 1 + 1 + 50 + 50);
    // The argument's default when not given.
    expect(cost('{ page { edges { node { name } } } }')).toBe(1 + 1 + 20 + 20);
    expect(cost('{ item { children { children { name } } } }')).toBe(1 + 1 + DEFAULT_LIST_SIZE + DEFAULT_LIST_SIZE ** 2);
  });

  it('takes variables at their values, and follows fragments', () => {
    expect(cost('query($n: Int) { page(first: $n) { edges { node { name } } } }', { n: 5 })).toBe(1 + 1 + 5 + 5);
    expect(cost('{ page(first: 4) { ...E } } fragment E on Connection { edges { node { ... on Item { heavy } } } }')).toBe(1 + 1 + 4 + 40);
  });

  it('refuses over the limit, naming the cost and the limit', () => {
    const document = parse('{ page(first: 100) { edges { node { heavy } } } }');
    expect(() => assertAffordable(schema, document, {}, 500)).toThrow(/costs 1102, over the limit of 500/);
    expect(() => assertAffordable(schema, document, {}, 2000)).not.toThrow();
    const errors = validate(schema, document, [costLimitRule(500)]);
    expect(errors.map((e) => e.extensions)).toEqual([{ code: 'query_too_costly', cost: 1102, limit: 500 }]);
  });
});
