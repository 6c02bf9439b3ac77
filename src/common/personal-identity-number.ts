import { luhnValid } from './luhn';

/**
 * Finds Swedish personal identity numbers (personnummer, and samordningsnummer whose day is +60) in
 * free text, however they are disguised.
 *
 * The text is normalised first: NFKC (fullwidth and other compatibility digits and punctuation
 * become plain ones), every character that does not show is dropped (format characters such as the
 * zero-width space, soft hyphen, word joiner, byte order mark and the bidi controls; other default
 * ignorables, combining marks and control characters), and every Unicode decimal digit (Arabic-Indic,
 * Devanagari, …) becomes its ASCII digit.
 *
 * Digits are then read in chains: digits with at most a few separators between them (spaces,
 * hyphens and dashes, dots, slashes, plus, underscore), so `8 1 1 2 1 8 - 9 8 7 6` is one chain. Any
 * run of whole groups of a chain that holds 10 or 12 digits is a candidate: YYMMDDNNNN or
 * YYYYMMDDNNNN (century 19 or 20), whose date must exist (day + 60 for a samordningsnummer), and
 * whose last ten digits must pass the Luhn check. Written the way a personnummer is written —
 * `YYMMDD-NNNN`, `YYMMDD+NNNN`, `YYYYMMDD-NNNN` (with any separator but a space) or `YYYYMMDDNNNN` —
 * it counts even with a wrong check digit: a mistyped number still points at a person.
 *
 * Ordinary text keeps passing: phone numbers (`070-123 45 67` is ten digits, but rarely a date with a
 * valid check digit), amounts, postcodes, organisationsnummer (their third digit is 2 or more, so
 * never a month), and dates and times, which are recognised as such: a candidate never cuts one,
 * holds a time, or holds two dates (`2026-11-29 – 2026-11-30`, `2026-11-27 18.30`); UUIDs are not
 * read at all. A ten-digit number with a possible date and a valid check digit is detected
 * whatever it was meant to be: that is the accepted cost.
 */

/** Separators tolerated between the digits of one number (after NFKC). */
const SEPARATOR_CLASS = String.raw`\s\p{Pd}\u2212./\\+_\u00b7`;
const CHAIN = new RegExp(String.raw`\d(?:[${SEPARATOR_CLASS}]{1,3}\d|\d)*`, 'gu');
const SEPARATOR_RUN = new RegExp(`[${SEPARATOR_CLASS}]+`, 'gu');
/** For case references: anything but a letter or digit separates (`81-12-18#9876`). */
const LOOSE_CHAIN = /\d(?:[^\p{L}\p{N}]{1,3}\d|\d)*/gu;
const LOOSE_SEPARATOR_RUN = /[^\p{L}\p{N}]+/gu;

/** What does not show: format characters, other default ignorables, combining marks, controls. */
const INVISIBLE = /[\p{Cf}\p{Default_Ignorable_Code_Point}\p{M}]|(?![\t\n\v\f\r])\p{Cc}/gu;
const DECIMAL_DIGIT = /\p{Nd}/u;
const NOT_DIGIT = /\D/g;
/** Text that NFKC and the other steps leave as it is (but for runs of spaces). */
const PRINTABLE_ASCII = /^[ -~]*$/;
const NON_ASCII_DIGIT = /(?![0-9])\p{Nd}/gu;

const zeroOf = new Map<number, number>();

/**
 * The value of a Unicode decimal digit. Unicode encodes decimal digits in contiguous runs of ten,
 * 0 to 9, so the value is the distance from the start of its run, modulo ten.
 */
function digitValue(digit: string): number {
  const code = digit.codePointAt(0)!;
  let zero = zeroOf.get(code);
  if (zero === undefined) {
    zero = code;
    while (DECIMAL_DIGIT.test(String.fromCodePoint(zero - 1))) zero -= 1;
    zeroOf.set(code, zero);
  }
  return (code - zero) % 10;
}

/**
 * The text as the detector reads it: NFKC, invisible characters dropped, every decimal digit in
 * ASCII, runs of white space as one space.
 */
export function normaliseForDetection(text: string): string {
  if (PRINTABLE_ASCII.test(text)) return text.replace(/ {2,}/g, ' ');
  return text
    .normalize('NFKC')
    .replace(INVISIBLE, '')
    .replace(NON_ASCII_DIGIT, (digit) => String(digitValue(digit)))
    .replace(/\s+/g, ' ');
}

/**
 * A UUID (the platform's ids, in links and log lines): random hex whose digit runs would otherwise
 * now and then read as a number with a valid check digit.
 */
const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-8][0-9a-f]{3}-[089ab][0-9a-f]{3}-[0-9a-f]{12}\b/gi;

