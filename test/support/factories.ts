import { randomInt } from 'node:crypto';
import { ApiScope, PersonActor, SystemRole } from '../../src/common/actor';
import { ApiClient, ApiClientsService } from '../../src/modules/api-clients';
import { AuthService } from '../../src/modules/auth';
import {
  BookableBy,
  Booking,
  BookingRequestsService,
  Resource,
  ResourceKind,
  ResourceManagementService,
} from '../../src/modules/bookings';
import { CreateResourceInput } from '../../src/modules/bookings/dto/resource.inputs';
import { District, DistrictsService } from '../../src/modules/districts';
import {
  Membership,
  MembershipRole,
  MembershipsService,
  Organisation,
  OrganisationKind,
  OrganisationsService,
  OrganisationStatus,
} from '../../src/modules/organisations';
import { luhnCheckDigit } from '../../src/common/luhn';
import {
  FollowUpReport,
  FollowUpReportsService,
  GrantApplication,
  GrantApplyingService,
  GrantAssessmentService,
  GrantDecisionsService,
  GrantLedgerEntry,
  GrantMoneyService,
  GrantProgramme,
  GrantProgrammesService,
} from '../../src/modules/grants';
import { CreateGrantProgrammeInput } from '../../src/modules/grants/dto/grant-programme.inputs';
import { ShiftPlanningService, Shift } from '../../src/modules/night-walks';
import { CreateShiftInput } from '../../src/modules/night-walks/dto/shift.inputs';
import { PasswordService, Person } from '../../src/modules/people';
import {
  ServiceCategory,
  SupportService,
  SupportServicesService,
} from '../../src/modules/services';
import { CreateSupportServiceInput } from '../../src/modules/services/dto/support-service.inputs';
import { Shelter, ShelterAvailabilityService, SheltersService } from '../../src/modules/shelters';
import { CreateShelterInput } from '../../src/modules/shelters/dto/shelter.inputs';
import { TargetGroup } from '../../src/common/target-group';
import { Client } from './graphql-client';
import type { TestApp } from './test-app';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** How far a factory-made grant application goes. */
export type GrantApplicationStage = 'DRAFT' | 'SUBMITTED' | 'UNDER_REVIEW' | 'REVIEWED';

/** The password of every person the factories create. */
export const TEST_PASSWORD = 'correct horse battery staple';

/** A person with a signed-in client. */
export interface SignedIn {
  person: Person;
  client: Client;
  token: string;
  refreshToken: string;
  actor: PersonActor;
}

export interface PersonOptions {
  email?: string;
  displayName?: string;
  systemRole?: SystemRole | null;
  protectedIdentity?: boolean;
  /** Whether the address is verified; true unless told (an unverified account holds no membership). */
  emailVerified?: boolean;
}

export interface OrganisationOptions {
  name?: string;
  kind?: OrganisationKind;
  status?: OrganisationStatus;
  districtIds?: string[];
  admin?: SignedIn;
}

/** Where this process's organisationsnummer start: random, so that runs differ. */
let nextOrganisationNumber = randomInt(0, 100_000_000);

/**
 * A valid organisationsnummer of an association (starts with 8), never the same twice in a process
 * (random ones met in a suite that registers thousands of organisations).
 */
export function organisationNumber(): string {
  nextOrganisationNumber = (nextOrganisationNumber + 1) % 100_000_000;
  const nine = `8${String(nextOrganisationNumber).padStart(8, '0')}`;
  return `${nine.slice(0, 6)}-${nine.slice(6)}${luhnCheckDigit(nine)}`;
}

let passwordHash: Promise<string> | undefined;

/**
 * Builds test data through the services, so the domain rules hold for it. People are the one
 * shortcut: they are inserted with one shared password hash (argon2 per person would make tests
 * that need hundreds of people slow), and signed in without a login round trip.
 */
export class Factories {
  private sequence = 0;
  private officer?: Promise<SignedIn>;

  constructor(private readonly test: TestApp) {}

