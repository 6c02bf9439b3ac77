import { toGlobalId } from './global-id';

/** The type and key an id was made of, as a client that knows the scheme would read them. */
function decoded(id: string): string {
  return Buffer.from(id, 'base64url').toString('utf8');
}

describe('global ids', () => {
  it('are url-safe base64 of the type and key they were made of', () => {
    const key = '2f1c6b1e-8d3a-4c9e-9a51-0c3e2b7f4d10';
    const id = toGlobalId('ShelterAvailability', key);
    expect(id).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decoded(id)).toBe(`ShelterAvailability:${key}`);
  });

  it('differ between types of the same key, and from the key itself', () => {
    const key = '2f1c6b1e-8d3a-4c9e-9a51-0c3e2b7f4d10';
    expect(toGlobalId('ShelterAvailability', key)).not.toBe(toGlobalId('Shelter', key));
    expect(toGlobalId('ShelterAvailability', key)).not.toBe(key);
  });

  it('are the same for the same object every time', () => {
    expect(toGlobalId('ShelterAvailability', 'x')).toBe(toGlobalId('ShelterAvailability', 'x'));
  });
});
