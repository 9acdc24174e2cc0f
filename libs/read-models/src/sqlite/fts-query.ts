// MongoDB's `$text: { $search }` syntax turned into safe FTS5 match expressions. MongoDB:
// words are OR-ed; a "quoted phrase" must be present (all phrases, when several); a -word
// excludes documents. Every term is passed to FTS5 as a quoted string, so user input can never
// be read as FTS5 syntax (NEAR, column filters, bare operators).

export interface TextQuery {
  terms: string[];
  phrases: string[];
  negated: string[];
}

// A unit that the tokenizer would reduce to nothing (only punctuation) matches nothing in FTS5
// and in MongoDB; dropping it keeps the expression valid.
const HAS_TOKEN = /[\p{L}\p{N}]/u;

export function parseTextQuery(search: string): TextQuery {
  const query: TextQuery = { terms: [], phrases: [], negated: [] };
  const phrasePattern = /"([^"]*)"/g;
  for (const match of search.matchAll(phrasePattern)) {
    const phrase = match[1]!.trim();
    if (HAS_TOKEN.test(phrase)) query.phrases.push(phrase);
  }
  const rest = search.replace(phrasePattern, ' ');
  for (const word of rest.split(/\s+/)) {
    if (word.startsWith('-')) {
      if (HAS_TOKEN.test(word.slice(1))) query.negated.push(word.slice(1));
    } else if (HAS_TOKEN.test(word)) {
      query.terms.push(word);
    }
  }
  query.terms = [...new Set(query.terms)];
  return query;
}

export function quoteFts(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}

function withExclusions(expression: string, negated: string[]): string {
  return negated.reduce((acc, word) => `${acc} NOT ${quoteFts(word)}`, `(${expression})`);
}

/** Which documents match: null when the query has nothing positive (MongoDB returns none). */
export function matchExpression(query: TextQuery): string | null {
  const required = query.phrases.length > 0 ? query.phrases.map(quoteFts).join(' AND ') : query.terms.map(quoteFts).join(' OR ');
  return required === '' ? null : withExclusions(required, query.negated);
}

/** The positive units (phrases and words) a document earns score for, each as its own expression. */
export function scoringUnits(query: TextQuery): string[] {
  return [...query.phrases, ...query.terms].map(quoteFts);
}

/** All positive units OR-ed, so bm25 sees every term of the query. */
export function scoringExpression(query: TextQuery): string | null {
  const units = scoringUnits(query);
  return units.length === 0 ? null : withExclusions(units.join(' OR '), query.negated);
}