  unique(prefix: string): string {
    this.sequence += 1;
    return `${prefix}-${process.pid}-${Date.now().toString(36)}-${this.sequence}`;
  }

  async person(options: PersonOptions = {}): Promise<Person> {
    passwordHash ??= this.test.get(PasswordService).hash(TEST_PASSWORD);
    const people = this.test.dataSource.getRepository(Person);
    const email = options.email ?? `${this.unique('person')}@example.se`;
    return people.save(
      people.create({
        email: email.toLowerCase(),
        displayName: options.displayName ?? `Testperson ${this.sequence}`,
        phone: null,
        passwordHash: await passwordHash,
        systemRole: options.systemRole ?? null,
        protectedIdentity: options.protectedIdentity ?? false,
        emailVerifiedAt: options.emailVerified === false ? null : this.test.clock.now(),
      }),
    );
  }

  /** A session of the person with this address (a demo login, say), without `login`. */
  async signInEmail(email: string): Promise<SignedIn> {
    const person = await this.test.dataSource.getRepository(Person).findOneBy({ email });
    if (!person) throw new Error(`No person with the address ${email}`);
    return this.signIn(person);
  }

  async signIn(person: Person): Promise<SignedIn> {
    const { payload, actor } = await this.test.get(AuthService).startSession(person);
    return {
      person,
      token: payload.accessToken,
      refreshToken: payload.refreshToken,
      client: this.test.client({ token: payload.accessToken }),
      actor,
    };
  }

  async signedIn(options: PersonOptions = {}): Promise<SignedIn> {
    return this.signIn(await this.person(options));
  }

  admin(): Promise<SignedIn> {
    return this.signedIn({ systemRole: SystemRole.ADMIN, displayName: 'Admin' });
  }

  municipalOfficer(): Promise<SignedIn> {
    return this.signedIn({ systemRole: SystemRole.MUNICIPAL_OFFICER, displayName: 'Handläggare' });
  }

  socialServices(): Promise<SignedIn> {
    return this.signedIn({
      systemRole: SystemRole.SOCIAL_SERVICES,
      displayName: 'Socialsekreterare',
    });
  }

  async district(name?: string): Promise<District> {
    const admin = await this.sharedOfficer();
    return this.test
      .get(DistrictsService)
      .create(admin.actor, { name: name ?? this.unique('Distrikt') });
  }

  /** A registered organisation, VERIFIED unless asked otherwise, with a signed-in ORG_ADMIN. */
  async organisation(
    options: OrganisationOptions = {},
  ): Promise<{ organisation: Organisation; admin: SignedIn }> {
    const admin = options.admin ?? (await this.signedIn({ displayName: 'Föreningsadmin' }));
    const organisations = this.test.get(OrganisationsService);
    let organisation = await organisations.register(admin.actor, {
      name: options.name ?? this.unique('Föreningen'),
      organisationNumber: organisationNumber(),
      kind: options.kind ?? OrganisationKind.VOLUNTARY_ASSOCIATION,
      districtIds: options.districtIds ?? [],
      description: 'Testförening',
    });
    const status = options.status ?? OrganisationStatus.VERIFIED;
    const officer = (await this.sharedOfficer()).actor;
    if (status === OrganisationStatus.VERIFIED || status === OrganisationStatus.SUSPENDED) {
      organisation = await organisations.decide(
        officer,
        { organisationId: organisation.id },
        OrganisationStatus.VERIFIED,
      );
    }
    if (status === OrganisationStatus.SUSPENDED) {
      organisation = await this.suspend(organisation.id);
    }
    if (status === OrganisationStatus.REJECTED) {
      organisation = await organisations.decide(
        officer,
        { organisationId: organisation.id, reason: 'Test' },
        status,
      );
    }
    return { organisation, admin };
  }

  /** Suspends a VERIFIED organisation, as an officer would. */
  async suspend(organisationId: string, reason = 'Test'): Promise<Organisation> {
    return this.test
      .get(OrganisationsService)
      .decide(
        (await this.sharedOfficer()).actor,
        { organisationId, reason },
        OrganisationStatus.SUSPENDED,
      );
  }

