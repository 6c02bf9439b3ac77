/**
 * Ids of objects that are not rows of their own (e.g. a shelter's availability): the type's name
 * and the key it is derived from, base64url-encoded like Relay's global ids, so that no two types
 * share an id (clients that normalise by `id` alone, such as Relay, need that) and the id stays
 * the same for the same object. Clients treat it as opaque.
 */
export function toGlobalId(type: string, key: string): string {
  return Buffer.from(`${type}:${key}`, 'utf8').toString('base64url');
}
