import { DiscoveryModule } from '@nestjs/core';
import { ApiScope } from '../src/common/actor';
import { BlackoutsService, BookingRequestsService } from '../src/modules/bookings';
import { GrantProgrammesService } from '../src/modules/grants';
import { Shift, SignupsService } from '../src/modules/night-walks';
import { MailMessage, MailStatus, NotificationKind } from '../src/modules/notifications';
import { Membership, MembershipRole, OrganisationStatus } from '../src/modules/organisations';
import { SupportService } from '../src/modules/services';
import { PlacementRequest, PlacementsService, Shelter } from '../src/modules/shelters';
import {
  ADD_CREDENTIAL,
  APPROVE_FOLLOW_UP_REPORT,
  CREATE_GRANT_APPLICATION,
  CREATE_GRANT_PROGRAMME,
  DECIDE_GRANT_APPLICATION,
  RECORD_ADJUSTMENT,
  RECORD_DISBURSEMENT,
  RECORD_RECOVERY,
  RETURN_FOLLOW_UP_REPORT,
  REVIEW_GRANT_APPLICATION,
  START_GRANT_REVIEW,
  SUBMIT_FOLLOW_UP_REPORT,
  SUBMIT_GRANT_APPLICATION,
  WITHDRAW_GRANT_APPLICATION,
  CANCEL_SHIFT,
  CANCEL_SIGNUP,
  CHECK_IN,
  CONFIRM_SHIFT,
  CREATE_API_CLIENT,
  CREATE_SHIFT_SERIES,
  REVOKE_API_CLIENT,
  SIGN_UP,
  UPDATE_SHIFT,
  VERIFY_CREDENTIAL,
} from './support/documents';
import {
  GrantApplicationStage,
  organisationNumber,
  SignedIn,
  TEST_PASSWORD,
} from './support/factories';
import { Client, GraphQLResponse, outcomeOf } from './support/graphql-client';
import { declaredOperations } from './support/operations';
import { TestApp } from './support/test-app';
import { NODE_TYPES } from '../src/graphql/node';

/** The kinds of caller every root operation is tried with. */
const ROLES = [
  'anonymous',
  'partnerApp',
  'volunteer',
  'orgAdmin',
  'otherOrgAdmin',
  'officer',
  'socialServices',
  'admin',
] as const;
type Role = (typeof ROLES)[number];

/** One caller's world: an organisation X with its ORG_ADMIN and a volunteer, and another organisation. */
interface World {
  test: TestApp;
  x: {
    id: string;
    admin: SignedIn;
    volunteer: SignedIn & { membership: Membership };
    /** A walk of X starting in 30 minutes, the volunteer confirmed on it. */
    shift: Shift;
    signupId: string;
  };
  y: { id: string; admin: SignedIn };
  caller: { client: Client; person?: SignedIn };
}

type Run = (world: World) => Promise<GraphQLResponse>;

type Variables = Record<string, unknown>;

const gql =
  (query: string, variables: Variables | ((world: World) => Promise<Variables> | Variables) = {}) =>
  async (world: World) =>
    world.caller.client.request(
      query,
      typeof variables === 'function' ? await variables(world) : variables,
    );

/** A shelter of X with two free adult places. */
const shelterOfX = ({ test, x }: World): Promise<Shelter> =>
  test.factories.shelter({ organisation: { id: x.id }, admin: x.admin }, { free: 2 });

/** A request from social services to a shelter of X; accepted (places held) when asked. */
async function placementAtX(world: World, accepted = false): Promise<PlacementRequest> {
  const shelter = await shelterOfX(world);
  const social = await world.test.factories.socialServices();
  const placements = world.test.get(PlacementsService);
  const placement = await placements.request(social.actor, {
    shelterId: shelter.id,
    adults: 1,
    children: 0,
    needs: [],
    caseReference: 'IFO-MATRIS',
  });
  return accepted
    ? placements.respond(world.x.admin.actor, { placementId: placement.id, accept: true })
    : placement;
}

/** A support service of X. */
const serviceOfX = ({ test, x }: World): Promise<SupportService> =>
  test.factories.supportService({ organisation: { id: x.id }, admin: x.admin });

/** A booking by X of a municipal resource that needs approval: it waits for an officer. */
async function requestedBooking(test: TestApp, x: World['x']) {
  const resource = await test.factories.resource({ requiresApproval: true });
  return test.factories.booking(resource, { organisation: x, admin: x.admin });
}

/** An application of organisation X to a fresh open programme, taken to `stage`. */
async function grantOfX(world: World, stage: GrantApplicationStage = 'REVIEWED') {
  const programme = await world.test.factories.grantProgramme();
  const application = await world.test.factories.grantApplication(
    programme,
    { organisation: { id: world.x.id }, admin: world.x.admin },
    { stage, requestedAmount: 1_000_000 },
  );
  return { programme, application };
}

/** X's application, awarded 1 000 000 öre. */
async function awardOfX(world: World) {
  const grant = await grantOfX(world);
  await world.test.factories.decideGrant(grant.application.id, 1_000_000);
  return grant;
}

const PROGRAMME_ID = `mutation($input: GrantProgrammeIdInput!) { NAME(input: $input) { id } }`;

/**
 * Expected outcome per role, in the order of ROLES: `ok`, or the error code.
 * U = UNAUTHENTICATED, F = FORBIDDEN.
 */
