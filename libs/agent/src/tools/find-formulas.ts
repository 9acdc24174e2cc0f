import { tryParseFormula } from './chemistry/formula.js';
import { formulaKey } from './chemistry/formula-format.js';
import { isKnownMaterial } from './known-materials.js';

// Candidate tokens: runs of formula characters starting with a capital or an opening bracket.
const TOKEN = /(?<![A-Za-z0-9])[A-Z([][A-Za-z0-9()[\]{}·•⋅.*^+\-/]*/g;
const TRAILING = /[.,;:!?]+$/;

/**
 * Chemical formulas mentioned in free text, in order, without duplicates (by composition):
 * "compare LiCoO2 and LiMn2O4" → ['LiCoO2', 'LiMn2O4']. To keep ordinary words out ("I", "What",
 * "OK", "NO"), a token counts only if it parses and has at least two elements, or is a known
 * material; an all-capital token without digits ("CO", "NO") must be a known material, and a single
 * element must be a known material written with two letters (so "C" in "25 C" is not taken, nor
 * "Li" in "Li-ion").
 */
export function findFormulas(text: string): string[] {
  const found: string[] = [];
  const keys = new Set<string>();
  for (const match of text.matchAll(TOKEN)) {
    for (const { token, hyphenated } of pieces(match[0])) {
      const parsed = tryParseFormula(token);
      if (!parsed) continue;
      const elements = Object.keys(parsed.counts).length;
      const allCaps = !/[a-z0-9]/.test(token);
      const known = () => isKnownMaterial(parsed);
      const accept = elements >= 2 ? !allCaps || known() : token.length >= 2 && !hyphenated && parsed.charge === 0 && known();
      if (!accept) continue;
      const key = formulaKey(parsed);
      if (keys.has(key)) continue;
      keys.add(key);
      found.push(token);
    }
  }
  return found;
}

// "LiFePO4-based" → "LiFePO4"; "LiFePO4/C" and "LiFePO4/LiMnPO4" → both sides; strips sentence
// punctuation and brackets that the token does not close ("(e.g. LiFePO4)").
function pieces(raw: string): Array<{ token: string; hyphenated: boolean }> {
  const [head = '', ...rest] = raw.split(/[-–](?=[a-z])/);
  return head.split('/').map((part) => ({ token: unwrap(part.replace(TRAILING, '')), hyphenated: rest.length > 0 }));
}

function unwrap(token: string): string {
  let t = token;
  for (;;) {
    const before = t;
    if (/^[([]/.test(t) && !closes(t)) t = t.slice(1);
    if (/[)\]]$/.test(t) && !opens(t)) t = t.slice(0, -1);
    // A formula wrapped in parentheses as a whole: "(Si)".
    if (/^\(.*\)$/.test(t) && closes(t.slice(1, -1)) && opens(t.slice(1, -1))) t = t.slice(1, -1);
    t = t.replace(TRAILING, '');
    if (t === before) return t;
  }
}

const count = (s: string, re: RegExp) => (s.match(re) ?? []).length;
const closes = (t: string) => count(t, /[)\]]/g) >= count(t, /[([]/g);
const opens = (t: string) => count(t, /[([]/g) >= count(t, /[)\]]/g);
