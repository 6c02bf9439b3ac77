import { BookableBy, ResourceKind } from '../src/modules/bookings';
import { CreateResourceInput } from '../src/modules/bookings/dto/resource.inputs';
import { OrganisationKind } from '../src/modules/organisations';
import { districtId, organisationId } from './demo-data';

/**
 * Demo shared resources and bookings. Ids start with b0c40000; bookings are placed relative to the
 * day of seeding (see bookings-seeder.ts), all starting within the coming month (at most 29 days on).
 */

const resource = (n: number) => `b0c40000-0000-4000-8000-${String(n).padStart(12, '0')}`;

export interface DemoResource extends Omit<CreateResourceInput, 'ownerOrganisationId'> {
  id: string;
  /** Adds it: a MUNICIPAL_OFFICER for the municipality's, else the owner's ORG_ADMIN. */
  createdBy: string;
  ownerOrganisationId: string | null;
}

const defaults = {
  description: '',
  bookableBy: BookableBy.ALL_VERIFIED,
  allowedKinds: [] as OrganisationKind[],
  requiresApproval: false,
  bufferMinutes: 0,
};

export const FAMILY_HOUSE = resource(1);
export const DISTRICT_OFFICE = resource(2);
export const MINIBUS = resource(3);
export const NIGHT_WALK_KIT_1 = resource(4);
export const NIGHT_WALK_KIT_2 = resource(5);

export const RESOURCES: DemoResource[] = [
  {
    ...defaults,
    id: FAMILY_HOUSE,
    createdBy: 'handlaggare@samverkan.example',
    ownerOrganisationId: null,
    name: 'Familjehuset Kronogården, stora samlingsrummet',
    kind: ResourceKind.ROOM,
    districtId: districtId('Kronogården'),
    capacity: 30,
    location: 'Familjehuset, Kronogårdstorget',
    description: 'Samlingsrum med kök, projektor och barnhörna. Nyckel i receptionen.',
    requiresApproval: true,
    bufferMinutes: 30,
    minDurationMinutes: 60,
    maxDurationMinutes: 8 * 60,
    bookingWindowDays: 90,
    weeklyQuotaHours: 8,
  },
  {
    ...defaults,
    id: DISTRICT_OFFICE,
    createdBy: 'handlaggare@samverkan.example',
    ownerOrganisationId: null,
    name: 'Stadsdelskontoret Sylte, konferensrummet',
    kind: ResourceKind.ROOM,
    districtId: districtId('Sylte'),
    capacity: 12,
    location: 'Stadsdelskontoret Sylte, plan 2',
    requiresApproval: true,
    bufferMinutes: 15,
    maxDurationMinutes: 4 * 60,
    bookingWindowDays: 60,
  },
  {
    ...defaults,
    id: MINIBUS,
    createdBy: 'anders@fritidsylte.example',
    ownerOrganisationId: organisationId('Fritidsföreningen Sylte'),
    name: 'Minibussen (8 passagerare)',
    kind: ResourceKind.VEHICLE,
    districtId: districtId('Sylte'),
    capacity: 8,
    location: 'Hämtas vid Sylte fritidsgård',
    description: 'VW Caravelle. B-körkort räcker. Tanka fullt innan återlämning.',
    bookableBy: BookableBy.LISTED_KINDS,
    allowedKinds: [
      OrganisationKind.VOLUNTARY_ASSOCIATION,
      OrganisationKind.NIGHT_WALK_GROUP,
      OrganisationKind.EU_MIGRANT_SUPPORT,
    ],
    requiresApproval: true,
    bufferMinutes: 60,
    minDurationMinutes: 2 * 60,
    maxDurationMinutes: 24 * 60,
    bookingWindowDays: 60,
    weeklyQuotaHours: 12,
  },
  ...[NIGHT_WALK_KIT_1, NIGHT_WALK_KIT_2].map((id, index) => ({
    ...defaults,
    id,
    createdBy: 'handlaggare@samverkan.example',
    ownerOrganisationId: null,
    name: `Nattvandringskit ${index + 1}`,
    kind: ResourceKind.EQUIPMENT,
    districtId: districtId('Centrum'),
    location: 'Hämtas i Medborgarhusets reception',
    description:
      'Tio reflexvästar, tio ficklampor, två laddade mobiltelefoner och en första hjälpen-väska.',
    bookableBy: BookableBy.LISTED_KINDS,
    allowedKinds: [OrganisationKind.NIGHT_WALK_GROUP],
    bookingWindowDays: 30,
  })),
];

/** When a demo booking is, counted from the day of seeding in Stockholm time. */
export interface DemoWhen {
  /** ISO weekday (1 Monday … 7 Sunday) of the first such day at least `weeksAhead` weeks away. */
  weekday: number;
  weeksAhead: number;
  from: string;
  to: string;
}

export interface DemoBooking {
  resourceId: string;
  organisationId: string;
  /** COORDINATOR or ORG_ADMIN of the organisation. */
  bookedBy: string;
  when: DemoWhen;
  purpose: string;
  attendees?: number;
  /** How the owner answered a request (left out: the request is still open). */
  answer?: { by: string; approve: true } | { by: string; reject: string };
}

const OFFICER = 'handlaggare@samverkan.example';