const MATRIX: Record<string, [string, Run]> = {
  'Query.me': ['U F ok ok ok ok ok ok', gql(`{ me { id } }`)],
  'Query.districts': ['ok ok ok ok ok ok ok ok', gql(`{ districts { totalCount } }`)],
  'Query.district': [
    'ok ok ok ok ok ok ok ok',
    gql(`query($id: ID!) { district(id: $id) { id } }`, async ({ test }) => ({
      id: (await test.factories.district()).id,
    })),
  ],
  'Query.organisations': ['ok ok ok ok ok ok ok ok', gql(`{ organisations { totalCount } }`)],
  'Query.node': [
    'ok ok ok ok ok ok ok ok',
    gql(`query($id: ID!) { node(id: $id) { id } }`, ({ x }) => ({ id: x.shift.id })),
  ],
  'Query.nodes': [
    'ok ok ok ok ok ok ok ok',
    gql(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, ({ x }) => ({
      ids: [x.shift.id, x.id],
    })),
  ],
  'Query.organisation': [
    'ok ok ok ok ok ok ok ok',
    gql(`query($id: ID!) { organisation(id: $id) { id } }`, ({ x }) => ({ id: x.id })),
  ],
  'Query.auditLog': ['U F F F F ok F ok', gql(`{ auditLog { totalCount } }`)],
  'Query.apiClients': [
    'U F F ok F F F ok',
    gql(
      `query($id: ID!) { apiClients(filter: { ownerOrganisationId: $id }) { totalCount } }`,
      ({ x }) => ({ id: x.id }),
    ),
  ],
  'Mutation.requestEmailVerification': [
    'U F ok ok ok ok ok ok',
    gql(`mutation { requestEmailVerification }`),
  ],
  'Mutation.register': [
    'ok ok ok ok ok ok ok ok',
    gql(`mutation($input: RegisterInput!) { register(input: $input) { email } }`, ({ test }) => ({
      input: {
        email: `${test.factories.unique('matris')}@example.se`,
        password: TEST_PASSWORD,
        displayName: 'M',
      },
    })),
  ],
  'Mutation.login': [
    'ok ok ok ok ok ok ok ok',
    gql(
      `mutation($input: LoginInput!) { login(input: $input) { accessToken } }`,
      async ({ test }) => ({
        input: { email: (await test.factories.person()).email, password: TEST_PASSWORD },
      }),
    ),
  ],
  'Mutation.refreshToken': [
    'ok ok ok ok ok ok ok ok',
    gql(
      `mutation($input: RefreshTokenInput!) { refreshToken(input: $input) { accessToken } }`,
      async ({ test }) => ({
        input: { refreshToken: (await test.factories.signedIn()).refreshToken },
      }),
    ),
  ],
  'Mutation.logout': ['U F ok ok ok ok ok ok', gql(`mutation { logout }`)],
  'Mutation.changePassword': [
    'U F ok ok ok ok ok ok',
    gql(`mutation($input: ChangePasswordInput!) { changePassword(input: $input) { id } }`, {
      input: { currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD },
    }),
  ],
  'Mutation.updateProfile': [
    'U F ok ok ok ok ok ok',
    gql(`mutation { updateProfile(input: { displayName: "Nytt namn" }) { id } }`),
  ],
  'Mutation.setProtectedIdentity': [
    'U F ok ok ok ok ok ok',
    gql(
      `mutation($input: SetProtectedIdentityInput!) { setProtectedIdentity(input: $input) { id } }`,
      ({ caller }) => ({
        input: {
          personId: caller.person?.person.id ?? '00000000-0000-4000-8000-000000000000',
          protectedIdentity: true,
        },
      }),
    ),
  ],
  'Mutation.createStaffAccount': [
    'U F F F F F F ok',
    gql(
      `mutation($input: CreateStaffAccountInput!) { createStaffAccount(input: $input) { id } }`,
      ({ test }) => ({
        input: {
          email: `${test.factories.unique('personal')}@example.se`,
          displayName: 'Personal',
          systemRole: 'SOCIAL_SERVICES',
          password: TEST_PASSWORD,
        },
      }),
    ),
  ],
  'Mutation.createDistrict': [
    'U F F F F F F ok',
    gql(
      `mutation($input: CreateDistrictInput!) { createDistrict(input: $input) { id } }`,
      ({ test }) => ({
        input: { name: test.factories.unique('Matrisdistrikt') },
      }),
    ),
  ],
  'Mutation.registerOrganisation': [
    'U F ok ok ok ok ok ok',
    gql(
      `mutation($input: RegisterOrganisationInput!) { registerOrganisation(input: $input) { id } }`,
      () => ({
        input: {
          name: 'Matrisföreningen',
          organisationNumber: organisationNumber(),
          kind: 'OTHER',
          districtIds: [],
        },
      }),
    ),
  ],
  'Mutation.updateOrganisation': [
    'U F F ok F F F ok',
    gql(
      `mutation($input: UpdateOrganisationInput!) { updateOrganisation(input: $input) { id } }`,
      ({ x }) => ({
        input: { organisationId: x.id, description: 'Ändrad' },
      }),
    ),
  ],
  'Mutation.verifyOrganisation': [
    'U F F F F ok F ok',
    gql(
      `mutation($input: OrganisationDecisionInput!) { verifyOrganisation(input: $input) { id } }`,
      async ({ test }) => ({
        input: {
          organisationId: (
            await test.factories.organisation({ status: OrganisationStatus.PENDING })
          ).organisation.id,
        },
      }),
    ),
  ],
  'Mutation.rejectOrganisation': [
    'U F F F F ok F ok',
    gql(
      `mutation($input: OrganisationDecisionInput!) { rejectOrganisation(input: $input) { id } }`,
      async ({ test }) => ({
        input: {
          organisationId: (
            await test.factories.organisation({ status: OrganisationStatus.PENDING })
          ).organisation.id,
          reason: 'Matris',
        },
      }),
    ),
  ],
  'Mutation.suspendOrganisation': [
    'U F F F F ok F ok',
    gql(
      `mutation($input: OrganisationDecisionInput!) { suspendOrganisation(input: $input) { id } }`,
      async ({ test }) => ({
        input: {
          organisationId: (await test.factories.organisation()).organisation.id,
          reason: 'Matris',
        },
      }),
    ),
  ],
  'Mutation.inviteMember': [
    'U F F ok F F F ok',
    gql(
      `mutation($input: InviteMemberInput!) { inviteMember(input: $input) { id } }`,
      ({ test, x }) => ({
        input: {
          organisationId: x.id,
          email: `${test.factories.unique('inbjudan')}@example.se`,
          role: 'VOLUNTEER',
        },
      }),
    ),
  ],
  'Mutation.changeMemberRole': [
    'U F F ok F F F ok',
    gql(
      `mutation($input: ChangeMemberRoleInput!) { changeMemberRole(input: $input) { id } }`,
      ({ x }) => ({
        input: { membershipId: x.volunteer.membership.id, role: 'COORDINATOR' },
      }),
    ),
  ],
  'Mutation.removeMember': [
    'U F F ok F F F ok',
    gql(`mutation($input: MembershipIdInput!) { removeMember(input: $input) { id } }`, ({ x }) => ({
      input: { membershipId: x.volunteer.membership.id },
    })),
  ],
  'Mutation.createApiClient': [
    'U F F ok F F F ok',
    gql(CREATE_API_CLIENT, ({ x }) => ({
      input: { name: 'Matrisappen', ownerOrganisationId: x.id, scopes: ['DIRECTORY_READ'] },
    })),
  ],
  'Mutation.revokeApiClient': [
    'U F F ok F F F ok',
    gql(REVOKE_API_CLIENT, async ({ test, x }) => ({
      input: {
        apiClientId: (await test.factories.apiClient([ApiScope.DIRECTORY_READ], x.id)).apiClient.id,
      },
    })),
  ],
  'Mutation.verifyCredential': [
    'U F F ok F F F ok',
    gql(VERIFY_CREDENTIAL, async ({ x }) => {
      const { addCredential } = await x.volunteer.client.ok(ADD_CREDENTIAL, {
        input: { organisationId: x.id, kind: 'FIRST_AID', validUntil: '2040-12-31' },
      });
      return { input: { credentialId: addCredential.id } };
    }),
  ],
  'Query.shifts': ['ok ok ok ok ok ok ok ok', gql(`{ shifts { totalCount } }`)],
  'Query.shift': [
    'ok ok ok ok ok ok ok ok',
    gql(`query($id: ID!) { shift(id: $id) { id } }`, ({ x }) => ({ id: x.shift.id })),
  ],
  'Query.myShifts': ['U F ok ok ok ok ok ok', gql(`{ myShifts { id } }`)],
  'Query.understaffedShifts': [
    'U F F ok F F F ok',
    gql(`query($id: ID!) { understaffedShifts(organisationId: $id) { id } }`, ({ x }) => ({
      id: x.id,
    })),
  ],
  'Query.myHours': ['U F ok ok ok ok ok ok', gql(`{ myHours { minutes } }`)],
  'Query.volunteerHours': [
    'U F F ok F F F ok',
    gql(`query($id: ID!) { volunteerHours(organisationId: $id) { minutes } }`, ({ x }) => ({
      id: x.id,
    })),
  ],
  'Query.myCalendarUrl': ['U F ok ok ok ok ok ok', gql(`{ myCalendarUrl }`)],
  'Mutation.regenerateMyCalendarUrl': [
    'U F ok ok ok ok ok ok',
    gql(`mutation { regenerateMyCalendarUrl }`),
  ],
  'Query.myNotifications': ['U F ok ok ok ok ok ok', gql(`{ myNotifications { totalCount } }`)],
  'Mutation.markAllNotificationsRead': [
    'U F ok ok ok ok ok ok',
    gql(`mutation { markAllNotificationsRead }`),
  ],
  'Query.myNotificationSettings': [
    'U F ok ok ok ok ok ok',
    gql(`{ myNotificationSettings { groups { group mail } } }`),
  ],
  'Mutation.updateNotificationSettings': [
    'U F ok ok ok ok ok ok',
    gql(
      `mutation { updateNotificationSettings(input: { groups: [{ group: GRANTS, mail: false }] }) { mailEnabled } }`,
    ),
  ],
  'Query.mailOutbox': ['U F F F F F F ok', gql(`{ mailOutbox { totalCount } }`)],
  'Mutation.retryMail': [
    'U F F F F F F ok',
    gql(`mutation($input: MailIdInput!) { retryMail(input: $input) { status } }`, async (world) => {
      const mails = world.test.dataSource.getRepository(MailMessage);
      const mail = await mails.save(
        mails.create({
          recipientPersonId: world.x.volunteer.person.id,
          notificationId: null,
          kind: NotificationKind.SHIFT_REMINDER,
          unsubscribeGroup: null,
          toAddress: 'matris@example.se',
          subject: 'Matris',
          textBody: 'Matris',
          htmlBody: '<p>Matris</p>',
          status: MailStatus.FAILED,
          attempts: 6,
          nextAttemptAt: null,
          lastError: '550 No such user',
          sentAt: null,
        }),
      );
      return { input: { mailId: mail.id } };
    }),
  ],
  'Mutation.messageShiftWalkers': [
    'U F F ok F F F ok',
    gql(
      `mutation($input: MessageShiftWalkersInput!) { messageShiftWalkers(input: $input) { walkers } }`,
      ({ x }) => ({
        input: { shiftId: x.shift.id, subject: 'Samling', body: 'Vi ses vid torget.' },
      }),
    ),
  ],
  'Mutation.createShift': [
    'U F F ok F F F ok',
    gql(
      `mutation($input: CreateShiftInput!) { createShift(input: $input) { id } }`,
      async ({ test, x }) => ({
        input: {
          organisationId: x.id,
          districtId: (await test.factories.district()).id,
          startsAt: new Date(test.clock.now().getTime() + 48 * 3600_000).toISOString(),
          endsAt: new Date(test.clock.now().getTime() + 52 * 3600_000).toISOString(),
          meetingPoint: 'Torget',
          maxWalkers: 5,
        },
      }),
    ),
  ],
  'Mutation.createShiftSeries': [
    'U F F ok F F F ok',
    gql(CREATE_SHIFT_SERIES, async ({ test, x }) => ({
      input: {
        organisationId: x.id,
        districtId: (await test.factories.district()).id,
        rrule: 'FREQ=WEEKLY;BYDAY=FR;COUNT=2',
        firstStartsAt: new Date(test.clock.now().getTime() + 48 * 3600_000).toISOString(),
        durationMinutes: 120,
        meetingPoint: 'Torget',
        maxWalkers: 5,
      },
    })),
  ],
  'Mutation.updateShift': [
    'U F F ok F F F ok',
    gql(UPDATE_SHIFT, ({ x }) => ({
      input: { shiftId: x.shift.id, meetingPoint: 'Nya torget' },
    })),
  ],
  'Mutation.confirmShift': [
    'U F F ok F F F ok',
    gql(CONFIRM_SHIFT, ({ x }) => ({
      input: { shiftId: x.shift.id },
    })),
  ],
  'Mutation.cancelShift': [
    'U F F ok F F F ok',
    gql(CANCEL_SHIFT, ({ x }) => ({
      input: { shiftId: x.shift.id, reason: 'Matris' },
    })),
  ],
  'Mutation.signUpForShift': [
    'U F ok ok F F F F',
    gql(SIGN_UP, async ({ test, x }) => {
      const owner = { organisation: { id: x.id }, admin: x.admin };
      const startsAt = new Date(test.clock.now().getTime() + 72 * 3600_000);
      return { input: { shiftId: (await test.factories.shift(owner, { startsAt })).id } };
    }),
  ],
  'Mutation.cancelSignup': [
    'U F ok ok F F F ok',
    gql(CANCEL_SIGNUP, ({ x }) => ({
      input: { signupId: x.signupId },
    })),
  ],
  'Mutation.checkIn': [
    'U F ok ok F F F ok',
    gql(CHECK_IN, ({ x }) => ({
      input: { signupId: x.signupId },
    })),
  ],
  'Mutation.submitWalkReport': [
    'U F ok ok F F F ok',
    async (world) => {
      // The volunteer checked in, and the walk has ended.
      await world.test
        .get(SignupsService)
        .checkIn(world.x.volunteer.actor, { signupId: world.x.signupId });
      world.test.clock.advance(4.5 * 3600_000);
      return world.caller.client.request(
        `mutation($input: SubmitWalkReportInput!) { submitWalkReport(input: $input) { id } }`,
        {
          input: {
            shiftId: world.x.shift.id,
            youngPeopleMet: 1,
            adultsMet: 0,
            referrals: 0,
            policeContacted: 0,
          },
        },
      );
    },
  ],
  'Query.shelters': ['U F ok ok ok ok ok ok', gql(`{ shelters { totalCount } }`)],
  'Query.shelter': [
    'U F ok ok NOT_FOUND NOT_FOUND ok ok',
    gql(`query($id: ID!) { shelter(id: $id) { id } }`, async (world) => ({
      id: (await shelterOfX(world)).id,
    })),
  ],
  'Query.shelterAvailability': ['U ok F F F F ok ok', gql(`{ shelterAvailability { status } }`)],
  'Query.placementRequests': ['U F F ok ok F ok ok', gql(`{ placementRequests { totalCount } }`)],
  'Query.placementRequest': [
    'U F NOT_FOUND ok NOT_FOUND NOT_FOUND ok ok',
    gql(`query($id: ID!) { placementRequest(id: $id) { id } }`, async (world) => ({
      id: (await placementAtX(world)).id,
    })),
  ],
  'Mutation.createShelter': [
    'U F F ok F F F ok',
    gql(
      `mutation($input: CreateShelterInput!) { createShelter(input: $input) { id } }`,
      ({ x }) => ({
        input: {
          organisationId: x.id,
          displayName: 'Matrisboendet',
          area: 'Trollhättan',
          targetGroups: ['WOMEN'],
          totalAdultPlaces: 4,
        },
      }),
    ),
  ],
  'Mutation.updateShelter': [
    'U F F ok NOT_FOUND NOT_FOUND F ok',
    gql(
      `mutation($input: UpdateShelterInput!) { updateShelter(input: $input) { id } }`,
      async (world) => ({ input: { shelterId: (await shelterOfX(world)).id, area: 'Vänersborg' } }),
    ),
  ],
  'Mutation.reportShelterAvailability': [
    'U F F ok NOT_FOUND NOT_FOUND F ok',
    gql(
      `mutation($input: ReportShelterAvailabilityInput!) { reportShelterAvailability(input: $input) { id } }`,
      async (world) => ({
        input: { shelterId: (await shelterOfX(world)).id, freeAdultPlaces: 1, freeChildPlaces: 0 },
      }),
    ),
  ],
  'Mutation.requestPlacement': [
    'U F F F F F ok ok',
    gql(
      `mutation($input: RequestPlacementInput!) { requestPlacement(input: $input) { id } }`,
      async (world) => ({
        input: { shelterId: (await shelterOfX(world)).id, adults: 1, caseReference: 'IFO-M-1' },
      }),
    ),
  ],
  'Mutation.respondToPlacement': [
    'U F NOT_FOUND ok NOT_FOUND NOT_FOUND F ok',
    gql(
      `mutation($input: RespondToPlacementInput!) { respondToPlacement(input: $input) { id } }`,
      async (world) => ({ input: { placementId: (await placementAtX(world)).id, accept: true } }),
    ),
  ],
  'Mutation.confirmPlacement': [
    'U F NOT_FOUND ok NOT_FOUND NOT_FOUND ok ok',
    gql(
      `mutation($input: PlacementIdInput!) { confirmPlacement(input: $input) { id } }`,
      async (world) => ({ input: { placementId: (await placementAtX(world, true)).id } }),
    ),
  ],
  'Mutation.cancelPlacement': [
    'U F NOT_FOUND ok NOT_FOUND NOT_FOUND ok ok',
    gql(
      `mutation($input: CancelPlacementInput!) { cancelPlacement(input: $input) { id } }`,
      async (world) => ({
        input: { placementId: (await placementAtX(world)).id, reason: 'Ordnat annat' },
      }),
    ),
  ],
  'Query.supportServices': ['ok ok ok ok ok ok ok ok', gql(`{ supportServices { totalCount } }`)],
  'Query.supportService': [
    'ok ok ok ok ok ok ok ok',
    gql(`query($id: ID!) { supportService(id: $id) { id } }`, async (world) => ({
      id: (await serviceOfX(world)).id,
    })),
  ],
  'Mutation.createSupportService': [
    'U F F ok F F F ok',
    gql(
      `mutation($input: CreateSupportServiceInput!) { createSupportService(input: $input) { id } }`,
      async ({ x, test }) => ({
        input: {
          organisationId: x.id,
          name: 'Matriscaféet',
          category: 'FOOD',
          districtId: (await test.factories.district()).id,
          address: 'Storgatan 1',
        },
      }),
    ),
  ],
  'Mutation.updateSupportService': [
    'U F F ok F F F ok',
    gql(
      `mutation($input: UpdateSupportServiceInput!) { updateSupportService(input: $input) { id } }`,
      async (world) => ({ input: { serviceId: (await serviceOfX(world)).id, name: 'Nytt namn' } }),
    ),
  ],
  'Mutation.reportServiceUsage': [
    'U F F ok F F F ok',
    gql(
      `mutation($input: ReportServiceUsageInput!) { reportServiceUsage(input: $input) { id } }`,
      async (world) => ({
        input: { serviceId: (await serviceOfX(world)).id, date: '2026-01-15', used: 4 },
      }),
    ),
  ],
  'Mutation.addCredential': [
    'U F ok ok F F F F',
    gql(ADD_CREDENTIAL, ({ x }) => ({
      input: { organisationId: x.id, kind: 'FIRST_AID', validUntil: '2040-12-31' },
    })),
  ],
  'Query.resources': ['U F ok ok ok ok ok ok', gql(`{ resources { totalCount } }`)],
  'Query.resource': [
    'U F ok ok ok ok ok ok',
    gql(`query($id: ID!) { resource(id: $id) { id } }`, async ({ test }) => ({
      id: (await test.factories.resource()).id,
    })),
  ],
  'Query.resourceAvailability': [
    'U F ok ok ok ok ok ok',
    gql(
      `query($id: ID!, $from: DateTime!, $to: DateTime!) { resourceAvailability(resourceId: $id, from: $from, to: $to) { minutes } }`,
      async ({ test }) => ({
        id: (await test.factories.resource()).id,
        from: new Date(test.clock.now().getTime() + 24 * 3600_000).toISOString(),
        to: new Date(test.clock.now().getTime() + 48 * 3600_000).toISOString(),
      }),
    ),
  ],
  'Query.bookings': ['U F ok ok ok ok ok ok', gql(`{ bookings { totalCount } }`)],
  'Mutation.createResource': [
    'U F F ok F F F ok',
    gql(
      `mutation($input: CreateResourceInput!) { createResource(input: $input) { id } }`,
      ({ x }) => ({
        input: {
          ownerOrganisationId: x.id,
          name: 'Matrisrummet',
          kind: 'ROOM',
          location: 'Torget',
        },
      }),
    ),
  ],
  'Mutation.updateResource': [
    'U F F ok F F F ok',
    gql(
      `mutation($input: UpdateResourceInput!) { updateResource(input: $input) { id } }`,
      async ({ test, x }) => ({
        input: {
          resourceId: (
            await test.factories.resource({ owner: { organisation: x, admin: x.admin } })
          ).id,
          bufferMinutes: 15,
        },
      }),
    ),
  ],
  'Mutation.bookResource': [
    'U F F ok F F F ok',
    gql(
      `mutation($input: BookResourceInput!) { bookResource(input: $input) { id } }`,
      async ({ test, x }) => ({
        input: {
          resourceId: (await test.factories.resource()).id,
          organisationId: x.id,
          startsAt: new Date(test.clock.now().getTime() + 48 * 3600_000).toISOString(),
          endsAt: new Date(test.clock.now().getTime() + 50 * 3600_000).toISOString(),
          purpose: 'Matris',
        },
      }),
    ),
  ],
  'Mutation.bookResourceRecurring': [
    'U F F ok F F F ok',
    gql(
      `mutation($input: BookResourceRecurringInput!) { bookResourceRecurring(input: $input) { bookedCount } }`,
      async ({ test, x }) => ({
        input: {
          resourceId: (await test.factories.resource()).id,
          organisationId: x.id,
          rrule: 'FREQ=WEEKLY;COUNT=2',
          firstStartsAt: new Date(test.clock.now().getTime() + 48 * 3600_000).toISOString(),
          durationMinutes: 120,
          purpose: 'Matris',
        },
      }),
    ),
  ],
  'Mutation.approveBooking': [
    'U F F F F ok F ok',
    gql(
      `mutation($input: BookingIdInput!) { approveBooking(input: $input) { id } }`,
      async ({ test, x }) => ({
        input: { bookingId: (await requestedBooking(test, x)).id },
      }),
    ),
  ],
  'Mutation.rejectBooking': [
    'U F F F F ok F ok',
    gql(
      `mutation($input: RejectBookingInput!) { rejectBooking(input: $input) { id } }`,
      async ({ test, x }) => ({
        input: { bookingId: (await requestedBooking(test, x)).id, reason: 'Matris' },
      }),
    ),
  ],
  'Mutation.cancelBooking': [
    'U F F ok F ok F ok',
    gql(
      `mutation($input: CancelBookingInput!) { cancelBooking(input: $input) { id } }`,
      async ({ test, x }) => ({
        input: {
          bookingId: (
            await test.factories.booking(await test.factories.resource(), {
              organisation: x,
              admin: x.admin,
            })
          ).id,
        },
      }),
    ),
  ],
  'Mutation.cancelBookingSeries': [
    'U F F ok F ok F ok',
    gql(
      `mutation($input: CancelBookingSeriesInput!) { cancelBookingSeries(input: $input) { id } }`,
      async ({ test, x }) => {
        const series = await test.get(BookingRequestsService).bookRecurring(x.admin.actor, {
          resourceId: (await test.factories.resource()).id,
          organisationId: x.id,
          rrule: 'FREQ=WEEKLY;COUNT=2',
          firstStartsAt: new Date(test.clock.now().getTime() + 48 * 3600_000),
          durationMinutes: 60,
          purpose: 'Matris',
          skipConflicts: false,
        });
        return { input: { seriesId: series.seriesId } };
      },
    ),
  ],
  'Mutation.createBlackout': [
    'U F F F F ok F ok',
    gql(
      `mutation($input: CreateBlackoutInput!) { createBlackout(input: $input) { id } }`,
      async ({ test }) => ({
        input: {
          resourceId: (await test.factories.resource()).id,
          startsAt: new Date(test.clock.now().getTime() + 24 * 3600_000).toISOString(),
          endsAt: new Date(test.clock.now().getTime() + 48 * 3600_000).toISOString(),
          reason: 'Matris',
        },
      }),
    ),
  ],
  'Mutation.removeBlackout': [
    'U F F F F ok F ok',
    gql(
      `mutation($input: BlackoutIdInput!) { removeBlackout(input: $input) { id } }`,
      async ({ test }) => {
        const blackout = await test
          .get(BlackoutsService)
          .create((await test.factories.municipalOfficer()).actor, {
            resourceId: (await test.factories.resource()).id,
            startsAt: new Date(test.clock.now().getTime() + 24 * 3600_000),
            endsAt: new Date(test.clock.now().getTime() + 48 * 3600_000),
            reason: 'Matris',
          });
        return { input: { blackoutId: blackout.id } };
      },
    ),
  ],

  'Query.grantProgrammes': ['U F ok ok ok ok ok ok', gql(`{ grantProgrammes { totalCount } }`)],
  'Query.grantProgramme': [
    'U F ok ok ok ok ok ok',
    gql(`query($id: ID!) { grantProgramme(id: $id) { id remaining } }`, async ({ test }) => ({
      id: (await test.factories.grantProgramme()).id,
    })),
  ],
  'Query.grantApplications': ['U F ok ok ok ok ok ok', gql(`{ grantApplications { totalCount } }`)],
  'Query.grantApplication': [
    'U F ok ok NOT_FOUND NOT_FOUND NOT_FOUND ok',
    gql(`query($id: ID!) { grantApplication(id: $id) { id } }`, async (world) => ({
      id: (await grantOfX(world, 'DRAFT')).application.id,
    })),
  ],
  'Query.grantLedger': [
    'U F ok ok ok ok ok ok',
    gql(`query($id: ID!) { grantLedger(programmeId: $id) { totalCount } }`, async (world) => ({
      id: (await awardOfX(world)).programme.id,
    })),
  ],
  'Mutation.createGrantProgramme': [
    'U F F F F ok F ok',
    gql(CREATE_GRANT_PROGRAMME, ({ test }) => ({
      input: {
        name: 'Matrisbidrag',
        fiscalYear: 2027,
        budget: 1_000_000,
        eligibleKinds: ['OTHER'],
        opensAt: new Date(test.clock.now().getTime() + 3600_000).toISOString(),
        closesAt: new Date(test.clock.now().getTime() + 48 * 3600_000).toISOString(),
        maxPerApplication: 100_000,
        followUpDueAt: new Date(test.clock.now().getTime() + 96 * 3600_000).toISOString(),
        criteria: [{ name: 'Nytta', weight: 1 }],
      },
    })),
  ],
  'Mutation.updateGrantProgramme': [
    'U F F F F ok F ok',
    gql(
      `mutation($input: UpdateGrantProgrammeInput!) { updateGrantProgramme(input: $input) { id } }`,
      async ({ test }) => ({
        input: {
          programmeId: (await test.factories.grantProgramme({ open: false })).id,
          budget: 200_000_000,
        },
      }),
    ),
  ],
  'Mutation.openGrantProgramme': [
    'U F F F F ok F ok',
    gql(PROGRAMME_ID.replace('NAME', 'openGrantProgramme'), async ({ test }) => ({
      input: { programmeId: (await test.factories.grantProgramme({ open: false })).id },
    })),
  ],
  'Mutation.closeGrantProgramme': [
    'U F F F F ok F ok',
    gql(PROGRAMME_ID.replace('NAME', 'closeGrantProgramme'), async ({ test }) => ({
      input: { programmeId: (await test.factories.grantProgramme()).id },
    })),
  ],
  'Mutation.archiveGrantProgramme': [
    'U F F F F ok F ok',
    gql(PROGRAMME_ID.replace('NAME', 'archiveGrantProgramme'), async ({ test }) => {
      // Closed with nothing to decide: DECIDED, and nothing to report.
      const programme = await test.factories.grantProgramme();
      const officer = await test.factories.municipalOfficer();
      await test.get(GrantProgrammesService).close(officer.actor, { programmeId: programme.id });
      return { input: { programmeId: programme.id } };
    }),
  ],
  'Mutation.createGrantApplication': [
    'U F F ok F F F ok',
    gql(CREATE_GRANT_APPLICATION, async ({ test, x }) => ({
      input: {
        programmeId: (await test.factories.grantProgramme()).id,
        organisationId: x.id,
        purpose: 'Matrisansökan om bidrag',
        requestedAmount: 1_000,
        budgetLines: [{ label: 'Allt', amount: 1_000 }],
      },
    })),
  ],
  'Mutation.updateGrantApplication': [
    'U F F ok NOT_FOUND NOT_FOUND NOT_FOUND ok',
    gql(
      `mutation($input: UpdateGrantApplicationInput!) { updateGrantApplication(input: $input) { id } }`,
      async (world) => ({
        input: {
          applicationId: (await grantOfX(world, 'DRAFT')).application.id,
          purpose: 'Ändrat syfte med ansökan',
        },
      }),
    ),
  ],
  'Mutation.submitGrantApplication': [
    'U F F ok NOT_FOUND NOT_FOUND NOT_FOUND ok',
    gql(SUBMIT_GRANT_APPLICATION, async (world) => ({
      input: { applicationId: (await grantOfX(world, 'DRAFT')).application.id },
    })),
  ],
  'Mutation.withdrawGrantApplication': [
    'U F F ok NOT_FOUND F NOT_FOUND ok',
    gql(WITHDRAW_GRANT_APPLICATION, async (world) => ({
      input: { applicationId: (await grantOfX(world, 'SUBMITTED')).application.id },
    })),
  ],
  'Mutation.startGrantReview': [
    'U F F F F ok F ok',
    gql(START_GRANT_REVIEW, async (world) => ({
      input: { applicationId: (await grantOfX(world, 'SUBMITTED')).application.id },
    })),
  ],
  'Mutation.reviewGrantApplication': [
    'U F F F F ok F ok',
    gql(REVIEW_GRANT_APPLICATION, async (world) => {
      const { programme, application } = await grantOfX(world, 'UNDER_REVIEW');
      return {
        input: {
          applicationId: application.id,
          scores: programme.criteria.map((criterion) => ({ criterion: criterion.name, score: 3 })),
          comment: 'Matrisbedömning',
        },
      };
    }),
  ],
  'Mutation.decideGrantApplication': [
    'U F F F F ok F ok',
    gql(DECIDE_GRANT_APPLICATION, async (world) => ({
      input: { applicationId: (await grantOfX(world)).application.id, awardedAmount: 1_000_000 },
    })),
  ],
  'Mutation.recordDisbursement': [
    'U F F F F ok F ok',
    gql(RECORD_DISBURSEMENT, async (world) => ({
      input: {
        applicationId: (await awardOfX(world)).application.id,
        amount: 500_000,
        paidAt: world.test.clock.now().toISOString(),
        reference: 'UB-matris',
      },
    })),
  ],
  'Mutation.recordRecovery': [
    'U F F F F ok F ok',
    gql(RECORD_RECOVERY, async (world) => {
      const { application } = await awardOfX(world);
      await world.test.factories.payGrant(application.id, 1_000_000);
      await world.test.factories.followUpReport({ admin: world.x.admin }, application.id, 600_000);
      return {
        input: {
          applicationId: application.id,
          amount: 400_000,
          receivedAt: world.test.clock.now().toISOString(),
          reference: 'IB-matris',
        },
      };
    }),
  ],
  'Mutation.recordAdjustment': [
    'U F F F F ok F ok',
    gql(RECORD_ADJUSTMENT, async (world) => ({
      input: {
        applicationId: (await awardOfX(world)).application.id,
        amount: -100_000,
        reason: 'Matriskorrigering',
      },
    })),
  ],
  'Mutation.submitFollowUpReport': [
    'U F F ok NOT_FOUND F NOT_FOUND ok',
    gql(SUBMIT_FOLLOW_UP_REPORT, async (world) => ({
      input: {
        applicationId: (await awardOfX(world)).application.id,
        outcomes: 'Allt gick enligt plan.',
        amountSpent: 1_000_000,
      },
    })),
  ],
  'Mutation.approveFollowUpReport': [
    'U F F F F ok F ok',
    gql(APPROVE_FOLLOW_UP_REPORT, async (world) => {
      const { application } = await awardOfX(world);
      const report = await world.test.factories.followUpReport(
        { admin: world.x.admin },
        application.id,
        1_000_000,
        { approve: false },
      );
      return { input: { reportId: report.id } };
    }),
  ],
  'Mutation.returnFollowUpReport': [
    'U F F F F ok F ok',
    gql(RETURN_FOLLOW_UP_REPORT, async (world) => {
      const { application } = await awardOfX(world);
      const report = await world.test.factories.followUpReport(
        { admin: world.x.admin },
        application.id,
        1_000_000,
        { approve: false },
      );
      return { input: { reportId: report.id, reason: 'Komplettera' } };
    }),
  ],
};

