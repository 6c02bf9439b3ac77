import { OrganisationKind } from '../src/modules/organisations';
import { organisationId } from './demo-data';

/**
 * Demo grants, modelled on the background programmes (Trollhättan, Göteborg): the annual
 * association grant, an IOP partnership (idéburet offentligt partnerskap) with the women's shelter,
 * and support for work with vulnerable EU citizens. Times are days relative to the moment of
 * seeding (negative: in the past), recorded through the services with the clock set back.
 * Ids start with b1d7a9 ("bidrag"): programmes b1d7a900, applications b1d7a901.
 * Amounts are öre (100 öre = 1 kr).
 */

const programme = (n: number) => `b1d7a900-0000-4000-8000-${String(n).padStart(12, '0')}`;
const application = (n: number) => `b1d7a901-0000-4000-8000-${String(n).padStart(12, '0')}`;
const kr = (kronor: number) => kronor * 100;

/** Every officer act in the demo is the demo grant officer's. */
export const GRANT_OFFICER_EMAIL = 'handlaggare@samverkan.example';

export interface DemoGrantApplication {
  id: string;
  organisationId: string;
  /** The organisation's ORG_ADMIN who writes, submits and reports. */
  applicantEmail: string;
  purpose: string;
  budgetLines: { label: string; amount: number }[];
  createdDay: number;
  submittedDay?: number;
  withdrawnDay?: number;
  /** The review is started half a day before it is recorded; scores in the order of the criteria. */
  review?: { day: number; scores: number[]; comment: string };
  decision?: { day: number; awardedAmount: number; motivation?: string };
  payments?: { day: number; amount: number; reference: string }[];
  followUp?: {
    day: number;
    outcomes: string;
    amountSpent: number;
    returned?: { day: number; reason: string };
    approvedDay?: number;
  };
}

export interface DemoGrantProgramme {
  id: string;
  name: (year: number) => string;
  description: string;
  /** 0: the year of seeding; -1: the year before. */
  fiscalYearOffset: number;
  budget: number;
  maxPerApplication: number;
  eligibleKinds: OrganisationKind[];
  criteria: { name: string; weight: number }[];
  /** Created and opened on this day. */
  createdDay: number;
  opensDay: number;
  closesDay: number;
  /** Closed by the officer on this day (before closesAt); otherwise it stays OPEN. */
  closedDay?: number;
  followUpDueDay: number;
  applications: DemoGrantApplication[];
}

export const ASSOCIATION_GRANT = programme(1);
export const SHELTER_PARTNERSHIP = programme(2);
export const EU_MIGRANT_SUPPORT = programme(3);

export const DEMO_APPLICATIONS = {
  nightWalks: application(1),
  tryggaVuxna: application(2),
  leisure: application(3),
  helpline: application(4),
  churchWithdrawn: application(5),
  churchDraft: application(6),
  shelter: application(7),
  euMigrants: application(8),
  churchRejected: application(9),
};

