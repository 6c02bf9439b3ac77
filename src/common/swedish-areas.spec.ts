import { swedishArea, SWEDISH_MUNICIPALITIES_BY_COUNTY } from './swedish-areas';

describe('Swedish areas', () => {
  it('lists the 21 counties and 290 municipalities', () => {
    const counties = Object.keys(SWEDISH_MUNICIPALITIES_BY_COUNTY);
    const municipalities = Object.values(SWEDISH_MUNICIPALITIES_BY_COUNTY).flat();
    expect(counties).toHaveLength(21);
    expect(new Set(municipalities).size).toBe(290);
    expect(SWEDISH_MUNICIPALITIES_BY_COUNTY['Västra Götalands län']).toEqual(
      expect.arrayContaining(['Trollhättan', 'Vänersborg', 'Lilla Edet', 'Göteborg']),
    );
  });

  it.each([
    ['Trollhättan', 'Trollhättan'],
    ['  trollhättan ', 'Trollhättan'],
    ['ÅMÅL', 'Åmål'],
    ['örebro', 'Örebro'],
    ['upplands bro', 'Upplands-Bro'],
    ['västra götalands län', 'Västra Götalands län'],
    ['Västra Götaland', 'Västra Götalands län'],
    ['Skåne', 'Skåne län'],
    ['Dalarna', 'Dalarnas län'],
    ['Uppsala', 'Uppsala'],
  ])('spells %p as %p', (given, official) => {
    expect(swedishArea(given)).toBe(official);
  });

  it.each(['Storgatan', 'Kronogården', 'bakom ICA', 'Storgatan 12', ''])(
    'knows no area %p',
    (given) => {
      expect(swedishArea(given)).toBeNull();
    },
  );
});
