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

export function containsPersonalIdentityNumber(text: string): boolean {
  for (const match of text.matchAll(CANDIDATE)) {
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
 * its check digit or separator.
 */
export function looksLikePersonalIdentityNumber(text: string): boolean {
  for (const match of text.matchAll(CANDIDATE)) {
    if (plausibleDate(Number(match[3]), Number(match[4]))) return true;
  }
  return false;
}