export const BOOKINGS: DemoBooking[] = [
  {
    resourceId: FAMILY_HOUSE,
    organisationId: organisationId('Fritidsföreningen Sylte'),
    bookedBy: 'anders@fritidsylte.example',
    when: { weekday: 4, weeksAhead: 0, from: '18:30', to: '20:30' },
    purpose: 'Föräldramöte inför sommarlovets aktiviteter',
    attendees: 25,
    answer: { by: OFFICER, approve: true },
  },
  {
    resourceId: FAMILY_HOUSE,
    organisationId: organisationId('Stödcentrum Kyrkan Trollhättan'),
    bookedBy: 'birgitta@stodcentrum.example',
    when: { weekday: 3, weeksAhead: 1, from: '13:00', to: '15:00' },
    purpose: 'Samtalsgrupp för anhöriga',
    attendees: 10,
  },
  {
    resourceId: FAMILY_HOUSE,
    organisationId: organisationId('Regnbågslinjen Väst'),
    bookedBy: 'alex@regnbagslinjen.example',
    when: { weekday: 6, weeksAhead: 1, from: '10:00', to: '16:00' },
    purpose: 'Utbildningsdag för volontärer',
    attendees: 20,
    answer: {
      by: OFFICER,
      reject: 'Familjehuset har stängt på lördagar: pröva Stadsdelskontoret.',
    },
  },
  {
    resourceId: DISTRICT_OFFICE,
    organisationId: organisationId('Trygga Vuxna Sylte'),
    bookedBy: 'leila@tryggavuxna.example',
    when: { weekday: 4, weeksAhead: 1, from: '18:00', to: '19:30' },
    purpose: 'Planeringsmöte inför höstens nattvandringar',
    attendees: 8,
    answer: { by: OFFICER, approve: true },
  },
  {
    resourceId: MINIBUS,
    organisationId: organisationId('Nattvandrarna Kronogården'),
    bookedBy: 'karin@nattvandrarna.example',
    when: { weekday: 6, weeksAhead: 2, from: '09:00', to: '17:00' },
    purpose: 'Utflykt med ungdomarna till Vänersborg',
    attendees: 7,
    answer: { by: 'anders@fritidsylte.example', approve: true },
  },
  {
    // The owner's own booking needs no approval.
    resourceId: MINIBUS,
    organisationId: organisationId('Fritidsföreningen Sylte'),
    bookedBy: 'anders@fritidsylte.example',
    when: { weekday: 7, weeksAhead: 2, from: '08:00', to: '18:00' },
    purpose: 'Fotbollscup i Vänersborg',
    attendees: 8,
  },
  {
    resourceId: MINIBUS,
    organisationId: organisationId('Hjälpande Händer Väst'),
    bookedBy: 'ioana@hjalpandehander.example',
    when: { weekday: 3, weeksAhead: 3, from: '09:00', to: '12:00' },
    purpose: 'Hämtning av matkassar från Matcentralen',
  },
  {
    // A women's shelter's booking is confidential: "Bokad" in the public calendar, busy time only
    // for everyone but the shelter and the officers.
    resourceId: FAMILY_HOUSE,
    organisationId: organisationId('Kvinnojouren Trollhättan'),
    bookedBy: 'eva@kvinnojouren.example',
    when: { weekday: 1, weeksAhead: 1, from: '10:00', to: '12:00' },
    purpose: 'Stödgrupp',
    attendees: 8,
    answer: { by: OFFICER, approve: true },
  },
];

/**
 * A weekly language café at the family house (needs approval: the officer approves them). Four
 * Tuesdays, the first within eight days: all within the coming month.
 */
export const WEEKLY_SERIES = {
  resourceId: FAMILY_HOUSE,
  organisationId: organisationId('Hjälpande Händer Väst'),
  bookedBy: 'ioana@hjalpandehander.example',
  rule: 'FREQ=WEEKLY;BYDAY=TU;COUNT=4',
  weekday: 2,
  from: '18:00',
  minutes: 120,
  purpose: 'Språkcafé: svenska för nyanlända',
  attendees: 15,
  /** The officer has approved this many of them, from the first; the rest wait. */
  approved: 3,
};

/** Night-walk kits on the demo walks' first weekend (Friday and Saturday 20:30–01:30). */
export const KIT_BOOKINGS = [
  {
    resourceId: NIGHT_WALK_KIT_1,
    organisationId: organisationId('Nattvandrarna Kronogården'),
    bookedBy: 'omar@nattvandrarna.example',
    night: 0,
  },
  {
    resourceId: NIGHT_WALK_KIT_2,
    organisationId: organisationId('Trygga Vuxna Sylte'),
    bookedBy: 'leila@tryggavuxna.example',
    night: 0,
  },
  {
    resourceId: NIGHT_WALK_KIT_1,
    organisationId: organisationId('Trygga Vuxna Sylte'),
    bookedBy: 'leila@tryggavuxna.example',
    night: 1,
  },
];

/** The district office is closed for a staff day, a Monday three weeks ahead. */
export const BLACKOUT = {
  resourceId: DISTRICT_OFFICE,
  by: OFFICER,
  weekday: 1,
  weeksAhead: 3,
  reason: 'Personaldag: kontoret är stängt',
};
