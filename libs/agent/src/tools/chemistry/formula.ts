import { ToolInputError } from '../tool.js';
import { isElementSymbol } from './elements.js';

/**
 * A formula that cannot be read; `position` is a 0-based index into the formula as given. It is a
 * ToolInputError, so the analyst reports it to the user rather than failing the query.
 */
export class FormulaError extends ToolInputError {
  constructor(
    message: string,
    readonly formula: string,
    readonly position: number,
    readonly token?: string,
  ) {
    super(message);
    this.name = 'FormulaError';
  }
}

export interface ParsedFormula {
  input: string;
  /** Element → amount, in order of first appearance; fractional amounts are kept. */
  counts: Record<string, number>;
  charge: number;
}

const MAX_LENGTH = 500;
const OPENERS: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
const HYDRATE_DOTS = new Set(['·', '•', '⋅', '∙', '*']);
const SUBSCRIPTS = '₀₁₂₃₄₅₆₇₈₉';
const SUPERSCRIPTS = '⁰¹²³⁴⁵⁶⁷⁸⁹';

export function parseFormula(input: string): ParsedFormula {
  if (typeof input !== 'string' || input.trim() === '') throw new FormulaError('empty formula', String(input ?? ''), 0);
  if (input.length > MAX_LENGTH) throw new FormulaError(`formula longer than ${MAX_LENGTH} characters`, input, MAX_LENGTH);
  const text = normaliseUnicode(input);
  const { body, charge } = splitCharge(text, input);
  const counts = new Map<string, number>();
  for (const segment of splitHydrate(body)) {
    const reader = new Reader(body, segment.start, segment.end, input);
    reader.skipSpaces();
    const multiplier = segment.first ? 1 : reader.readNumber() ?? 1;
    reader.skipSpaces();
    if (reader.atEnd()) throw new FormulaError('nothing after the hydrate separator', input, segment.start);
    const part = reader.readSequence();
    if (!reader.atEnd()) throw new FormulaError(`unmatched '${body[reader.pos]}' at position ${reader.pos}`, input, reader.pos, body[reader.pos]);
    for (const [el, n] of part) counts.set(el, round((counts.get(el) ?? 0) + n * multiplier));
  }
  return { input, counts: Object.fromEntries(counts), charge };
}

/** Like parseFormula, but returns undefined instead of throwing. */
export function tryParseFormula(input: string): ParsedFormula | undefined {
  try {
    return parseFormula(input);
  } catch (error) {
    if (error instanceof FormulaError) return undefined;
    throw error;
  }
}

// Unicode sub/superscripts map one-to-one onto ASCII so error positions still match the input;
// a trailing superscript charge gets an explicit caret (that only lengthens the end).
function normaliseUnicode(s: string): string {
  let out = '';
  for (const ch of s) {
    const sub = SUBSCRIPTS.indexOf(ch);
    out += sub >= 0 ? String(sub) : ch === '−' || ch === '⁻' ? '-' : ch === '⁺' ? '+' : ch;
  }
  const sup = /[⁰-⁹¹²³]+$/.exec(s.replace(/[⁺⁻]+$/, ''));
  if (sup && /[⁺⁻]$/.test(s)) {
    const digits = [...sup[0]].map((c) => String(SUPERSCRIPTS.indexOf(c))).join('');
    out = out.slice(0, sup.index) + '^' + digits + out.slice(sup.index + sup[0].length);
  }
  return out;
}

// "Fe3+", "O2-", "[Fe(CN)6]4-": digits right before the sign are the charge when the body is a
// bare element or a bracketed group; otherwise ("NO3-", "NH4+") they are a count and the sign
// alone is the charge. "SO4^2-" or "SO4 2-" make the charge explicit; "SO42-" is refused.
function splitCharge(text: string, input: string): { body: string; charge: number } {
  const explicit = /(\^|\s+)(\d*)([+-]+)$|\^([+-])(\d+)$/.exec(text);
  if (explicit) {
    const [, , digits = '', signs, sign2, digits2] = explicit;
    const charge = sign2 ? signed(sign2, Number(digits2)) : chargeOf(digits, signs!);
    return { body: text.slice(0, explicit.index), charge };
  }
  const signAfterDigits = /([+-])(\d+)$/.exec(text);
  if (signAfterDigits && /[A-Za-z)\]}]$/.test(text.slice(0, signAfterDigits.index))) {
    return { body: text.slice(0, signAfterDigits.index), charge: signed(signAfterDigits[1]!, Number(signAfterDigits[2])) };
  }
  const m = /(\d*)([+-]+)$/.exec(text);
  if (!m) return { body: text, charge: 0 };
  const [, digits = '', signs = ''] = m;
  const before = text.slice(0, m.index);
  if (digits === '' || signs.length > 1) return { body: text.slice(0, m.index + digits.length), charge: chargeOf('', signs) };
  if (/^[A-Z][a-z]?$/.test(before.trim()) || /[\]}]$/.test(before)) return { body: before, charge: chargeOf(digits, signs) };
  if (digits.length > 1) {
    throw new FormulaError(`ambiguous charge '${digits}${signs}' at position ${m.index}: write it as '^${digits.slice(-1)}${signs}' or with a space`, input, m.index, digits + signs);
  }
  return { body: text.slice(0, m.index + digits.length), charge: chargeOf('', signs) };
}

