import { luhnCheckDigit, luhnValid } from './luhn';

describe('Luhn check digit', () => {
  it('computes the Luhn digit with alternating weights 2 and 1', () => {
    expect(luhnCheckDigit('556036079')).toBe(3);
    expect(luhnCheckDigit('000000000')).toBe(0);
  });

  it('checks the last of ten digits', () => {
    expect(luhnValid('5560360793')).toBe(true);
    expect(luhnValid('5560360792')).toBe(false);
  });
});
