import { ApiScope, SystemRole } from '../src/common/actor';
import { CredentialKind } from '../src/modules/credentials';
import { MembershipRole, OrganisationKind, OrganisationStatus } from '../src/modules/organisations';

/**
 * Demo data for a municipality modelled on Trollhättan: its districts, fictional organisations of
 * every kind, and people in every role. Ids are fixed and recognisable by their first group:
 * d1570000 districts, 9e0b1e00 people, 0e9a0000 organisations, a91c0000 API clients.
 * The night walks are in demo-night-walks.ts.
 */

/** Every demo account has this password (documented in the README; never use seeds in production). */
export const DEMO_PASSWORD = 'Samverkan-demo-2026';

/**
 * The authenticator secret (TOTP, base32) of every demo staff account (ADMIN, MUNICIPAL_OFFICER,
 * SOCIAL_SERVICES), who must sign in with a second factor: add it to an authenticator app (or
 * scan DEMO_TOTP_URL) and give its code to `completeTwoFactorLogin`. Documented in the README;
 * like the password, never for production.
 */
export const DEMO_TOTP_SECRET = 'SAMVERKANDEMOTVASTEGSVERIFIERING';

/** The same secret as an otpauth:// URL, for a QR code. */
export const DEMO_TOTP_URL = `otpauth://totp/Samverkan%20demo?secret=${DEMO_TOTP_SECRET}&issuer=Samverkan%20demo`;

/** The demo partner app's API key, documented in the README. */
export const DEMO_API_KEY = `sv_de000001_${'Trygghetskartan-demo-key'.padEnd(43, '0')}`;

/** The demo shelter-vacancy board's key (scope `shelters:availability`), documented in the README. */
export const DEMO_SHELTER_BOARD_KEY = `sv_de000002_${'Platstavlan-demo-key'.padEnd(43, '0')}`;

