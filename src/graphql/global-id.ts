/**
 * Ids of objects that are not rows of their own (e.g. a shelter's availability): the type's name
 * and the key it is derived from, base64url-encoded like Relay's global ids, so that no two types
 * share an id (clients that normalise by `id` alone, such as Relay, need that) and the id stays
 * the same for the same object. Clients treat it as opaque.
 */
export function toGlobalId(type: string, key: string): string {
  return Buffer.from(`${type}:${key}`, 'utf8').toString('base64url');
}

/** The type and key of an id made by toGlobalId; null for any other text. */
export function fromGlobalId(id: string): { type: string; key: string } | null {
  if (!/^[A-Za-z0-9_-]+$/.test(id)) return null;
  const text = Buffer.from(id, 'base64url').toString('utf8');
  const colon = text.indexOf(':');
  if (colon <= 0 || toGlobalId(text.slice(0, colon), text.slice(colon + 1)) !== id) return null;
  return { type: text.slice(0, colon), key: text.slice(colon + 1) };
}