/** Operations whose access depends on whose record it is, or that are not over HTTP; each has its own tests. */
const RECORD_LEVEL: Record<string, string> = {
  'Mutation.acceptInvitation': 'only the invitee (memberships.e2e-spec)',
  'Mutation.declineInvitation': 'only the invitee (memberships.e2e-spec)',
  'Mutation.leaveOrganisation': 'only a member of that organisation (memberships.e2e-spec)',
  'Mutation.markNotificationRead': 'only the recipient (night-walks.e2e-spec)',
  'Mutation.markNotificationsRead': 'only the recipient (notifications.e2e-spec)',
  'Mutation.verifyEmail': 'public: the mailed token is the credential (accounts.e2e-spec)',
  'Mutation.completeTwoFactorLogin':
    'public: the sign-in challenge and a code are the credential (two-factor.e2e-spec)',
  'Mutation.startTwoFactorSetup':
    'a signed-in person, or a staff sign-in challenge (two-factor.e2e-spec)',
  'Mutation.confirmTwoFactor':
    'a signed-in person, or a staff sign-in challenge, with a code (two-factor.e2e-spec)',
  'Mutation.disableTwoFactor':
    'a signed-in person with a code; refused for the staff roles (two-factor.e2e-spec)',
  'Subscription.notificationAdded':
    'a signed-in person, their own notifications, over graphql-ws (notifications-live.e2e-spec)',
  'Subscription.shiftChanged': 'public, over graphql-ws (night-walks-live.e2e-spec)',
  'Subscription.shelterAvailabilityChanged':
    'SOCIAL_SERVICES and partner apps with shelters:availability, over graphql-ws (shelters-live.e2e-spec)',
};

