import { DateTime } from 'luxon';
import { TIME_ZONE } from '../../../common/time';
import { Locale } from '../../people';

/** How a template writes times, dates and money for people to read, in one language. */
export interface NoticeFormat {
  readonly locale: Locale;
  /** "fredag 27 november kl. 21.00" / "Friday 27 November at 21:00", Stockholm time. */
  when(instant: Date): string;
  /** "fredag 27 november kl. 21.00–23.30", or to another day's time. */
  range(start: Date, end: Date): string;
  /** "27 november 2026" / "27 November 2026" for a calendar date (YYYY-MM-DD) or an instant. */
  date(day: string | Date): string;
  /** Öre as kronor: "5 000 kr" / "SEK 5,000". */
  kronor(ore: number): string;
}

/** Whole kronor without decimals ("5 000 kr"), else with both öre digits ("12 500,50 kr"). */
function amount(language: string, ore: number): string {
  const digits = ore % 100 === 0 ? 0 : 2;
  return new Intl.NumberFormat(language, {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(ore / 100);
}

function stockholm(instant: Date, locale: Locale): DateTime {
  return DateTime.fromJSDate(instant, { zone: TIME_ZONE }).setLocale(locale);
}

function calendarDay(day: string | Date, locale: Locale): DateTime {
  return typeof day === 'string'
    ? DateTime.fromISO(day, { zone: TIME_ZONE }).setLocale(locale)
    : stockholm(day, locale);
}

const FORMATS: Record<Locale, NoticeFormat> = {
  [Locale.sv]: {
    locale: Locale.sv,
    when: (instant) => stockholm(instant, Locale.sv).toFormat("cccc d LLLL 'kl.' HH.mm"),
    range(start, end) {
      const from = stockholm(start, Locale.sv);
      const to = stockholm(end, Locale.sv);
      return from.hasSame(to, 'day')
        ? `${this.when(start)}–${to.toFormat('HH.mm')}`
        : `${this.when(start)} – ${this.when(end)}`;
    },
    date: (day) => calendarDay(day, Locale.sv).toFormat('d LLLL yyyy'),
    // Swedish groups thousands with a (no-break) space; mail and tests read a plain one.
    kronor: (ore) => `${amount('sv-SE', ore).replace(/[\u00a0\u202f]/g, ' ')} kr`,
  },
  [Locale.en]: {
    locale: Locale.en,
    when: (instant) => stockholm(instant, Locale.en).toFormat("cccc d LLLL 'at' HH:mm"),
    range(start, end) {
      const from = stockholm(start, Locale.en);
      const to = stockholm(end, Locale.en);
      return from.hasSame(to, 'day')
        ? `${this.when(start)}–${to.toFormat('HH:mm')}`
        : `${this.when(start)} – ${this.when(end)}`;
    },
    date: (day) => calendarDay(day, Locale.en).toFormat('d LLLL yyyy'),
    kronor: (ore) => `SEK ${amount('en-GB', ore)}`,
  },
};

export function noticeFormat(locale: Locale): NoticeFormat {
  return FORMATS[locale] ?? FORMATS[Locale.sv];
}