const district = (n: number) => `d1570000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const person = (n: number) => `9e0b1e00-0000-4000-8000-${String(n).padStart(12, '0')}`;
const organisation = (n: number) => `0e9a0000-0000-4000-8000-${String(n).padStart(12, '0')}`;

export interface DemoDistrict {
  id: string;
  name: string;
}

export interface DemoPerson {
  id: string;
  email: string;
  displayName: string;
  systemRole?: SystemRole;
  protectedIdentity?: boolean;
}

export interface DemoOrganisation {
  id: string;
  name: string;
  organisationNumber: string;
  kind: OrganisationKind;
  status: OrganisationStatus;
  statusReason?: string;
  description: string;
  publicContact?: string;
  districtIds: string[];
  /** Registers the organisation and so becomes its first ORG_ADMIN. */
  founderEmail: string;
  members: { email: string; role: MembershipRole }[];
  /** Invitations to addresses that have no account yet. */
  openInvitations?: { email: string; role: MembershipRole }[];
  /** Verified credentials of members ("shown, valid until" so many months from the day of seeding). */
  credentials?: { email: string; kind: CredentialKind; validForMonths: number }[];
}

export const DISTRICTS: DemoDistrict[] = [
  'Centrum',
  'Kronogården',
  'Lextorp',
  'Sylte',
  'Hjulkvarnelund',
  'Skoftebyn',
  'Strömslund',
  'Stavre',
  'Lärketorp',
  'Karlstorp',
  'Halvorstorp',
  'Björndalen',
  'Åkerssjö',
  'Sjuntorp',
  'Upphärad',
  'Velanda',
].map((name, index) => ({ id: district(index + 1), name }));

export const districtId = (name: string): string => {
  const found = DISTRICTS.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`No demo district ${name}`);
  return found.id;
};

export const organisationId = (name: string): string => {
  const found = ORGANISATIONS.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`No demo organisation ${name}`);
  return found.id;
};

export const PEOPLE: DemoPerson[] = [
  {
    id: person(1),
    email: 'admin@samverkan.example',
    displayName: 'Ada Administratör',
    systemRole: SystemRole.ADMIN,
  },
  {
    id: person(2),
    email: 'handlaggare@samverkan.example',
    displayName: 'Maria Lindqvist',
    systemRole: SystemRole.MUNICIPAL_OFFICER,
  },
  {
    id: person(3),
    email: 'socialtjanst@samverkan.example',
    displayName: 'Johan Berg',
    systemRole: SystemRole.SOCIAL_SERVICES,
  },
  { id: person(10), email: 'karin@nattvandrarna.example', displayName: 'Karin Ek' },
  { id: person(11), email: 'omar@nattvandrarna.example', displayName: 'Omar Hassan' },
  { id: person(12), email: 'lina@nattvandrarna.example', displayName: 'Lina Svensson' },
  { id: person(13), email: 'per@nattvandrarna.example', displayName: 'Per Nilsson' },
  {
    id: person(14),
    email: 'sara@nattvandrarna.example',
    displayName: 'Sara Demo',
    protectedIdentity: true,
  },
  { id: person(20), email: 'eva@kvinnojouren.example', displayName: 'Eva Holm' },
  { id: person(21), email: 'fatima@kvinnojouren.example', displayName: 'Fatima Ali' },
  { id: person(30), email: 'ioana@hjalpandehander.example', displayName: 'Ioana Popescu' },
  { id: person(31), email: 'gheorghe@hjalpandehander.example', displayName: 'Gheorghe Stan' },
  { id: person(40), email: 'alex@regnbagslinjen.example', displayName: 'Alex Lund' },
  { id: person(50), email: 'anders@fritidsylte.example', displayName: 'Anders Björk' },
  { id: person(60), email: 'birgitta@stodcentrum.example', displayName: 'Birgitta Sjöberg' },
  { id: person(70), email: 'goran@grannsamverkan.example', displayName: 'Göran Lextorp' },
  { id: person(15), email: 'ahmed@nattvandrarna.example', displayName: 'Ahmed Yusuf' },
  { id: person(16), email: 'emma@nattvandrarna.example', displayName: 'Emma Karlsson' },
  { id: person(17), email: 'hanna@nattvandrarna.example', displayName: 'Hanna Olsson' },
  { id: person(18), email: 'jonas@nattvandrarna.example', displayName: 'Jonas Ek' },
  { id: person(80), email: 'nils@nattugglorna.example', displayName: 'Nils Ugglas' },
  { id: person(90), email: 'leila@tryggavuxna.example', displayName: 'Leila Rahimi' },
  { id: person(91), email: 'bjorn@tryggavuxna.example', displayName: 'Björn Åberg' },
  { id: person(92), email: 'mikael@tryggavuxna.example', displayName: 'Mikael Strand' },
  { id: person(93), email: 'yasmin@tryggavuxna.example', displayName: 'Yasmin Haddad' },
  { id: person(94), email: 'tove@tryggavuxna.example', displayName: 'Tove Lindgren' },
  { id: person(95), email: 'kerstin@tryggavuxna.example', displayName: 'Kerstin Wall' },
  { id: person(96), email: 'dragan@tryggavuxna.example', displayName: 'Dragan Petrović' },
  { id: person(97), email: 'amina@tryggavuxna.example', displayName: 'Amina Osman' },
];

export const ORGANISATIONS: DemoOrganisation[] = [
  {
    id: organisation(1),
    name: 'Nattvandrarna Kronogården',
    organisationNumber: '802412-3450',
    kind: OrganisationKind.NIGHT_WALK_GROUP,
    status: OrganisationStatus.VERIFIED,
    description:
      'Vuxna som nattvandrar i Kronogården och Lextorp fredag och lördag kväll, i grupper om minst tre.',
    publicContact: 'nattvandring@nattvandrarna.example',
    districtIds: [districtId('Kronogården'), districtId('Lextorp')],
    founderEmail: 'karin@nattvandrarna.example',
    members: [
      { email: 'omar@nattvandrarna.example', role: MembershipRole.COORDINATOR },
      { email: 'lina@nattvandrarna.example', role: MembershipRole.VOLUNTEER },
      { email: 'per@nattvandrarna.example', role: MembershipRole.VOLUNTEER },
      { email: 'sara@nattvandrarna.example', role: MembershipRole.VOLUNTEER },
      { email: 'ahmed@nattvandrarna.example', role: MembershipRole.VOLUNTEER },
      { email: 'emma@nattvandrarna.example', role: MembershipRole.VOLUNTEER },
      { email: 'hanna@nattvandrarna.example', role: MembershipRole.VOLUNTEER },
      { email: 'jonas@nattvandrarna.example', role: MembershipRole.VOLUNTEER },
    ],
    openInvitations: [{ email: 'ny.volontar@example.se', role: MembershipRole.VOLUNTEER }],
    credentials: [
      {
        email: 'lina@nattvandrarna.example',
        kind: CredentialKind.POLICE_RECORD_CHECK,
        validForMonths: 8,
      },
      {
        email: 'lina@nattvandrarna.example',
        kind: CredentialKind.NIGHT_WALK_TRAINING,
        validForMonths: 24,
      },
      {
        email: 'per@nattvandrarna.example',
        kind: CredentialKind.POLICE_RECORD_CHECK,
        validForMonths: 4,
      },
      {
        email: 'omar@nattvandrarna.example',
        kind: CredentialKind.FIRST_AID,
        validForMonths: 10,
      },
    ],
  },
  {
    id: organisation(2),
    name: 'Kvinnojouren Trollhättan',
    organisationNumber: '802433-2101',
    kind: OrganisationKind.WOMENS_SHELTER,
    status: OrganisationStatus.VERIFIED,
    description:
      'Stöd, rådgivning och skyddat boende för kvinnor och barn som utsatts för våld i nära relationer.',
    publicContact: 'Jourtelefon 0520-00 00 00',
    districtIds: [],
    founderEmail: 'eva@kvinnojouren.example',
    members: [{ email: 'fatima@kvinnojouren.example', role: MembershipRole.COORDINATOR }],
  },
  {
    id: organisation(3),
    name: 'Hjälpande Händer Väst',
    organisationNumber: '802455-6717',
    kind: OrganisationKind.EU_MIGRANT_SUPPORT,
    status: OrganisationStatus.VERIFIED,
    description:
      'Härbärge, mat och rådgivning för utsatta EU-medborgare, på svenska, rumänska och romani.',
    publicContact: 'info@hjalpandehander.example',
    districtIds: [districtId('Centrum'), districtId('Strömslund')],
    founderEmail: 'ioana@hjalpandehander.example',
    members: [{ email: 'gheorghe@hjalpandehander.example', role: MembershipRole.VOLUNTEER }],
  },
  {
    id: organisation(4),
    name: 'Regnbågslinjen Väst',
    organisationNumber: '802466-7894',
    kind: OrganisationKind.HBTQ_SUPPORT,
    status: OrganisationStatus.VERIFIED,
    description: 'Jour- och stödlinje för HBTQ-personer: samtal, chatt och träffar.',
    publicContact: 'https://regnbagslinjen.example',
    districtIds: [],
    founderEmail: 'alex@regnbagslinjen.example',
    members: [],
  },
  {
    id: organisation(5),
    name: 'Fritidsföreningen Sylte',
    organisationNumber: '802477-0128',
    kind: OrganisationKind.VOLUNTARY_ASSOCIATION,
    status: OrganisationStatus.VERIFIED,
    description: 'Läxhjälp, idrott och sommaraktiviteter för barn och unga i Sylte.',
    publicContact: 'kontakt@fritidsylte.example',
    districtIds: [districtId('Sylte'), districtId('Hjulkvarnelund')],
    founderEmail: 'anders@fritidsylte.example',
    members: [],
  },
  {
    id: organisation(6),
    name: 'Stödcentrum Kyrkan Trollhättan',
    organisationNumber: '802488-1230',
    kind: OrganisationKind.FAITH_BASED,
    status: OrganisationStatus.VERIFIED,
    description:
      'Öppet hus, soppkök och samtalsstöd. Stödgrupp för kvinnor i missbruk med kvinnliga ledare.',
    districtIds: [districtId('Centrum')],
    founderEmail: 'birgitta@stodcentrum.example',
    members: [],
  },
  {
    id: organisation(7),
    name: 'Lextorps Grannsamverkan',
    organisationNumber: '802499-2342',
    kind: OrganisationKind.OTHER,
    status: OrganisationStatus.PENDING,
    description: 'Grannar som samverkar för trygghet i Lextorp. Väntar på verifiering.',
    districtIds: [districtId('Lextorp')],
    founderEmail: 'goran@grannsamverkan.example',
    members: [],
  },
  {
    id: organisation(8),
    name: 'Nattugglorna Lärketorp',
    organisationNumber: '802401-3578',
    kind: OrganisationKind.NIGHT_WALK_GROUP,
    status: OrganisationStatus.SUSPENDED,
    statusReason: 'Verksamhetsberättelse för föregående år saknas.',
    description: 'Nattvandring i Lärketorp.',
    districtIds: [districtId('Lärketorp')],
    founderEmail: 'nils@nattugglorna.example',
    members: [],
  },
  {
    id: organisation(9),
    name: 'Trygga Vuxna Sylte',
    organisationNumber: '802510-4681',
    kind: OrganisationKind.NIGHT_WALK_GROUP,
    status: OrganisationStatus.VERIFIED,
    description:
      'Föräldrar och andra vuxna som nattvandrar i Sylte fredag och lördag kväll. Utdrag ur belastningsregistret krävs.',
    publicContact: 'tryggavuxna@tryggavuxna.example',
    districtIds: [districtId('Sylte')],
    founderEmail: 'leila@tryggavuxna.example',
    members: [
      { email: 'bjorn@tryggavuxna.example', role: MembershipRole.ORG_ADMIN },
      { email: 'mikael@tryggavuxna.example', role: MembershipRole.VOLUNTEER },
      { email: 'yasmin@tryggavuxna.example', role: MembershipRole.VOLUNTEER },
      { email: 'tove@tryggavuxna.example', role: MembershipRole.VOLUNTEER },
      { email: 'kerstin@tryggavuxna.example', role: MembershipRole.VOLUNTEER },
      { email: 'dragan@tryggavuxna.example', role: MembershipRole.VOLUNTEER },
      { email: 'amina@tryggavuxna.example', role: MembershipRole.VOLUNTEER },
    ],
    credentials: [
      ...[
        'leila@tryggavuxna.example',
        'bjorn@tryggavuxna.example',
        'mikael@tryggavuxna.example',
        'yasmin@tryggavuxna.example',
        'tove@tryggavuxna.example',
        'kerstin@tryggavuxna.example',
        'amina@tryggavuxna.example',
      ].map((email) => ({ email, kind: CredentialKind.POLICE_RECORD_CHECK, validForMonths: 12 })),
      // Runs out in a month: walks after that answer CREDENTIAL_REQUIRED.
      {
        email: 'dragan@tryggavuxna.example',
        kind: CredentialKind.POLICE_RECORD_CHECK,
        validForMonths: 1,
      },
    ],
  },
];

export const API_CLIENTS = [
  {
    id: 'a91c0000-0000-4000-8000-000000000001',
    name: 'Trygghetskartan (demo)',
    scopes: [ApiScope.DIRECTORY_READ, ApiScope.NIGHTWALKS_READ],
    key: DEMO_API_KEY,
  },
  {
    id: 'a91c0000-0000-4000-8000-000000000002',
    name: 'Platstavlan (demo)',
    scopes: [ApiScope.SHELTERS_AVAILABILITY],
    key: DEMO_SHELTER_BOARD_KEY,
  },
];