  /** A VERIFIED night-walk group with a COORDINATOR and `volunteers` active volunteers. */
  async nightWalkGroup(
    volunteers = 3,
    options: OrganisationOptions = {},
  ): Promise<{
    organisation: Organisation;
    admin: SignedIn;
    coordinator: SignedIn;
    walkers: SignedIn[];
  }> {
    const owner = await this.organisation({ kind: OrganisationKind.NIGHT_WALK_GROUP, ...options });
    const coordinator = await this.member(
      owner.organisation.id,
      owner.admin,
      MembershipRole.COORDINATOR,
    );
    const walkers: SignedIn[] = [];
    for (let index = 0; index < volunteers; index += 1) {
      walkers.push(await this.member(owner.organisation.id, owner.admin));
    }
    return { ...owner, coordinator, walkers };
  }

  /** A person invited by the organisation's admin who accepted: an ACTIVE member with this role. */
  async member(
    organisationId: string,
    admin: SignedIn,
    role: MembershipRole = MembershipRole.VOLUNTEER,
    options: PersonOptions = {},
  ): Promise<SignedIn & { membership: Membership }> {
    const member = await this.signedIn(options);
    const memberships = this.test.get(MembershipsService);
    const invitation = await memberships.invite(admin.actor, {
      organisationId,
      email: member.person.email,
      role,
    });
    const membership = await memberships.accept(member.actor, { membershipId: invitation.id });
    return { ...member, membership };
  }

  async apiClient(
    scopes: ApiScope[],
    ownerOrganisationId?: string,
  ): Promise<{ apiClient: ApiClient; apiKey: string; client: Client }> {
    const admin = await this.sharedOfficer();
    const created = await this.test
      .get(ApiClientsService)
      .create(admin.actor, { name: this.unique('Partnerapp'), scopes, ownerOrganisationId });
    return { ...created, client: this.test.client({ apiKey: created.apiKey }) };
  }

  /**
   * A night walk published by the organisation's admin: by default three days from the app's clock,
   * four hours long, 3–6 walkers, signups open until the start.
   */
  async shift(
    owner: { organisation: Pick<Organisation, 'id'>; admin: SignedIn },
    options: Partial<CreateShiftInput> = {},
  ): Promise<Shift> {
    const startsAt =
      options.startsAt ?? new Date(this.test.clock.now().getTime() + 3 * 24 * 3600_000);
    const districtId = options.districtId ?? (await this.district()).id;
    return this.test.get(ShiftPlanningService).create(owner.admin.actor, {
      organisationId: owner.organisation.id,
      districtId,
      startsAt,
      endsAt: options.endsAt ?? new Date(startsAt.getTime() + 4 * 3600_000),
      meetingPoint: options.meetingPoint ?? 'Kronogårdstorget',
      minWalkers: options.minWalkers ?? 3,
      maxWalkers: options.maxWalkers ?? 6,
      requiredCredentials: options.requiredCredentials ?? [],
      signupDeadline: options.signupDeadline,
    });
  }

  /**
   * A shelter of the organisation, registered by its admin: 6 adult and 4 child places for women
   * with children in Trollhättan; `free` reports that many free adult places (and 2 child places).
   */
  async shelter(
    owner: { organisation: Pick<Organisation, 'id'>; admin: SignedIn },
    options: Partial<CreateShelterInput> & { free?: number } = {},
  ): Promise<Shelter> {
    const { free, ...input } = options;
    const shelters = this.test.get(SheltersService);
    const shelter = await shelters.create(owner.admin.actor, {
      organisationId: owner.organisation.id,
      displayName: this.unique('Boende'),
      area: 'Trollhättan',
      targetGroups: [TargetGroup.WOMEN, TargetGroup.WOMEN_WITH_CHILDREN],
      features: [],
      languages: ['sv'],
      totalAdultPlaces: 6,
      totalChildPlaces: 4,
      ...input,
    });
    if (free === undefined) return shelter;
    return this.test.get(ShelterAvailabilityService).report(owner.admin.actor, {
      shelterId: shelter.id,
      freeAdultPlaces: free,
      freeChildPlaces: Math.min(2, shelter.totalChildPlaces),
    });
  }

