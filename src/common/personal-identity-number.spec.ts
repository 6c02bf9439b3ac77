import fc from 'fast-check';
import { luhnCheckDigit, luhnValid } from './luhn';
import {
  containsPersonalIdentityNumber,
  looksLikePersonalIdentityNumber,
  normaliseForDetection,
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
    ['a zero-width space inside', '8112\u200b18-9876'],
    ['a soft hyphen inside', 'Hon heter 811218\u00ad9876.'],
    ['a word joiner and a BOM', '81\u206012\ufeff18-9876'],
    ['a right-to-left override', '\u202e811218-9876\u202c'],
    ['zero-width characters between every digit', [...'8112189876'].join('\u200b')],
    ['fullwidth digits', '８１１２１８－９８７６'],
    ['Arabic-Indic digits', 'رقم ٨١١٢١٨-٩٨٧٦'],
    ['Extended Arabic-Indic digits', '۸۱۱۲۱۸۹۸۷۶'],
    ['Devanagari digits', '१९८११२१८-९८७६'],
    ['mathematical digits', '𝟖𝟏𝟏𝟐𝟏𝟖-𝟗𝟖𝟕𝟔'],
    ['mixed scripts', '8١1٢18-９8७6'],
    ['spaced-out digits', 'Hon heter 8 1 1 2 1 8 - 9 8 7 6 och bor här'],
    ['pairs', '19 81 12 18 98 76'],
    ['odd groups', 'nummer 81121 89876'],
    ['dots between pairs', '81.12.18.98.76'],
    ['a line break', 'nr 811218\n9876'],
    ['a non-breaking space', '811218\u00a09876'],
    ['a minus sign', '811218\u22129876'],
    ['a samordningsnummer with a soft hyphen', '7010\u00ad63-2391'],
    ['after a phone number', 'Ring 070-123 45 67, 811218-9876'],
    ['after a date', 'Den 2026-11-27 mötte vi 811218 9876.'],
  ])('finds one written with %s', (_disguise, text) => {
    expect(containsPersonalIdentityNumber(text)).toBe(true);
  });

  it.each([
    'Vi mötte 12 unga och 3 vuxna, lugnt vid Kronogårdstorget.',
    'Ring 0701234567 om något händer',
    'Tel 070-123 45 67',
    '8112189875 (tio siffror utan giltig kontrollsiffra: kan vara ett telefonnummer)',
    '811318-9876 (månad 13)',
    '810230-9876 (30 februari)',
    '810229-9876 (29 februari 1981)',
    'Klockan 21:00–01:00, 2026-11-27',
    'Ordernummer 1234567890123',
    'Tel 070/123 45 67',
    'Klockan 21.00–01.00 den 27.11.2026',
    'Vi gick 2026-11-27 kl 21:00, 12 unga',
    'Organisationsnummer 802456-7890',
    'Kommunen 212000-1355',
    '16802456-7890',
    '+46 70 123 45 67',
    '0520-49 70 00',
    '12 500 kr, 1 250 000,50 kr',
    '461 30 Trollhättan',
    // Dates and times whose digits, read together, would pass the Luhn check.
    'Stängt 2026-11-29 – 2026-11-30',
    'Stängt 2026-11-29–2026-11-30 kl. 18.00',
    '15/01/2026 – 16/01/2026',
    'Samling 2026-11-27 18.30 vid torget',
    'Samling 2026-11-27 22.00–01.00',
    '８１１３１８－９８７６ (month 13, fullwidth)',
    // A UUID whose digits, read together, would pass (49-1005-4925: 491005-4925).
    'Post f336cc49-1005-4925-8312-9065abc23044 ändrad',
  ])('does not flag %p', (text) => {
    expect(containsPersonalIdentityNumber(text)).toBe(false);
  });

  it('reads text the way the detector does: NFKC, nothing invisible, ASCII digits', () => {
    expect(normaliseForDetection('８\u200b1\u00ad٢\u202e۳ \t\n x')).toBe('8123 x');
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
    'IFO ８１１２１８９８７５',
    'IFO ٨١١٢١٨٩٨٧٥',
    'IFO 8112\u200b189875',
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

// --- Property-based tests -------------------------------------------------------------------

const pad = (value: number, length = 2) => String(value).padStart(length, '0');

/** Digits 0–9 in other scripts: fullwidth, Arabic-Indic, Extended Arabic-Indic, Devanagari, Bengali, Thai, mathematical bold. */
const DIGIT_ZEROS = [0xff10, 0x0660, 0x06f0, 0x0966, 0x09e6, 0x0e50, 0x1d7ce];
const INVISIBLES = [
  '\u200b', // zero-width space
  '\u200c', // zero-width non-joiner
  '\u200d', // zero-width joiner
  '\u00ad', // soft hyphen
  '\u2060', // word joiner
  '\ufeff', // byte order mark
  '\u202e', // right-to-left override
  '\u2066', // left-to-right isolate
  '\u200e', // left-to-right mark
];

/** A text with some of its ASCII digits written in other scripts (each digit its own choice). */
const withForeignDigits = (text: string): fc.Arbitrary<string> =>
  fc
    .array(fc.option(fc.constantFrom(...DIGIT_ZEROS), { nil: undefined }), {
      minLength: text.length,
      maxLength: text.length,
    })
    .map((scripts) =>
      [...text]
        .map((character, index) => {
          const zero = scripts[index];
          return zero !== undefined && /[0-9]/.test(character)
            ? String.fromCodePoint(zero + Number(character))
            : character;
        })
        .join(''),
    );

/** A text with invisible characters slipped in between some of its characters. */
const withInvisibles = (text: string): fc.Arbitrary<string> =>
  fc
    .array(fc.option(fc.constantFrom(...INVISIBLES), { nil: '' }), {
      minLength: text.length,
      maxLength: text.length,
    })
    .map((inserts) =>
      [...text].map((character, index) => `${character}${inserts[index] ?? ''}`).join(''),
    );

/** Every disguise, or none: foreign digits, then invisible characters. */
const disguised = (text: string): fc.Arbitrary<string> =>
  fc
    .tuple(fc.boolean(), fc.boolean())
    .chain(([foreign, invisible]) =>
      (foreign ? withForeignDigits(text) : fc.constant(text)).chain((digits) =>
        invisible ? withInvisibles(digits) : fc.constant(digits),
      ),
    );

interface IdentityNumber {
  century: string;
  yymmdd: string;
  serial: string;
}

/** A real personnummer or samordningsnummer: an existing date (born 1900–2026), Luhn-checked. */
const identityNumber: fc.Arbitrary<IdentityNumber> = fc
  .tuple(
    fc.date({
      min: new Date('1900-01-01T00:00:00Z'),
      max: new Date('2026-11-30T00:00:00Z'),
      noInvalidDate: true,
    }),
    fc.boolean(),
    fc.integer({ min: 0, max: 999 }),
  )
  .map(([born, coordination, serialNumber]) => {
    const day = born.getUTCDate() + (coordination ? 60 : 0);
    const yymmdd = `${pad(born.getUTCFullYear() % 100)}${pad(born.getUTCMonth() + 1)}${pad(day)}`;
    const nine = `${yymmdd}${pad(serialNumber, 3)}`;
    return {
      century: String(born.getUTCFullYear()).slice(0, 2),
      yymmdd,
      serial: `${pad(serialNumber, 3)}${luhnCheckDigit(nine)}`,
    };
  });

/** How people write one: the usual forms, or the digits cut anywhere with one kind of separator. */
const written = (number: IdentityNumber): fc.Arbitrary<string> => {
  const ten = `${number.yymmdd}${number.serial}`;
  const twelve = `${number.century}${ten}`;
  const usual = fc.constantFrom(
    `${number.yymmdd}-${number.serial}`,
    `${number.yymmdd}+${number.serial}`,
    ten,
    `${number.century}${number.yymmdd}-${number.serial}`,
    twelve,
    `${number.yymmdd} ${number.serial}`,
  );
  const cut = fc
    .tuple(
      fc.constantFrom(ten, twelve),
      fc.constantFrom(' ', '-', '.', '/', ' - ', ' – ', '  ', '_'),
      fc.array(fc.boolean(), { minLength: 11, maxLength: 11 }),
    )
    .map(([digits, separator, cuts]) =>
      [...digits]
        .map((digit, index) => (index > 0 && cuts[index - 1] ? `${separator}${digit}` : digit))
        .join(''),
    );
  const spacedOut = fc.constantFrom(ten, twelve).map((digits) => [...digits].join(' '));
  return fc.oneof(usual, cut, spacedOut);
};

const SWEDISH_BEFORE = [
  '',
  'Vi mötte en tjej med personnummer ',
  'Hon sa att hon heter ',
  'Ring soc om ',
  'Pojken (',
  'Anmälan gäller ',
  'Bokat av ',
];
const SWEDISH_AFTER = ['', ' vid torget.', ') var ensam.', ', ring henne.', '.', ' – följ upp!'];

describe('properties: a personal identity number is found in every disguise', () => {
  it('finds a valid number however it is written and disguised, in a Swedish sentence', () => {
    fc.assert(
      fc.property(
        identityNumber
          .chain(written)
          .chain(disguised)
          .chain((number) =>
            fc
              .tuple(fc.constantFrom(...SWEDISH_BEFORE), fc.constantFrom(...SWEDISH_AFTER))
              .map(([before, after]) => `${before}${number}${after}`),
          ),
        (text) => {
          expect(containsPersonalIdentityNumber(text)).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('counts a case reference holding one, whatever its check digit', () => {
    fc.assert(
      fc.property(
        identityNumber,
        fc.integer({ min: 0, max: 9 }),
        fc.constantFrom('', 'IFO ', 'SoT-'),
        (number, check, prefix) => {
          const reference = `${prefix}${number.yymmdd}${number.serial.slice(0, 3)}${check}`;
          expect(looksLikePersonalIdentityNumber(reference)).toBe(true);
        },
      ),
    );
  });
});

// Ordinary Swedish text: none of it is a personal identity number.

const dateOf = fc
  .date({
    min: new Date('2000-01-01T00:00:00Z'),
    max: new Date('2035-12-31T00:00:00Z'),
    noInvalidDate: true,
  })
  .map((date) => ({
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
  }));
const hour = fc.integer({ min: 0, max: 23 });
const minute = fc.constantFrom(0, 15, 30, 45, 5);

const iso = ({ year, month, day }: { year: number; month: number; day: number }) =>
  `${year}-${pad(month)}-${pad(day)}`;

const dates = fc.oneof(
  dateOf.map(iso),
  dateOf.map(({ month, day }) => `${day}/${month}`),
  fc
    .tuple(dateOf, hour, minute)
    .map(([{ month, day }, h, m]) => `${day}/${month} kl. ${pad(h)}.${pad(m)}`),
  dateOf.map(({ year, month, day }) => `${pad(day)}.${pad(month)}.${year}`),
  dateOf.map(({ year, month, day }) => `${day}/${month}/${year}`),
  fc.tuple(dateOf, dateOf).map(([a, b]) => `${iso(a)} – ${iso(b)}`),
  fc.tuple(dateOf, dateOf).map(([a, b]) => `${iso(a)}–${iso(b)}`),
  fc
    .tuple(dateOf, dateOf)
    .map(([a, b]) => `${a.day}/${a.month}/${a.year} - ${b.day}/${b.month}/${b.year}`),
  fc.tuple(dateOf, hour, minute).map(([date, h, m]) => `${iso(date)} ${pad(h)}.${pad(m)}`),
  fc
    .tuple(dateOf, hour, minute, hour, minute)
    .map(([date, h1, m1, h2, m2]) => `${iso(date)} ${pad(h1)}.${pad(m1)}–${pad(h2)}.${pad(m2)}`),
  fc.tuple(hour, minute).map(([h, m]) => `kl. ${pad(h)}:${pad(m)}`),
);

/** Digits of a phone number: a mobile (07x), or a landline with a two- to four-digit area code. */
const digitsOf = (length: number) =>
  fc
    .array(fc.integer({ min: 0, max: 9 }), { minLength: length, maxLength: length })
    .map((d) => d.join(''));

/** What a careful reader would also take for a personnummer: ten digits, a date and a check digit. */
function isValidTenDigitNumber(digits: string): boolean {
  if (digits.length !== 10 || !luhnValid(digits)) return false;
  const month = Number(digits.slice(2, 4));
  const day = Number(digits.slice(4, 6)) % 60 || 60;
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

const phoneNumbers = fc
  .oneof(
    digitsOf(8).map((d) => `07${d[0]}-${d.slice(1, 4)} ${d.slice(4, 6)} ${d.slice(6)}`),
    digitsOf(8).map((d) => `+46 7${d[0]} ${d.slice(1, 4)} ${d.slice(4, 6)} ${d.slice(6)}`),
    digitsOf(8).map((d) => `+467${d}`),
    digitsOf(8).map((d) => `07${d}`),
    digitsOf(6).map((d) => `0520-${d.slice(0, 2)} ${d.slice(2, 4)} ${d.slice(4)}`),
    digitsOf(7).map((d) => `08-${d.slice(0, 3)} ${d.slice(3, 5)} ${d.slice(5)}`),
    digitsOf(6).map((d) => `031-${d.slice(0, 2)} ${d.slice(2, 4)} ${d.slice(4)}`),
  )
  // A phone number that is also a valid ten-digit personnummer is detected: the accepted cost.
  .filter((phone) => !isValidTenDigitNumber(phone.replace(/\D/g, '')));

const thousands = (value: number) => String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
const amounts = fc.oneof(
  fc.integer({ min: 1, max: 99_999_999 }).map((kr) => `${thousands(kr)} kr`),
  fc
    .tuple(fc.integer({ min: 1, max: 99_999_999 }), fc.integer({ min: 0, max: 99 }))
    .map(([kr, ore]) => `${thousands(kr)},${pad(ore)} kr`),
  fc.integer({ min: 1, max: 9_999_999 }).map((kr) => `${kr}:-`),
);

/** Organisationsnummer: the third digit is 2 or more (never a month), with a Luhn check digit. */
const organisationNumbers = fc
  .tuple(
    fc.integer({ min: 1, max: 9 }),
    fc.integer({ min: 0, max: 9 }),
    fc.integer({ min: 2, max: 9 }),
    digitsOf(6),
    fc.boolean(),
  )
  .map(([a, b, c, rest, long]) => {
    const nine = `${a}${b}${c}${rest}`;
    const number = `${nine.slice(0, 6)}-${nine.slice(6)}${luhnCheckDigit(nine)}`;
    return long ? `org.nr 16${number}` : `org.nr ${number}`;
  });

const postcodes = fc
  .tuple(fc.integer({ min: 100, max: 989 }), fc.integer({ min: 0, max: 99 }))
  .map(([a, b]) => `${a} ${pad(b)} Trollhättan`);
const years = fc.integer({ min: 1990, max: 2040 }).map((year) => `år ${year}`);
const counts = fc
  .tuple(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 50 }))
  .map(([young, adults]) => `${young} unga och ${adults} vuxna`);

/** Ids as they appear in links and messages: UUIDs, whose digit runs are random. */
const ids = fc.oneof(
  fc.uuid(),
  fc.uuid().map((id) => `https://samverkan.example/bokningar/${id}`),
);

const FILLERS = [' och ', ', ', '. Sedan ', ' – ring ', '; ', ' eller ', '. Vi ses ', ' vid '];

const ordinaryText = fc
  .array(
    fc.oneof(dates, phoneNumbers, amounts, organisationNumbers, postcodes, years, counts, ids),
    {
      minLength: 1,
      maxLength: 6,
    },
  )
  .chain((parts) =>
    fc
      .array(fc.constantFrom(...FILLERS), {
        minLength: parts.length,
        maxLength: parts.length,
      })
      .map((fillers) =>
        parts.map((part, index) => (index === 0 ? part : `${fillers[index]}${part}`)).join(''),
      ),
  )
  .chain(disguised);

describe('properties: ordinary Swedish text passes', () => {
  it('does not flag dates, times, phone numbers, amounts, organisation numbers, postcodes, years or ids', () => {
    fc.assert(
      fc.property(ordinaryText, (text) => {
        expect(containsPersonalIdentityNumber(text)).toBe(false);
      }),
      { numRuns: 3000 },
    );
  });
});
