import {
  containsPersonalIdentityNumber,
  looksLikePersonalIdentityNumber,
} from './personal-identity-number';

describe('personal identity numbers in free text', () => {
  // Skatteverket's test numbers (valid check digits).
  it.each([
    'Mötte 811218-9876 vid torget',
    'id 19811218-9876',
    'id 198112189876',
    'id 8112189876',
    '811218+9876 (över 100 år)',
    'samordningsnummer 701063-2391',
    'i slutet: 811218-9876',
    // A wrong check digit in the written forms is still someone's number, mistyped.
    '811218-9875 (fel kontrollsiffra)',
    '19811218-9875',
    // Other separators people type.
    'hon heter 811218/9876',
    'nr 811218.9876',
    '19811218_9876',
    '811218  9876',
    '811218 – 9876',
  ])('finds one in %p', (text) => {
    expect(containsPersonalIdentityNumber(text)).toBe(true);
  });

  it.each([
    'Vi mötte 12 unga och 3 vuxna, lugnt vid Kronogårdstorget.',
    'Ring 0701234567 om något händer',
    'Tel 070-123 45 67',
    '8112189875 (tio siffror utan giltig kontrollsiffra: kan vara ett telefonnummer)',
    '811318-9876 (månad 13)',
    'Klockan 21:00–01:00, 2026-11-27',
    'Ordernummer 1234567890123',
    'Tel 070/123 45 67',
    'Klockan 21.00–01.00 den 27.11.2026',
    'Vi gick 2026-11-27 kl 21:00, 12 unga',
  ])('does not flag %p', (text) => {
    expect(containsPersonalIdentityNumber(text)).toBe(false);
  });
});

describe('case references that look like a personal identity number', () => {
  it.each([
    '811218-9876',
    '8112189876',
    '8112189875',
    '19811218 9876',
    'SOC 811218-9875',
    '701063-2391',
    '811218/9876',
    '19811218_9876',
    '811218.9876',
    '81-12-18-9876',
    '811218#9876',
    'IFO 8112 1898 76',
  ])('%p looks like one (whatever the check digit or separator)', (text) => {
    expect(looksLikePersonalIdentityNumber(text)).toBe(true);
  });

  it.each(['SOC-2026-0142', 'IFO/26/318', 'Ärende 4471-B', '2026-11-30', '811318-9876'])(
    '%p does not',
    (text) => {
      expect(looksLikePersonalIdentityNumber(text)).toBe(false);
    },
  );
});