function chargeOf(digits: string, signs: string): number {
  const magnitude = digits === '' ? signs.length : Number(digits) * signs.length;
  return signed(signs[0]!, magnitude);
}

function signed(sign: string, magnitude: number): number {
  return sign === '-' ? -magnitude : magnitude;
}

interface Segment { start: number; end: number; first: boolean }

// '·', '•', '∙', '*' always separate hydrate parts; '.' does too unless it is a decimal point (digit on
// both sides), except "CuSO4.5H2O", where a number followed by H2O/NH3 is read as a hydrate.
function splitHydrate(body: string): Segment[] {
  const segments: Segment[] = [];
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch !== '.' && !HYDRATE_DOTS.has(ch)) continue;
    if (ch === '.' && /\d/.test(body[i - 1] ?? '') && /\d/.test(body[i + 1] ?? '') && !/^\.\d+(?:\.\d+)?\s*(?:H2O|NH3)/.test(body.slice(i))) continue;
    segments.push({ start, end: i, first: segments.length === 0 });
    start = i + 1;
    // The hydrate's multiplier may itself have a decimal point (CaSO4·0.5H2O): step over it.
    i += /^\s*(\d+(?:\.\d+)?)?/.exec(body.slice(i + 1))![0].length;
  }
  segments.push({ start, end: body.length, first: segments.length === 0 });
  return segments;
}

class Reader {
  constructor(
    private readonly s: string,
    public pos: number,
    private readonly end: number,
    private readonly input: string,
  ) {}

  atEnd(): boolean {
    this.skipSpaces();
    return this.pos >= this.end;
  }

  skipSpaces(): void {
    while (this.pos < this.end && /\s/.test(this.s[this.pos]!)) this.pos++;
  }

  // Amounts: 2, 0.75, or a fraction such as 1/3 (LiNi1/3Mn1/3Co1/3O2).
  readNumber(): number | undefined {
    const m = /^(\d+(?:\.\d+)?)(?:\/(\d+))?/.exec(this.s.slice(this.pos, this.end));
    if (!m) return undefined;
    const value = m[2] === undefined ? Number(m[1]) : Number(m[1]) / Number(m[2]);
    if (value === 0 || !Number.isFinite(value)) throw new FormulaError(`invalid amount '${m[0]}' at position ${this.pos}`, this.input, this.pos, m[0]);
    this.pos += m[0].length;
    return value;
  }

  readSequence(closer?: string, openedAt?: number): Map<string, number> {
    const counts = new Map<string, number>();
    const add = (el: string, n: number) => counts.set(el, round((counts.get(el) ?? 0) + n));
    while (!this.atEnd()) {
      const ch = this.s[this.pos]!;
      const at = this.pos;
      if (ch in OPENERS) {
        this.pos++;
        const inner = this.readSequence(OPENERS[ch], at);
        if (inner.size === 0) throw new FormulaError(`empty group at position ${at}`, this.input, at, ch);
        const n = this.readNumber() ?? 1;
        for (const [el, c] of inner) add(el, c * n);
      } else if (ch === ')' || ch === ']' || ch === '}') {
        if (!closer) throw new FormulaError(`unmatched '${ch}' at position ${at}`, this.input, at, ch);
        if (ch !== closer) {
          throw new FormulaError(`'${ch}' at position ${at} does not close '${this.s[openedAt!]}' opened at position ${openedAt}`, this.input, at, ch);
        }
        this.pos++;
        return counts;
      } else if (/[A-Z]/.test(ch)) {
        const symbol = /^[A-Z][a-z]?/.exec(this.s.slice(at, this.end))![0];
        if (!isElementSymbol(symbol)) throw new FormulaError(`unknown element '${symbol}' at position ${at}`, this.input, at, symbol);
        this.pos += symbol.length;
        add(symbol, this.readNumber() ?? 1);
      } else if (/[a-z]/.test(ch)) {
        throw new FormulaError(`unexpected '${ch}' at position ${at}: element symbols start with a capital letter`, this.input, at, ch);
      } else if (/\d/.test(ch)) {
        throw new FormulaError(`unexpected number at position ${at}: a count must follow an element or a group`, this.input, at, ch);
      } else {
        throw new FormulaError(`unexpected character '${ch}' at position ${at}`, this.input, at, ch);
      }
    }
    if (closer) throw new FormulaError(`unclosed '${this.s[openedAt!]}' opened at position ${openedAt}`, this.input, openedAt!, this.s[openedAt!]);
    return counts;
  }
}

function round(x: number): number {
  return Math.round(x * 1e9) / 1e9;
}
