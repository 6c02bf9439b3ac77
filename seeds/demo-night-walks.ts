import { CredentialKind } from '../src/modules/credentials';
import { IncidentCategory } from '../src/modules/night-walks';
import { districtId, organisationId } from './demo-data';

/**
 * Demo night walks: two groups walk every Friday and Saturday 21:00–01:00 in three districts. Walks
 * are numbered from the first Friday evening after seeding (0 that Friday, 1 the Saturday, 2 the
 * next Friday, …) for the coming eight weeks, and from two weekends earlier for the history.
 */

export const WALK_RULE = 'FREQ=WEEKLY;BYDAY=FR,SA';
export const WALK_HOUR = 21;
export const WALK_MINUTES = 240;
export const UPCOMING_WALKS = 16;
export const PAST_WALKS = 4;
export const SIGNUP_DEADLINE_MINUTES_BEFORE = 120;

export interface DemoUpcomingWalk {
  walk: number;
  /** Signed up in this order while places were left. */
  confirmed: string[];
  /** Then put on the waitlist, in this order. */
  waitlisted?: string[];
}

export interface DemoWalkReport {
  by: string;
  youngPeopleMet: number;
  adultsMet: number;
  referrals: number;
  policeContacted: number;
  incidentCategories: IncidentCategory[];
  areasCovered: string[];
  notes: string;
}

export interface DemoPastWalk {
  walk: number;
  /** Signed up and checked in. */
  walkers: string[];
  /** Signed up and never came: NO_SHOW once the walk is over. */
  noShows?: string[];
  /** Cancelled the day before, for this reason; otherwise it was walked and reported. */
  cancelledBecause?: string;
  report?: DemoWalkReport;
}

export interface DemoWalkSeries {
  organisationId: string;
  districtId: string;
  /** Publishes the walks; a COORDINATOR or ORG_ADMIN of the organisation. */
  coordinatorEmail: string;
  meetingPoint: string;
  minWalkers: number;
  maxWalkers: number;
  requiredCredentials: CredentialKind[];
  upcoming: DemoUpcomingWalk[];
  past: DemoPastWalk[];
}

const NATTVANDRARNA = organisationId('Nattvandrarna Kronogården');
const TRYGGA_VUXNA = organisationId('Trygga Vuxna Sylte');

const n = (name: string) => `${name}@nattvandrarna.example`;
const t = (name: string) => `${name}@tryggavuxna.example`;