describe('access matrix: every root operation × every kind of caller', () => {
  let test: TestApp;

  beforeAll(async () => {
    test = await TestApp.create({ imports: [DiscoveryModule] });
  });

  afterAll(async () => {
    await test.close();
  });

  afterEach(() => test.clock.reset());

  it('covers every query and mutation the API declares', () => {
    const roots = declaredOperations(test)
      .map((operation) => operation.coordinate)
      .filter((coordinate) => /^(Query|Mutation|Subscription)\./.test(coordinate));
    const covered = new Set([...Object.keys(MATRIX), ...Object.keys(RECORD_LEVEL)]);
    expect(roots.filter((coordinate) => !covered.has(coordinate))).toEqual([]);
    expect([...covered].filter((coordinate) => !roots.includes(coordinate))).toEqual([]);
  });

  async function worldFor(role: Role): Promise<World> {
    const f = test.factories;
    const x = await f.organisation();
    const volunteer = await f.member(x.organisation.id, x.admin, MembershipRole.VOLUNTEER);
    const y = await f.organisation();
    // A walk starting in half an hour (check-in is open), the volunteer confirmed on it.
    const shift = await f.shift(x, {
      startsAt: new Date(test.clock.now().getTime() + 30 * 60_000),
      endsAt: new Date(test.clock.now().getTime() + 4 * 3600_000),
    });
    const signup = await test
      .get(SignupsService)
      .signUp(volunteer.actor, { shiftId: shift.id, joinWaitlist: false });
    const callers: Record<Role, () => Promise<World['caller']>> = {
      anonymous: () => Promise.resolve({ client: test.anonymous }),
      partnerApp: async () => ({ client: (await f.apiClient(Object.values(ApiScope))).client }),
      volunteer: () => Promise.resolve({ client: volunteer.client, person: volunteer }),
      orgAdmin: () => Promise.resolve({ client: x.admin.client, person: x.admin }),
      otherOrgAdmin: () => Promise.resolve({ client: y.admin.client, person: y.admin }),
      officer: async () => {
        const officer = await f.municipalOfficer();
        return { client: officer.client, person: officer };
      },
      socialServices: async () => {
        const social = await f.socialServices();
        return { client: social.client, person: social };
      },
      admin: async () => {
        const admin = await f.admin();
        return { client: admin.client, person: admin };
      },
    };
    return {
      test,
      x: { id: x.organisation.id, admin: x.admin, volunteer, shift, signupId: signup.id },
      y: { id: y.organisation.id, admin: y.admin },
      caller: await callers[role](),
    };
  }

  const CODES: Record<string, string> = { U: 'UNAUTHENTICATED', F: 'FORBIDDEN' };

  /**
   * `node(id:)` answers through each Node type's own query: for every caller, the object where
   * that query answers it, null where it refuses (whatever the refusal), over the same worlds.
   */
  describe.each(NODE_TYPES.map((type) => [type, `Query.${type[0].toLowerCase()}${type.slice(1)}`]))(
    'node(id:) of a %s, as %s does',
    (type, operation) => {
      const [expected, run] = MATRIX[operation];
      const outcomes = expected.split(' ').map((outcome) => CODES[outcome] ?? outcome);

      it.each(ROLES.map((role, index) => [role, outcomes[index]] as const))(
        'as %s (its query: %s)',
        async (role, outcome) => {
          const world = await worldFor(role);
          const own = world.caller.client;
          let rewritten = '';
          const viaNode = {
            request: (query: string, variables?: Record<string, unknown>) => {
              rewritten = query.replace(
                /\w+\(id: \$id\) \{([^{}]*)\}/,
                `node(id: $id) { __typename ... on ${type} {$1} }`,
              );
              return own.request(rewritten, variables);
            },
          } as unknown as Client;
          const response = await run({ ...world, caller: { ...world.caller, client: viaNode } });
          expect(rewritten).toContain('node(id: $id)');
          expect(response.errors).toBeUndefined();
          const node = (response.data as { node: { __typename: string } | null }).node;
          if (outcome === 'ok') expect(node?.__typename).toBe(type);
          else expect(node).toBeNull();
        },
      );
    },
  );

  describe.each(Object.entries(MATRIX))('%s', (_operation, [expected, run]) => {
    const outcomes = expected.split(' ').map((outcome) => CODES[outcome] ?? outcome);

    it.each(ROLES.map((role, index) => [role, outcomes[index]] as const))(
      'as %s → %s',
      async (role, outcome) => {
        expect(outcomeOf(await run(await worldFor(role)))).toBe(outcome);
      },
    );
  });
});
