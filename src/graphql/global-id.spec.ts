import { fromGlobalId, toGlobalId } from './global-id';

describe('global ids', () => {
  it('are read back as the type and key they were made of', () => {
    const key = '2f1c6b1e-8d3a-4c9e-9a51-0c3e2b7f4d10';
    const id = toGlobalId('ShelterAvailability', key);
    expect(id).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(fromGlobalId(id)).toEqual({ type: 'ShelterAvailability', key });
  });

  it('differ between types of the same key, and from the key itself', () => {
    const key = '2f1c6b1e-8d3a-4c9e-9a51-0c3e2b7f4d10';
    expect(toGlobalId('ShelterAvailability', key)).not.toBe(toGlobalId('Shelter', key));
    expect(toGlobalId('ShelterAvailability', key)).not.toBe(key);
  });

  it('are null for other text: a bare uuid, padding, no type', () => {
    expect(fromGlobalId('2f1c6b1e-8d3a-4c9e-9a51-0c3e2b7f4d10')).toBeNull();
    expect(fromGlobalId(`${toGlobalId('A', 'b')}=`)).toBeNull();
    expect(fromGlobalId(Buffer.from(':x').toString('base64url'))).toBeNull();
    expect(fromGlobalId('')).toBeNull();
  });
});