export const NIGHT_WALK_SERIES: DemoWalkSeries[] = [
  {
    organisationId: NATTVANDRARNA,
    districtId: districtId('Kronogården'),
    coordinatorEmail: n('omar'),
    meetingPoint: 'Kronogårdens torg, vid biblioteket',
    minWalkers: 3,
    maxWalkers: 4,
    requiredCredentials: [],
    upcoming: [
      // Full, with two on the waitlist.
      {
        walk: 0,
        confirmed: [n('omar'), n('lina'), n('per'), n('ahmed')],
        waitlisted: [n('emma'), n('hanna')],
      },
      { walk: 1, confirmed: [n('lina'), n('emma'), n('jonas')] },
      // Below three walkers: understaffed once signups close.
      { walk: 2, confirmed: [n('omar'), n('ahmed')] },
      { walk: 3, confirmed: [n('per'), n('lina'), n('hanna'), n('jonas')] },
      { walk: 4, confirmed: [n('emma')] },
      { walk: 6, confirmed: [n('omar'), n('lina'), n('per')] },
    ],
    past: [
      {
        walk: 0,
        walkers: [n('omar'), n('lina'), n('per')],
        report: {
          by: n('omar'),
          youngPeopleMet: 14,
          adultsMet: 3,
          referrals: 1,
          policeContacted: 0,
          incidentCategories: [IncidentCategory.ALCOHOL],
          areasCovered: ['Kronogårdens torg', 'Skogshöjden', 'Gångtunneln mot Lextorp'],
          notes:
            'Lugn kväll. En grupp unga med alkohol vid torget; pratade med dem och en förälder hämtade. Ett barn hänvisat till fältgruppen.',
        },
      },
      {
        walk: 1,
        walkers: [n('lina'), n('ahmed'), n('emma')],
        noShows: [n('hanna')],
        report: {
          by: n('lina'),
          youngPeopleMet: 22,
          adultsMet: 5,
          referrals: 0,
          policeContacted: 1,
          incidentCategories: [IncidentCategory.VANDALISM, IncidentCategory.FIRE],
          areasCovered: ['Kronogårdens torg', 'Skolgården Kronan'],
          notes:
            'Brand i papperskorg vid skolan, släckt innan vi kom; polisen kontaktades om klotter på förskolan.',
        },
      },
      {
        walk: 2,
        walkers: [n('omar'), n('jonas')],
        cancelledBecause: 'Stormvarning från SMHI: vandringen ställs in.',
      },
      // Walked (everyone checked in) but not reported yet: Omar reports it in the night-walk guide.
      { walk: 3, walkers: [n('omar'), n('per'), n('jonas'), n('sara')] },
    ],
  },
  {
    organisationId: NATTVANDRARNA,
    districtId: districtId('Lextorp'),
    coordinatorEmail: n('karin'),
    meetingPoint: 'Lextorps centrum, vid pizzerian',
    minWalkers: 3,
    maxWalkers: 5,
    requiredCredentials: [],
    upcoming: [
      { walk: 0, confirmed: [n('karin'), n('sara'), n('jonas')] },
      { walk: 1, confirmed: [n('karin'), n('omar')] },
      { walk: 2, confirmed: [n('sara'), n('per'), n('emma'), n('hanna'), n('lina')] },
      { walk: 3, confirmed: [n('karin'), n('omar'), n('ahmed')] },
    ],
    past: [],
  },
  {
    organisationId: TRYGGA_VUXNA,
    districtId: districtId('Sylte'),
    coordinatorEmail: t('bjorn'),
    meetingPoint: 'Sylte centrum, vid fritidsgården',
    minWalkers: 3,
    maxWalkers: 6,
    requiredCredentials: [CredentialKind.POLICE_RECORD_CHECK],
    upcoming: [
      {
        walk: 0,
        confirmed: [t('bjorn'), t('mikael'), t('yasmin'), t('tove'), t('kerstin'), t('amina')],
        waitlisted: [t('leila')],
      },
      { walk: 1, confirmed: [t('mikael'), t('tove'), t('dragan')] },
      { walk: 2, confirmed: [t('yasmin'), t('kerstin')] },
      { walk: 3, confirmed: [t('bjorn'), t('amina'), t('tove'), t('mikael')] },
      { walk: 5, confirmed: [t('leila'), t('yasmin')] },
    ],
    past: [
      {
        walk: 0,
        walkers: [t('bjorn'), t('mikael'), t('tove'), t('amina')],
        report: {
          by: t('bjorn'),
          youngPeopleMet: 18,
          adultsMet: 4,
          referrals: 2,
          policeContacted: 0,
          incidentCategories: [IncidentCategory.DRUGS],
          areasCovered: [
            'Sylte centrum',
            'Fritidsgården',
            'Gång- och cykelvägen mot Hjulkvarnelund',
          ],
          notes:
            'Oro för langning vid gångvägen; två unga hänvisade till socialtjänstens fältgrupp efter samtal.',
        },
      },
      {
        walk: 1,
        walkers: [t('leila'), t('yasmin'), t('kerstin')],
        report: {
          by: t('leila'),
          youngPeopleMet: 11,
          adultsMet: 1,
          referrals: 0,
          policeContacted: 0,
          incidentCategories: [],
          areasCovered: ['Sylte centrum', 'Fritidsgården'],
          notes: 'Lugnt. Fritidsgården hade öppet till midnatt.',
        },
      },
      {
        walk: 2,
        walkers: [t('bjorn'), t('dragan'), t('tove')],
        noShows: [t('mikael')],
        report: {
          by: t('bjorn'),
          youngPeopleMet: 25,
          adultsMet: 6,
          referrals: 1,
          policeContacted: 1,
          incidentCategories: [IncidentCategory.THREATS, IncidentCategory.HARASSMENT],
          areasCovered: ['Sylte centrum', 'Busshållplatsen Sylte'],
          notes:
            'Hot mellan två grupper vid busshållplatsen; polisen kontaktades och kom. Ingen skadad.',
        },
      },
      {
        walk: 3,
        walkers: [t('leila'), t('amina'), t('kerstin'), t('yasmin')],
        report: {
          by: t('amina'),
          youngPeopleMet: 16,
          adultsMet: 2,
          referrals: 0,
          policeContacted: 0,
          incidentCategories: [IncidentCategory.MENTAL_HEALTH],
          areasCovered: ['Sylte centrum', 'Fritidsgården'],
          notes: 'En ung person mådde dåligt; följde med hem till en vuxen.',
        },
      },
    ],
  },
];

/**
 * A short extra walk on the next evening, whose signups closed an hour before seeding with two of
 * three walkers: what a coordinator sees in `understaffedShifts` (confirm it anyway, or cancel).
 */
export const EXTRA_WALK = {
  organisationId: NATTVANDRARNA,
  districtId: districtId('Lextorp'),
  coordinatorEmail: n('karin'),
  meetingPoint: 'Lextorps centrum, extra kvällsvandring efter skolavslutningen',
  startHour: 18,
  minutes: 120,
  minWalkers: 3,
  maxWalkers: 5,
  confirmed: [n('per'), n('sara')],
};
