import { luhnValid } from './luhn';

/**
 * Finds Swedish personal identity numbers (personnummer, and samordningsnummer whose day is +60)
 * in free text: YYMMDD-NNNN, YYMMDD+NNNN, YYYYMMDD-NNNN, YYYYMMDDNNNN and YYMMDDNNNN. A match must
 * be a possible date. Written in the forms the issue names (with a separator, or with the century)
 * it is refused even with a wrong check digit: a mistyped number still points at a person. Ten bare
 * digits could be a phone number, so only those need a valid Luhn check digit.
 */
const CANDIDATE = /(?<!\d)(?:(?:19|20)(\d{2})|(\d{2}))(\d{2})(\d{2})([-+\s]?)(\d{3})(\d)(?!\d)/g;

function plausibleDate(month: number, day: number): boolean {
  const realDay = day > 60 ? day - 60 : day; // samordningsnummer
  return month >= 1 && month <= 12 && realDay >= 1 && realDay <= 31;
}

/** Any other separator people type between the date and the serial (`/`, `.`, `_`, two spaces). */
const LOOSE_SEPARATOR = /(?<=\d)[\s/._:#\u2010-\u2015-]{1,3}(?=\d)/g;

function candidates(text: string): RegExpMatchArray[] {
  // With every separator written as `-`: whatever the plain text matches, this matches too.
  return [...text.replace(LOOSE_SEPARATOR, '-').matchAll(CANDIDATE)];
}

export function containsPersonalIdentityNumber(text: string): boolean {
  for (const match of candidates(text)) {
    const [, longYear, shortYear, month, day, separator, serial, check] = match;
    const year = longYear ?? shortYear;
    if (!plausibleDate(Number(month), Number(day))) continue;
    const unambiguous = longYear !== undefined || separator === '-' || separator === '+';
    if (unambiguous || luhnValid(`${year}${month}${day}${serial}${check}`)) return true;
  }
  return false;
}

/**
 * Stricter, for fields that have no business holding a date-shaped ten- or twelve-digit number at
 * all (a pseudonymous case reference): any possible date followed by four digits counts, whatever
 * its check digit, and whatever separates its digits (`81-12-18-9876`, `811218/9876`).
 */
export function looksLikePersonalIdentityNumber(text: string): boolean {
  const joined = text.replace(/(?<=\d)[^\p{L}\p{N}]+(?=\d)/gu, '');
  for (const match of [...candidates(text), ...joined.matchAll(CANDIDATE)]) {
    if (plausibleDate(Number(match[3]), Number(match[4]))) return true;
  }
  return false;
}
