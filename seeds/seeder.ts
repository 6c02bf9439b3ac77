import { INestApplicationContext } from '@nestjs/common';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import { ANONYMOUS, PersonActor, SystemRole } from '../src/common/actor';
import { stockholmDate } from '../src/common/time';
import { ApiClient, ApiClientsService } from '../src/modules/api-clients';
import { TwoFactorService } from '../src/modules/auth';
import { Credential, CredentialsService } from '../src/modules/credentials';
import { District, DistrictsService } from '../src/modules/districts';
import {
  Membership,
  MembershipRole,
  MembershipsService,
  MembershipStatus,
  Organisation,
  OrganisationsService,
  OrganisationStatus,
} from '../src/modules/organisations';
import { PeopleService, Person } from '../src/modules/people';
import { seedBookings } from './bookings-seeder';
import {
  API_CLIENTS,
  DEMO_PASSWORD,
  DEMO_TOTP_SECRET,
  DISTRICTS,
  ORGANISATIONS,
  PEOPLE,
} from './demo-data';
import { seedGrants } from './grants-seeder';
import { seedNightWalks } from './night-walks-seeder';
import { seedSheltersAndServices } from './shelters-seeder';

export interface SeedReport {
  created: Record<string, number>;
  existing: Record<string, number>;
}

/**
 * Loads the demo data through the services, acting as the demo people themselves (the founder
 * registers an organisation, an officer verifies it, members accept invitations), so every domain
 * rule holds for it. Safe to run again: what exists is left as it is.
 */
export async function seedDemoData(app: INestApplicationContext): Promise<SeedReport> {
  const report: SeedReport = { created: {}, existing: {} };
  const count = (kind: string, created: boolean, n = 1) => {
    const bucket = created ? report.created : report.existing;
    bucket[kind] = (bucket[kind] ?? 0) + n;
  };
  const data = app.get(DataSource);
  const people = app.get(PeopleService);
  const actors = new Map<string, PersonActor>();

  for (const demo of PEOPLE) {
    const existing = await data.getRepository(Person).findOneBy({ id: demo.id });
    count('people', !existing);
    const person =
      existing ??
      (await people.create(
        ANONYMOUS,
        {
          email: demo.email,
          displayName: demo.displayName,
          password: DEMO_PASSWORD,
          systemRole: demo.systemRole ?? null,
          protectedIdentity: demo.protectedIdentity ?? false,
        },
        { id: demo.id, emailVerified: true },
      ));
    // Staff sign in with a second factor: the demo's shared, documented authenticator.
    if (demo.systemRole) await app.get(TwoFactorService).enrolForDemo(person.id, DEMO_TOTP_SECRET);
    actors.set(person.email, {
      kind: 'person',
      personId: person.id,
      systemRole: person.systemRole,
      sessionId: 'seed',
    });
  }
  const actor = (email: string): PersonActor => {
    const found = actors.get(email);
    if (!found) throw new Error(`Demo data names an unknown person: ${email}`);
    return found;
  };
  const admin = [...actors.values()].find((candidate) => candidate.systemRole === SystemRole.ADMIN);
  const officer = [...actors.values()].find(
    (candidate) => candidate.systemRole === SystemRole.MUNICIPAL_OFFICER,
  );
  if (!admin || !officer) throw new Error('Demo data needs an ADMIN and a MUNICIPAL_OFFICER');

  const districts = app.get(DistrictsService);
  for (const demo of DISTRICTS) {
    const exists = await data.getRepository(District).existsBy({ id: demo.id });
    count('districts', !exists);
    if (!exists) await districts.create(admin, { name: demo.name }, { id: demo.id });
  }

  const organisations = app.get(OrganisationsService);
  const memberships = app.get(MembershipsService);
  const credentials = app.get(CredentialsService);
  for (const demo of ORGANISATIONS) {
    const founder = actor(demo.founderEmail);
    const exists = await data.getRepository(Organisation).existsBy({ id: demo.id });
    count('organisations', !exists);
    if (!exists) {
      await organisations.register(
        founder,
        {
          name: demo.name,
          organisationNumber: demo.organisationNumber,
          kind: demo.kind,
          districtIds: demo.districtIds,
          description: demo.description,
          publicContact: demo.publicContact,
        },
        { id: demo.id },
      );
      if (demo.status !== OrganisationStatus.PENDING) {
        await organisations.decide(
          officer,
          { organisationId: demo.id },
          OrganisationStatus.VERIFIED,
        );
      }
      if (
        demo.status === OrganisationStatus.SUSPENDED ||
        demo.status === OrganisationStatus.REJECTED
      ) {
        await organisations.decide(
          officer,
          { organisationId: demo.id, reason: demo.statusReason },
          demo.status,
        );
      }
    }

    for (const member of demo.members) {
      const person = actor(member.email);
      const live = await data.getRepository(Membership).existsBy({
        organisationId: demo.id,
        personId: person.personId,
        status: MembershipStatus.ACTIVE,
      });
      count('memberships', !live);
      if (!live) {
        const invitation = await memberships.invite(founder, {
          organisationId: demo.id,
          email: member.email,
          role: member.role,
        });
        await memberships.accept(person, { membershipId: invitation.id });
      }
    }

    for (const invitation of demo.openInvitations ?? []) {
      const open = await data.getRepository(Membership).existsBy({
        organisationId: demo.id,
        invitedEmail: invitation.email,
        status: MembershipStatus.INVITED,
      });
      count('invitations', !open);
      if (!open) await memberships.invite(founder, { organisationId: demo.id, ...invitation });
    }

    // The founder records and verifies credentials; their own, another ORG_ADMIN (nobody verifies their own).
    const coAdmin = demo.members.find((member) => member.role === MembershipRole.ORG_ADMIN);
    for (const credential of demo.credentials ?? []) {
      const holder = actor(credential.email);
      const verifier =
        holder.personId === founder.personId && coAdmin ? actor(coAdmin.email) : founder;
      const recorded = await data.getRepository(Credential).existsBy({
        organisationId: demo.id,
        personId: holder.personId,
        kind: credential.kind,
      });
      count('credentials', !recorded);
      if (!recorded) {
        await credentials.add(verifier, {
          organisationId: demo.id,
          personId: holder.personId,
          kind: credential.kind,
          validUntil: stockholmDate(
            DateTime.now().plus({ months: credential.validForMonths }).toJSDate(),
          ),
        });
      }
    }
  }

  await seedNightWalks(app, actor, count);
  await seedSheltersAndServices(app, actor, count);
  await seedBookings(app, actor, count);
  await seedGrants(app, actor, count);

  const clients = app.get(ApiClientsService);
  for (const demo of API_CLIENTS) {
    const exists = await data.getRepository(ApiClient).existsBy({ id: demo.id });
    count('apiClients', !exists);
    if (!exists) {
      await clients.create(
        admin,
        { name: demo.name, scopes: demo.scopes },
        { id: demo.id, key: demo.key },
      );
    }
  }
  return report;
}
