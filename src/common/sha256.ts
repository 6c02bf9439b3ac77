import { createHash } from 'node:crypto';

/** SHA-256 of a high-entropy secret (refresh token, API key) as hex: what is stored of it. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
