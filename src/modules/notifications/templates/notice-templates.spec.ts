import { Locale } from '../../people';
import { NotificationKind } from '../entities/notification.entity';
import { noticeFormat } from './notice-format';
import { Notice, NoticeParams } from './notice-params';
import { NOTICE_TEMPLATES, renderNotice } from './notice-templates';

const AT = new Date('2026-11-27T20:00:00Z'); // fredag 27 november 21.00 in Stockholm
const END = new Date('2026-11-27T23:30:00Z');
const walk = { startsAt: AT, meetingPoint: 'Kronogårdstorget' };
const booked = { resourceName: 'Möteslokalen', startsAt: AT, endsAt: END };

/** Facts for every kind: a kind added without an example here fails to compile. */
const EXAMPLES: { [K in NotificationKind]: NoticeParams[K] } = {
  SIGNUP_CONFIRMED: walk,
  PROMOTED_FROM_WAITLIST: walk,
  SHIFT_CANCELLED: { ...walk, reason: 'Storm' },
  SHIFT_REMINDER: walk,
  SHIFT_MESSAGE: {
    ...walk,
    organisationName: 'Nattvandrarna',
    subject: 'Samling',
    body: 'Vi ses.',
    copy: true,
  },
  WALK_UNDERSTAFFED: { ...walk, confirmed: 1, minimum: 3 },
  CREDENTIAL_EXPIRING: {
    credentialKind: 'POLICE_RECORD_CHECK',
    validUntil: '2026-12-31',
    organisationName: 'Nattvandrarna',
    holder: null,
  },
  PLACEMENT_REQUESTED: {},
  PLACEMENT_ANSWERED: { holdExpiresAt: AT },
  PLACEMENT_CONFIRMED: {},
  PLACEMENT_CANCELLED: {},
  PLACEMENT_EXPIRED: {},
  BOOKING_REQUESTED: { ...booked, occasions: 1, purpose: 'Styrelsemöte' },
  BOOKING_APPROVED: booked,
  BOOKING_REJECTED: { ...booked, reason: 'Upptaget' },
  BOOKING_CANCELLED: { ...booked, occasions: 3, reason: null },
  BOOKING_BLACKED_OUT: { ...booked, closedFrom: AT, closedTo: END, reason: 'Renovering' },
  BOOKING_EXPIRED: booked,
  BOOKING_UNANSWERED: { ...booked, occasions: 1, purpose: 'Styrelsemöte', askedAt: AT },
  APPLICATION_DECIDED: {
    programmeName: 'Föreningsbidrag',
    decision: 'PARTIALLY_APPROVED',
    awarded: 500_000,
    requested: 1_250_050,
    motivation: null,
  },
  GRANT_PAYMENT_MADE: { amount: 500_000, reference: 'VER-1' },
  FOLLOW_UP_DUE: { programmeName: 'Föreningsbidrag', dueAt: AT, overdue: false },
  FOLLOW_UP_OVERDUE: { programmeName: 'Föreningsbidrag', dueAt: AT },
  FOLLOW_UP_RETURNED: { reason: 'Bilaga saknas' },
};

function notice(kind: NotificationKind): Notice {
  return { recipientPersonId: 'p', kind, params: EXAMPLES[kind], data: {} } as Notice;
}

describe('notice templates', () => {
  it.each(Object.values(NotificationKind))('%s has a Swedish and an English text', (kind) => {
    expect(Object.keys(NOTICE_TEMPLATES[kind]).sort()).toEqual([Locale.en, Locale.sv]);
    const sv = renderNotice(notice(kind), Locale.sv);
    const en = renderNotice(notice(kind), Locale.en);
    for (const text of [sv, en]) {
      expect(text.subject.trim().length).toBeGreaterThan(3);
      expect(text.body.trim().length).toBeGreaterThan(10);
      expect(text.subject.length).toBeLessThanOrEqual(200);
    }
    expect(en.body).not.toEqual(sv.body);
    expect(en.subject).not.toEqual(sv.subject);
    // Never the machine format of an instant.
    expect(`${sv.body} ${en.body}`).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
  });

  it('writes times for people in Stockholm time, in each language', () => {
    expect(renderNotice(notice(NotificationKind.SIGNUP_CONFIRMED), Locale.sv).body).toContain(
      'fredag 27 november kl. 21.00 vid Kronogårdstorget',
    );
    expect(renderNotice(notice(NotificationKind.SIGNUP_CONFIRMED), Locale.en).body).toContain(
      'Friday 27 November at 21:00 at Kronogårdstorget',
    );
    // Summer time: 07:05 UTC is 09.05 in Stockholm.
    expect(noticeFormat(Locale.sv).when(new Date('2026-07-03T07:05:00Z'))).toBe(
      'fredag 3 juli kl. 09.05',
    );
    expect(noticeFormat(Locale.sv).range(AT, END)).toBe(
      'fredag 27 november kl. 21.00 – lördag 28 november kl. 00.30',
    );
    expect(noticeFormat(Locale.en).range(AT, new Date('2026-11-27T22:30:00Z'))).toBe(
      'Friday 27 November at 21:00–23:30',
    );
    expect(noticeFormat(Locale.en).date('2026-12-31')).toBe('31 December 2026');
    expect(noticeFormat(Locale.sv).date('2026-12-31')).toBe('31 december 2026');
  });

  it('writes amounts in kronor', () => {
    expect(noticeFormat(Locale.sv).kronor(500_000)).toBe('5 000 kr');
    expect(noticeFormat(Locale.sv).kronor(1_250_050)).toBe('12 500,50 kr');
    expect(noticeFormat(Locale.en).kronor(500_000)).toBe('SEK 5,000');
    expect(renderNotice(notice(NotificationKind.APPLICATION_DECIDED), Locale.sv).body).toBe(
      'Ansökan är delvis beviljad: 5 000 kr av sökta 12 500,50 kr.',
    );
  });

  it('names a credential holder to their admins, and not one with protected identity', () => {
    const base = EXAMPLES.CREDENTIAL_EXPIRING;
    const named = renderNotice(
      {
        ...notice(NotificationKind.CREDENTIAL_EXPIRING),
        params: { ...base, holder: { name: 'Alva' } },
      } as Notice,
      Locale.sv,
    );
    expect(named.body).toContain('för Alva i Nattvandrarna');
    const hidden = renderNotice(
      {
        ...notice(NotificationKind.CREDENTIAL_EXPIRING),
        params: { ...base, holder: { name: null } },
      } as Notice,
      Locale.en,
    );
    expect(hidden.body).toContain('a member with protected identity');
  });
});
