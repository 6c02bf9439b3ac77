/** The text with `LIKE`'s wildcard characters escaped (use ESCAPE '\'). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/** `LIKE` pattern for "contains", with the wildcard characters of the text escaped (use ESCAPE '\'). */
export function containsPattern(text: string): string {
  return `%${escapeLike(text.trim().toLowerCase())}%`;
}

/** An email address as stored and compared: trimmed and lower-cased. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