/** The normalised text with UUIDs blanked out. */
function readable(text: string): string {
  return normaliseForDetection(text).replace(UUID, ' ');
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Whether the date exists; `year` is four digits, or two (either century: 29 February needs a year
 * divisible by four). A day above 60 is a samordningsnummer's.
 */
function existingDate(year: number, twoDigitYear: boolean, month: number, day: number): boolean {
  const realDay = day > 60 ? day - 60 : day;
  if (month < 1 || month > 12 || realDay < 1) return false;
  if (month === 2 && realDay === 29) return twoDigitYear ? year % 4 === 0 : isLeapYear(year);
  return realDay <= DAYS_IN_MONTH[month - 1];
}

/** Whether 10 or 12 digits start with a date of birth: YYMMDD, or YYYYMMDD of 19xx or 20xx. */
function startsWithBirthDate(digits: string): boolean {
  if (digits.length === 12) {
    const century = digits.slice(0, 2);
    if (century !== '19' && century !== '20') return false;
    return existingDate(
      Number(digits.slice(0, 4)),
      false,
      Number(digits.slice(4, 6)),
      Number(digits.slice(6, 8)),
    );
  }
  return (
    digits.length === 10 &&
    existingDate(
      Number(digits.slice(0, 2)),
      true,
      Number(digits.slice(2, 4)),
      Number(digits.slice(4, 6)),
    )
  );
}

/** A chain of digit groups and the separators between them (`separators[i]` follows `groups[i]`). */
interface Chain {
  groups: string[];
  separators: string[];
}

/** The chains of a text that hold at least ten digits (the others cannot hold a number). */
function* chainsOf(text: string, chain: RegExp, separator: RegExp): Generator<Chain> {
  for (const [match] of text.matchAll(chain)) {
    if (match.length < 10 || match.replace(NOT_DIGIT, '').length < 10) continue;
    yield { groups: match.split(separator), separators: match.match(separator) ?? [] };
  }
}

const DATE_SEPARATORS = new Set(['-', '/', '.']);

/** A date or time of ordinary text, found among the groups of a chain. */
interface Token {
  kind: 'date' | 'time';
  first: number;
  last: number;
}

/**
 * The dates (`2026-11-27`, `27/11/2026`, `27.11.2026`) and times (`21.00`) among the groups of a
 * chain, by group: `tokens[i]` is the one group `i` belongs to, if any.
 */
function tokensOf({ groups, separators }: Chain): (Token | undefined)[] {
  const tokens: (Token | undefined)[] = groups.map(() => undefined);
  for (let index = 0; index + 2 < groups.length; index += 1) {
    const [a, b, c] = groups.slice(index, index + 3);
    const separator = separators[index];
    if (!DATE_SEPARATORS.has(separator) || separators[index + 1] !== separator) continue;
    const yearFirst = a.length === 4 && b.length <= 2 && c.length <= 2;
    const dayFirst = a.length <= 2 && b.length <= 2 && c.length === 4;
    const [year, month, day] = yearFirst ? [a, b, c] : dayFirst ? [c, b, a] : [];
    if (!year || !/^(19|20)/.test(year)) continue;
    if (!existingDate(Number(year), false, Number(month), Number(day))) continue;
    const token: Token = {
      kind: 'date',
      first: index,
      last: index + 2,
    };
    tokens.fill(token, index, index + 3);
    index += 2;
  }
  for (let index = 0; index + 1 < groups.length; index += 1) {
    const [hours, minutes] = [groups[index], groups[index + 1]];
    const before = index > 0 ? separators[index - 1] : ' ';
    const after = index + 1 < separators.length ? separators[index + 1] : ' ';
    const time =
      separators[index] === '.' &&
      before !== '.' &&
      after !== '.' &&
      hours.length <= 2 &&
      Number(hours) <= 23 &&
      minutes.length === 2 &&
      Number(minutes) <= 59;
    if (!time || tokens[index] || tokens[index + 1]) continue;
    tokens.fill({ kind: 'time', first: index, last: index + 1 }, index, index + 2);
  }
  return tokens;
}

/**
 * Whether groups `from..to` can be a personnummer in spite of the dates and times among them: they
 * cut none, hold no time and at most one date (`1981-12-18-9876`, not `1/9/2002 - 6/4/2029`).
 */
function respectsTokens(tokens: (Token | undefined)[], from: number, to: number): boolean {
  const held = new Set<Token>();
  for (let index = from; index <= to; index += 1) {
    const token = tokens[index];
    if (!token) continue;
    if (token.first < from || token.last > to || token.kind === 'time') return false;
    held.add(token);
  }
  return held.size <= 1;
}

/** Written the way a personnummer is written: then a wrong check digit does not excuse it. */
function writtenAsIdentityNumber(groups: string[], separators: string[]): boolean {
  if (groups.length === 1) return groups[0].length === 12;
  if (groups.length !== 2 || separators[0] === ' ') return false;
  return (groups[0].length === 6 || groups[0].length === 8) && groups[1].length === 4;
}

/** Every run of whole groups of a chain that holds 10 or 12 digits. */
function* candidatesOf(chain: Chain): Generator<{ from: number; to: number; digits: string }> {
  for (let from = 0; from < chain.groups.length; from += 1) {
    let digits = '';
    for (let to = from; to < chain.groups.length; to += 1) {
      digits += chain.groups[to];
      if (digits.length > 12) break;
      if (digits.length === 10 || digits.length === 12) yield { from, to, digits };
    }
  }
}

export function containsPersonalIdentityNumber(text: string): boolean {
  for (const chain of chainsOf(readable(text), CHAIN, SEPARATOR_RUN)) {
    const tokens = tokensOf(chain);
    for (const { from, to, digits } of candidatesOf(chain)) {
      if (!startsWithBirthDate(digits)) continue;
      const groups = chain.groups.slice(from, to + 1);
      if (writtenAsIdentityNumber(groups, chain.separators.slice(from, to))) return true;
      if (luhnValid(digits.slice(-10)) && respectsTokens(tokens, from, to)) return true;
    }
  }
  return false;
}

/**
 * Stricter, for fields that have no business holding a date-shaped ten- or twelve-digit number at
 * all (a pseudonymous case reference): any existing date followed by four digits counts, whatever
 * its check digit, and whatever separates its digits (`81-12-18-9876`, `811218/9876`, `8112 1898 76`),
 * after the same normalisation.
 */
export function looksLikePersonalIdentityNumber(text: string): boolean {
  for (const chain of chainsOf(readable(text), LOOSE_CHAIN, LOOSE_SEPARATOR_RUN)) {
    for (const { digits } of candidatesOf(chain)) {
      if (startsWithBirthDate(digits)) return true;
    }
  }
  return false;
}
