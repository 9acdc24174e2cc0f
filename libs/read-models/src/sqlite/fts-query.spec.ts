import { matchExpression, parseTextQuery, quoteFts, scoringExpression, scoringUnits } from './fts-query.js';

describe('MongoDB $search → FTS5', () => {
  it('splits words, "phrases" and -exclusions', () => {
    expect(parseTextQuery('lithium  "ionic conductivity" -cobalt iron lithium')).toEqual({
      terms: ['lithium', 'iron'],
      phrases: ['ionic conductivity'],
      negated: ['cobalt'],
    });
  });

  it('ORs words, requires phrases, and excludes negated words', () => {
    expect(matchExpression(parseTextQuery('lithium iron'))).toBe('("lithium" OR "iron")');
    expect(matchExpression(parseTextQuery('"band gap" perovskite -lead'))).toBe('("band gap") NOT "lead"');
    expect(scoringExpression(parseTextQuery('"band gap" perovskite -lead'))).toBe('("band gap" OR "perovskite") NOT "lead"');
    expect(scoringUnits(parseTextQuery('"band gap" perovskite'))).toEqual(['"band gap"', '"perovskite"']);
  });

  it('quotes every unit, so FTS5 syntax in user input stays text', () => {
    expect(quoteFts('say "hi"')).toBe('"say ""hi"""');
    expect(matchExpression(parseTextQuery('NEAR(a b) col:x *'))).toBe('("NEAR(a" OR "b)" OR "col:x")');
  });

  it('has nothing to match for empty, punctuation-only or negation-only queries', () => {
    expect(matchExpression(parseTextQuery(''))).toBeNull();
    expect(matchExpression(parseTextQuery(' * ^ - "" '))).toBeNull();
    expect(matchExpression(parseTextQuery('-lead'))).toBeNull();
  });
});