  /** A support service of the organisation, published by its admin (a food bank, no opening hours). */
  async supportService(
    owner: { organisation: Pick<Organisation, 'id'>; admin: SignedIn },
    options: Partial<CreateSupportServiceInput> = {},
  ): Promise<SupportService> {
    return this.test.get(SupportServicesService).create(owner.admin.actor, {
      organisationId: owner.organisation.id,
      name: this.unique('Tjänst'),
      category: ServiceCategory.FOOD,
      address: 'Drottninggatan 1, Trollhättan',
      ...options,
      districtId: options.districtId ?? (await this.district()).id,
    });
  }

  /**
   * A shared resource with no booking rules unless told: the municipality's (added by an officer),
   * or, given an `owner`, that organisation's own (added by its admin).
   */
  async resource(
    options: Partial<Omit<CreateResourceInput, 'ownerOrganisationId'>> & {
      owner?: { organisation: Pick<Organisation, 'id'>; admin: SignedIn };
    } = {},
  ): Promise<Resource> {
    const { owner, ...rules } = options;
    const actor = owner ? owner.admin.actor : (await this.sharedOfficer()).actor;
    return this.test.get(ResourceManagementService).create(actor, {
      name: this.unique('Samlingsrum'),
      kind: ResourceKind.ROOM,
      location: 'Familjehuset, Kronogården',
      description: '',
      bookableBy: BookableBy.ALL_VERIFIED,
      allowedKinds: [],
      requiresApproval: false,
      bufferMinutes: 0,
      ...rules,
      ownerOrganisationId: owner?.organisation.id ?? null,
    });
  }

  /** A booking by the organisation's admin, through the service: by default two hours, a week ahead. */
  async booking(
    resource: Pick<Resource, 'id'>,
    booker: { organisation: Pick<Organisation, 'id'>; admin: SignedIn },
    options: { startsAt?: Date; endsAt?: Date; purpose?: string; confidential?: boolean } = {},
  ): Promise<Booking> {
    const startsAt =
      options.startsAt ?? new Date(this.test.clock.now().getTime() + 7 * 24 * 3600_000);
    return this.test.get(BookingRequestsService).book(booker.admin.actor, {
      resourceId: resource.id,
      organisationId: booker.organisation.id,
      startsAt,
      endsAt: options.endsAt ?? new Date(startsAt.getTime() + 2 * 3600_000),
      purpose: options.purpose ?? 'Styrelsemöte',
      confidential: options.confidential,
    });
  }

  /**
   * A grant programme created by an officer and opened (unless `open: false`): by default
   * 1 000 000 kr for voluntary associations, at most 100 000 kr per application, open from an hour
   * ago for 30 days, follow-up due 180 days after closing, two criteria ("Barn och unga" weight 2,
   * "Trygghet" weight 1).
   */
  async grantProgramme(
    options: Partial<CreateGrantProgrammeInput> & { open?: boolean } = {},
  ): Promise<GrantProgramme> {
    const officer = (await this.sharedOfficer()).actor;
    const programmes = this.test.get(GrantProgrammesService);
    const now = this.test.clock.now().getTime();
    const opensAt = options.opensAt ?? new Date(now - HOUR);
    const closesAt = options.closesAt ?? new Date(now + 30 * DAY);
    const created = await programmes.create(officer, {
      name: options.name ?? this.unique('Bidrag'),
      description: options.description,
      fiscalYear: options.fiscalYear ?? 2026,
      budget: options.budget ?? 100_000_000,
      eligibleKinds: options.eligibleKinds ?? [OrganisationKind.VOLUNTARY_ASSOCIATION],
      opensAt,
      closesAt,
      maxPerApplication: options.maxPerApplication ?? 10_000_000,
      followUpDueAt: options.followUpDueAt ?? new Date(closesAt.getTime() + 180 * DAY),
      criteria: options.criteria ?? [
        { name: 'Barn och unga', weight: 2 },
        { name: 'Trygghet', weight: 1 },
      ],
    });
    if (options.open === false) return created;
    return programmes.open(officer, { programmeId: created.id });
  }