export const GRANT_PROGRAMMES: DemoGrantProgramme[] = [
  {
    id: ASSOCIATION_GRANT,
    name: (year) => `Föreningsbidrag ${year}`,
    description:
      'Årligt verksamhetsbidrag till föreningar som arbetar förebyggande för barn och unga och för tryggheten i ' +
      'stadsdelarna, t.ex. nattvandring, läxhjälp och fritidsaktiviteter. Beslut fattas löpande.',
    fiscalYearOffset: 0,
    budget: kr(600_000),
    maxPerApplication: kr(150_000),
    eligibleKinds: [
      OrganisationKind.VOLUNTARY_ASSOCIATION,
      OrganisationKind.NIGHT_WALK_GROUP,
      OrganisationKind.HBTQ_SUPPORT,
      OrganisationKind.FAITH_BASED,
      OrganisationKind.EU_MIGRANT_SUPPORT,
      OrganisationKind.OTHER,
    ],
    criteria: [
      { name: 'Barn och unga', weight: 3 },
      { name: 'Trygghet i stadsdelen', weight: 2 },
      { name: 'Ideellt engagemang', weight: 1 },
    ],
    createdDay: -62,
    opensDay: -60,
    closesDay: 30,
    followUpDueDay: 400,
    applications: [
      {
        id: DEMO_APPLICATIONS.nightWalks,
        organisationId: organisationId('Nattvandrarna Kronogården'),
        applicantEmail: 'karin@nattvandrarna.example',
        purpose:
          'Nattvandring fredag och lördag kväll i Kronogården och Lextorp: utrustning, fika och utbildning av nya ' +
          'nattvandrare, så att vuxna finns ute där ungdomarna är.',
        budgetLines: [
          { label: 'Reflexvästar, ficklampor och första hjälpen-väskor', amount: kr(25_000) },
          { label: 'Fika och varm dryck under vandringarna', amount: kr(30_000) },
          { label: 'Utbildning för nya nattvandrare', amount: kr(40_000) },
          { label: 'Samordning och schemaläggning', amount: kr(25_000) },
        ],
        createdDay: -52,
        submittedDay: -50,
        review: {
          day: -20,
          scores: [5, 5, 4],
          comment:
            'Etablerad verksamhet med många aktiva vuxna; tydlig koppling till trygghetsarbetet.',
        },
        decision: { day: -10, awardedAmount: kr(120_000) },
      },
      {
        id: DEMO_APPLICATIONS.tryggaVuxna,
        organisationId: organisationId('Trygga Vuxna Sylte'),
        applicantEmail: 'leila@tryggavuxna.example',
        purpose:
          'Föräldravandringar i Sylte med utdrag ur belastningsregistret för alla vandrare, samt en höstkampanj för ' +
          'att värva fler vuxna.',
        budgetLines: [
          { label: 'Utrustning', amount: kr(30_000) },
          { label: 'Värvningskampanj och trycksaker', amount: kr(45_000) },
          { label: 'Fika och samlingar', amount: kr(25_000) },
        ],
        createdDay: -45,
        submittedDay: -44,
        review: {
          day: -15,
          scores: [4, 5, 3],
          comment: 'Bra verksamhet; kampanjbudgeten är hög i förhållande till antalet vandringar.',
        },
        decision: {
          day: -9,
          awardedAmount: kr(60_000),
          motivation:
            'Utrustning och samlingar beviljas; värvningskampanjen beviljas med 5 000 kr då kommunen samordnar ' +
            'en gemensam kampanj för alla nattvandrargrupper.',
        },
      },
      {
        id: DEMO_APPLICATIONS.leisure,
        organisationId: organisationId('Fritidsföreningen Sylte'),
        applicantEmail: 'anders@fritidsylte.example',
        purpose:
          'Sommarlovsaktiviteter för barn i Sylte och Hjulkvarnelund: fotboll, utflykter och läxhjälp i augusti.',
        budgetLines: [
          { label: 'Ledararvoden', amount: kr(45_000) },
          { label: 'Bussresor och entréer', amount: kr(25_000) },
          { label: 'Material', amount: kr(10_000) },
        ],
        createdDay: -30,
        submittedDay: -28,
        review: {
          day: -3,
          scores: [5, 3, 4],
          comment: 'Når många barn; be om närvarostatistik från förra sommaren innan beslut.',
        },
      },
      {
        id: DEMO_APPLICATIONS.helpline,
        organisationId: organisationId('Regnbågslinjen Väst'),
        applicantEmail: 'alex@regnbagslinjen.example',
        purpose: 'Utbildning av tolv nya jourvolontärer till stödlinjen för HBTQ-personer.',
        budgetLines: [
          { label: 'Utbildningsdagar', amount: kr(35_000) },
          { label: 'Handledning', amount: kr(15_000) },
        ],
        createdDay: -6,
        submittedDay: -5,
      },
      {
        id: DEMO_APPLICATIONS.churchWithdrawn,
        organisationId: organisationId('Stödcentrum Kyrkan Trollhättan'),
        applicantEmail: 'birgitta@stodcentrum.example',
        purpose: 'Öppet hus och soppkök tre kvällar i veckan under hela året.',
        budgetLines: [{ label: 'Livsmedel och lokalkostnad', amount: kr(150_000) }],
        createdDay: -40,
        submittedDay: -39,
        withdrawnDay: -35,
      },
      {
        id: DEMO_APPLICATIONS.churchDraft,
        organisationId: organisationId('Stödcentrum Kyrkan Trollhättan'),
        applicantEmail: 'birgitta@stodcentrum.example',
        purpose:
          'Stödgrupp för kvinnor i missbruk, med kvinnliga ledare, varannan vecka i kyrkans lokaler i Centrum.',
        budgetLines: [
          { label: 'Gruppledare', amount: kr(30_000) },
          { label: 'Lokal och fika', amount: kr(10_000) },
        ],
        createdDay: -2,
      },
    ],
  },
  {
    id: SHELTER_PARTNERSHIP,
    name: (year) => `IOP Kvinnojouren Trollhättan ${year}`,
    description:
      'Idéburet offentligt partnerskap om stöd till kvinnor och barn som utsatts för våld i nära relationer: ' +
      'jourverksamhet, skyddat boende och förebyggande utbildning, i samverkan med socialtjänsten.',
    fiscalYearOffset: 0,
    budget: kr(1_200_000),
    maxPerApplication: kr(1_200_000),
    eligibleKinds: [OrganisationKind.WOMENS_SHELTER],
    criteria: [
      { name: 'Skydd och stöd till våldsutsatta', weight: 3 },
      { name: 'Samverkan med socialtjänsten', weight: 2 },
      { name: 'Barnperspektiv', weight: 2 },
    ],
    createdDay: -125,
    opensDay: -120,
    closesDay: -60,
    closedDay: -90,
    followUpDueDay: 300,
    applications: [
      {
        id: DEMO_APPLICATIONS.shelter,
        organisationId: organisationId('Kvinnojouren Trollhättan'),
        applicantEmail: 'eva@kvinnojouren.example',
        purpose:
          'Jourtelefon och stödsamtal, drift av skyddat boende med plats för barn, och utbildning om våld i nära ' +
          'relationer för skolor och föreningar.',
        budgetLines: [
          { label: 'Jourverksamhet och stödsamtal', amount: kr(600_000) },
          { label: 'Skyddat boende, drift', amount: kr(450_000) },
          { label: 'Förebyggande utbildning', amount: kr(150_000) },
        ],
        createdDay: -115,
        submittedDay: -110,
        review: {
          day: -85,
          scores: [5, 5, 4],
          comment: 'Verksamheten är central för kommunens arbete mot våld i nära relationer.',
        },
        decision: { day: -80, awardedAmount: kr(1_200_000) },
        payments: [{ day: -75, amount: kr(600_000), reference: 'UB 2026-0412 (första halvåret)' }],
      },
    ],
  },
  {
    id: EU_MIGRANT_SUPPORT,
    name: (year) => `Stöd till arbete med utsatta EU-medborgare ${year}`,
    description:
      'Ekonomiskt stöd till frivilligorganisationer som ger utsatta EU-medborgare mat, härbärge, hygien och ' +
      'rådgivning, med särskild uppmärksamhet på barnen.',
    fiscalYearOffset: -1,
    budget: kr(400_000),
    maxPerApplication: kr(250_000),
    eligibleKinds: [OrganisationKind.EU_MIGRANT_SUPPORT, OrganisationKind.FAITH_BASED],
    criteria: [
      { name: 'Akut stöd (mat, härbärge, hygien)', weight: 3 },
      { name: 'Barnens situation', weight: 2 },
      { name: 'Samverkan med kommunen', weight: 1 },
    ],
    createdDay: -425,
    opensDay: -420,
    closesDay: -380,
    closedDay: -380.5,
    followUpDueDay: -30,
    applications: [
      {
        id: DEMO_APPLICATIONS.euMigrants,
        organisationId: organisationId('Hjälpande Händer Väst'),
        applicantEmail: 'ioana@hjalpandehander.example',
        purpose:
          'Härbärge med tolv platser under vintern, frukost och dusch, och rådgivning på rumänska och romani.',
        budgetLines: [
          { label: 'Härbärge, hyra och drift', amount: kr(150_000) },
          { label: 'Frukost och hygienartiklar', amount: kr(60_000) },
          { label: 'Rådgivning och tolkning', amount: kr(40_000) },
        ],
        createdDay: -410,
        submittedDay: -405,
        review: {
          day: -372,
          scores: [5, 4, 4],
          comment: 'Enda härbärget för målgruppen i kommunen.',
        },
        decision: { day: -370, awardedAmount: kr(250_000) },
        payments: [{ day: -365, amount: kr(250_000), reference: 'UB 2025-1107' }],
        followUp: {
          day: -45,
          outcomes:
            'Härbärget hade öppet 120 nätter med i genomsnitt tio gäster; 2 300 frukostar; 180 rådgivningssamtal.',
          amountSpent: kr(230_000),
          returned: {
            day: -40,
            reason:
              'Redovisa hur hyran för härbärget fördelats mellan vintermånaderna, och vad som hänt med de ' +
              '20 000 kr som inte använts.',
          },
        },
      },
      {
        id: DEMO_APPLICATIONS.churchRejected,
        organisationId: organisationId('Stödcentrum Kyrkan Trollhättan'),
        applicantEmail: 'birgitta@stodcentrum.example',
        purpose: 'Soppkök för EU-medborgare i Centrum två kvällar i veckan.',
        budgetLines: [{ label: 'Livsmedel', amount: kr(100_000) }],
        createdDay: -400,
        submittedDay: -399,
        review: {
          day: -371,
          scores: [3, 2, 2],
          comment: 'Överlappar med Hjälpande Händers verksamhet i samma kvarter.',
        },
        decision: {
          day: -369,
          awardedAmount: 0,
          motivation:
            'Avslag: budgeten räcker inte för två verksamheter med samma inriktning i Centrum; samordna gärna ' +
            'med Hjälpande Händer Väst.',
        },
      },
    ],
  },
];
