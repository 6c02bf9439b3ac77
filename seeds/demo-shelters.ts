import { TargetGroup } from '../src/common/target-group';
import { ServiceCategory, Weekday } from '../src/modules/services';
import { ShelterFeature } from '../src/modules/shelters';
import { districtId, organisationId } from './demo-data';

/**
 * Demo shelters and support services. Ids: 5e1e0000 shelters, 5e7c0000 support services.
 * Shelters have no address: only a coarse area.
 */

const shelter = (n: number) => `5e1e0000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const service = (n: number) => `5e7c0000-0000-4000-8000-${String(n).padStart(12, '0')}`;

export interface DemoShelter {
  id: string;
  organisationId: string;
  /** ORG_ADMIN who registers it and reports its free places. */
  reporterEmail: string;
  displayName: string;
  area: string;
  targetGroups: TargetGroup[];
  features: ShelterFeature[];
  languages: string[];
  totalAdultPlaces: number;
  totalChildPlaces: number;
  /**
   * Free adult places reported each morning, oldest first, for the 30 days up to today (today
   * last); the pattern repeats. The child places follow with the shelter's own ratio.
   */
  freeAdultPattern: number[];
  /** No reports for this many days before today: its status is NO_DATA. */
  silentDays?: number;
}

export const HISTORY_DAYS = 30;

export const DEMO_SHELTERS: DemoShelter[] = [
  {
    id: shelter(1),
    organisationId: organisationId('Kvinnojouren Trollhättan'),
    reporterEmail: 'eva@kvinnojouren.example',
    displayName: 'Skyddat boende Linnéa',
    area: 'Trollhättan',
    targetGroups: [TargetGroup.WOMEN, TargetGroup.WOMEN_WITH_CHILDREN],
    features: [ShelterFeature.REINFORCED_SECURITY, ShelterFeature.HONOUR_VIOLENCE_COMPETENCE],
    languages: ['sv', 'en', 'ar', 'ku'],
    totalAdultPlaces: 4,
    totalChildPlaces: 4,
    // Today 2 adult and 2 child places: Eva can accept the waiting request (1 adult, 2 children).
    freeAdultPattern: [1, 0, 0, 2, 1, 1, 0, 2],
  },
  {
    id: shelter(2),
    organisationId: organisationId('Kvinnojouren Trollhättan'),
    reporterEmail: 'eva@kvinnojouren.example',
    displayName: 'Boende Vega',
    area: 'Trollhättan',
    targetGroups: [TargetGroup.WOMEN_WITH_CHILDREN],
    features: [ShelterFeature.WHEELCHAIR_ACCESSIBLE, ShelterFeature.PETS_ALLOWED],
    languages: ['sv', 'en', 'fa', 'so'],
    totalAdultPlaces: 5,
    totalChildPlaces: 10,
    freeAdultPattern: [2, 1, 1, 0, 0, 1, 0],
  },
  {
    id: shelter(3),
    organisationId: organisationId('Regnbågslinjen Väst'),
    reporterEmail: 'alex@regnbagslinjen.example',
    displayName: 'Regnbågshuset',
    area: 'Västra Götalands län',
    targetGroups: [TargetGroup.HBTQ, TargetGroup.YOUTH],
    features: [ShelterFeature.SUBSTANCE_USE_SUPPORT, ShelterFeature.PETS_ALLOWED],
    languages: ['sv', 'en'],
    totalAdultPlaces: 3,
    totalChildPlaces: 0,
    freeAdultPattern: [1, 2, 1, 0, 1],
    silentDays: 3,
  },
];

/** A placement request waiting for the shelter's answer (Eva sees it, social services follow it). */
export const DEMO_PLACEMENT = {
  shelterId: shelter(1),
  requestedByEmail: 'socialtjanst@samverkan.example',
  adults: 1,
  children: 2,
  needs: [ShelterFeature.REINFORCED_SECURITY],
  language: 'ar',
  caseReference: 'IFO-2026-0417',
};

export interface DemoService {
  id: string;
  organisationId: string;
  adminEmail: string;
  name: string;
  category: ServiceCategory;
  districtId: string;
  address: string;
  description: string;
  openingHours: { day: Weekday; opens: string; closes: string }[];
  languages: string[];
  targetGroups: TargetGroup[];
  dailyCapacity?: number;
  /** People served on each of the last days (today last), reported by the admin. */
  usage?: number[];
}

const ON = (days: Weekday[], opens: string, closes: string) =>
  days.map((day) => ({ day, opens, closes }));
const { MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, SATURDAY } = Weekday;

const HJALPANDE = organisationId('Hjälpande Händer Väst');
const KYRKAN = organisationId('Stödcentrum Kyrkan Trollhättan');

export const DEMO_SERVICES: DemoService[] = [
  {
    id: service(1),
    organisationId: HJALPANDE,
    adminEmail: 'ioana@hjalpandehander.example',
    name: 'Natthärbärget Hjälpande Händer',
    category: ServiceCategory.NIGHT_SHELTER,
    districtId: districtId('Centrum'),
    address: 'Kungsgatan 28, 461 30 Trollhättan',
    description:
      'Sängplats för natten, kvällsmat och frukost. Ingen anmälan i förväg; först till kvarn. ' +
      'Personal talar rumänska och romani.',
    openingHours: ON(Object.values(Weekday), '21:00', '08:00'),
    languages: ['sv', 'ro', 'rom'],
    targetGroups: [],
    dailyCapacity: 20,
    usage: [17, 19, 20, 22, 18, 20, 21],
  },
  {
    id: service(2),
    organisationId: HJALPANDE,
    adminEmail: 'ioana@hjalpandehander.example',
    name: 'Morgonöppet – frukost och dusch',
    category: ServiceCategory.HYGIENE,
    districtId: districtId('Strömslund'),
    address: 'Strömslundsgatan 4, 461 35 Trollhättan',
    description:
      'Dusch, tvätt och frukost för den som sover ute. Rådgivning om rättigheter i Sverige.',
    openingHours: ON([MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY], '07:30', '10:30'),
    languages: ['ro', 'rom', 'sv', 'en'],
    targetGroups: [],
    dailyCapacity: 40,
  },
  {
    id: service(3),
    organisationId: KYRKAN,
    adminEmail: 'birgitta@stodcentrum.example',
    name: 'Soppköket i Centrum',
    category: ServiceCategory.FOOD,
    districtId: districtId('Centrum'),
    address: 'Kyrkogatan 6, 461 31 Trollhättan',
    description: 'Varm lunch, gratis. Alla är välkomna.',
    openingHours: ON([TUESDAY, THURSDAY, SATURDAY], '11:30', '13:30'),
    languages: ['sv', 'en'],
    targetGroups: [],
    dailyCapacity: 60,
  },
  {
    id: service(4),
    organisationId: KYRKAN,
    adminEmail: 'birgitta@stodcentrum.example',
    name: 'Kvinnogruppen – stöd vid beroende',
    category: ServiceCategory.ADDICTION_SUPPORT,
    districtId: districtId('Lextorp'),
    address: 'Lextorpsvägen 15, 461 63 Trollhättan',
    description: 'Samtalsgrupp för kvinnor med missbruk, med enbart kvinnliga ledare.',
    openingHours: ON([MONDAY], '18:00', '20:00'),
    languages: ['sv'],
    targetGroups: [TargetGroup.WOMEN],
  },
  {
    id: service(5),
    organisationId: KYRKAN,
    adminEmail: 'birgitta@stodcentrum.example',
    name: 'Hälsomottagningen',
    category: ServiceCategory.HEALTH,
    districtId: districtId('Sylte'),
    address: 'Sylte torg 2, 461 70 Trollhättan',
    description: 'Sjuksköterska och läkare på frivillig basis, för den som saknar vård.',
    openingHours: ON([WEDNESDAY], '13:00', '16:00'),
    languages: ['sv', 'en', 'ro'],
    targetGroups: [],
  },
  {
    id: service(6),
    organisationId: KYRKAN,
    adminEmail: 'birgitta@stodcentrum.example',
    name: 'Rättighetsrådgivning',
    category: ServiceCategory.LEGAL_ADVICE,
    districtId: districtId('Centrum'),
    address: 'Kyrkogatan 6, 461 31 Trollhättan',
    description: 'Juridisk rådgivning om asyl, arbete och boende.',
    openingHours: ON([THURSDAY], '17:00', '19:00'),
    languages: ['sv', 'en', 'ar'],
    targetGroups: [],
  },
  {
    id: service(7),
    organisationId: organisationId('Fritidsföreningen Sylte'),
    adminEmail: 'anders@fritidsylte.example',
    name: 'Språkcafé Sylte',
    category: ServiceCategory.LANGUAGE,
    districtId: districtId('Sylte'),
    address: 'Sylte bibliotek, Sylte torg 1, 461 70 Trollhättan',
    description: 'Öva svenska över en kopp kaffe.',
    openingHours: ON([TUESDAY], '18:00', '20:00'),
    languages: ['sv', 'ar', 'so', 'ti'],
    targetGroups: [],
  },
  {
    id: service(8),
    organisationId: organisationId('Regnbågslinjen Väst'),
    adminEmail: 'alex@regnbagslinjen.example',
    name: 'Regnbågsträffen',
    category: ServiceCategory.HBTQ_SUPPORT,
    districtId: districtId('Centrum'),
    address: 'Storgatan 20, 461 30 Trollhättan',
    description: 'Träffpunkt och stödsamtal för unga HBTQ-personer.',
    openingHours: ON([FRIDAY], '18:00', '21:00'),
    languages: ['sv', 'en'],
    targetGroups: [TargetGroup.HBTQ, TargetGroup.YOUTH],
  },
];