  /**
   * An application of the organisation (by its ORG_ADMIN) to the programme, for `requestedAmount`
   * öre in one budget line, taken as far as `stage`: submitted, under review, or reviewed (scored
   * 4 and 3 by a behind-the-scenes officer). Default: REVIEWED, ready for a decision.
   */
  async grantApplication(
    programme: Pick<GrantProgramme, 'id' | 'criteria'>,
    owner: { organisation: Pick<Organisation, 'id'>; admin: SignedIn },
    options: { requestedAmount?: number; stage?: GrantApplicationStage; purpose?: string } = {},
  ): Promise<GrantApplication> {
    const applications = this.test.get(GrantApplyingService);
    const assessment = this.test.get(GrantAssessmentService);
    const requestedAmount = options.requestedAmount ?? 5_000_000;
    const stage = options.stage ?? 'REVIEWED';
    let application = await applications.create(owner.admin.actor, {
      programmeId: programme.id,
      organisationId: owner.organisation.id,
      purpose: options.purpose ?? 'Läxhjälp och fotboll för barn i stadsdelen',
      requestedAmount,
      budgetLines: [{ label: 'Verksamhet', amount: requestedAmount }],
    });
    if (stage === 'DRAFT') return application;
    application = await applications.submit(owner.admin.actor, { applicationId: application.id });
    if (stage === 'SUBMITTED') return application;
    const officer = (await this.sharedOfficer()).actor;
    application = await assessment.startReview(officer, { applicationId: application.id });
    if (stage === 'UNDER_REVIEW') return application;
    await assessment.review(officer, {
      applicationId: application.id,
      scores: programme.criteria.map((criterion, index) => ({
        criterion: criterion.name,
        score: index === 0 ? 4 : 3,
      })),
      comment: 'Välgrundad ansökan.',
    });
    return application;
  }

  /** Decides a reviewed application as a behind-the-scenes officer. */
  async decideGrant(
    applicationId: string,
    awardedAmount: number,
    motivation = 'Delvis beviljad inom ramen',
  ): Promise<GrantApplication> {
    return this.test
      .get(GrantDecisionsService)
      .decide((await this.sharedOfficer()).actor, { applicationId, awardedAmount, motivation });
  }

  /** Records a payment of an award (dated now) as a behind-the-scenes officer. */
  async payGrant(applicationId: string, amount: number): Promise<GrantLedgerEntry> {
    return this.test.get(GrantMoneyService).disburse((await this.sharedOfficer()).actor, {
      applicationId,
      amount,
      paidAt: this.test.clock.now(),
      reference: this.unique('UB'),
    });
  }

  /** The organisation's follow-up report on an award, submitted and, unless told not to, approved. */
  async followUpReport(
    owner: { admin: SignedIn },
    applicationId: string,
    amountSpent: number,
    options: { approve?: boolean } = {},
  ): Promise<FollowUpReport> {
    const reports = this.test.get(FollowUpReportsService);
    const report = await reports.submit(owner.admin.actor, {
      applicationId,
      outcomes: 'Verksamheten genomfördes enligt ansökan.',
      amountSpent,
    });
    if (options.approve === false) return report;
    return reports.approve((await this.sharedOfficer()).actor, { reportId: report.id });
  }

  /** One ADMIN-capable officer per app, used behind the scenes (verifying organisations etc.). */
  private sharedOfficer(): Promise<SignedIn> {
    this.officer ??= this.signedIn({ systemRole: SystemRole.ADMIN, displayName: 'Systemadmin' });
    return this.officer;
  }
}
