import { DataSource } from 'typeorm';
import {
  Membership,
  MembershipRole,
  MembershipStatus,
  Organisation,
} from '../../../src/modules/organisations';
import { Person } from '../../../src/modules/people';
import { SupportService } from '../../../src/modules/services';
import { PlacementRequest } from '../../../src/modules/shelters';
import type { Secrets } from './leaks';

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;

/** A column that holds a hash, a secret or a token (`passwordHash`, `keyHash`, `secret`, …). */
const SECRET_COLUMN = /hash|secret|token/i;

/** A column holding a name people read (`Person.displayName`, `Organisation.name`, …). */
const NAME_COLUMN = /^(name|displayName)$/;

/** The words of a name that could name someone on their own. */
function wordsOf(name: string): string[] {
  return name
    .normalize('NFC')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length >= 4);
}

/** Shorter stored values are not secrets worth the name (and would match by chance). */
const MIN_SECRET_LENGTH = 16;

/**
 * What DOMAIN keeps from whom, read from the database as it is: who has protected identity and
 * which addresses, who is staff of which organisation, every case reference, and every value of
 * every column of any entity that is named like a hash, secret or token (so a table added later
 * is covered).
 */
export async function readSecrets(
  dataSource: DataSource,
  handedOut: Pick<Secrets, 'refreshTokens' | 'feedTokens'>,
): Promise<Secrets> {
  const people = await dataSource.getRepository(Person).find();
  const memberships = await dataSource.getRepository(Membership).find();
  const placements = await dataSource.getRepository(PlacementRequest).find();

  const staffOf = new Map<string, Set<string>>();
  for (const membership of memberships) {
    if (!membership.personId || membership.status !== MembershipStatus.ACTIVE) continue;
    if (
      membership.role !== MembershipRole.ORG_ADMIN &&
      membership.role !== MembershipRole.COORDINATOR
    )
      continue;
    const organisations = staffOf.get(membership.personId) ?? new Set<string>();
    organisations.add(membership.organisationId);
    staffOf.set(membership.personId, organisations);
  }

  const publicTexts = [
    ...(await dataSource.getRepository(Organisation).find()).flatMap((organisation) => [
      organisation.publicContact ?? '',
      organisation.description,
    ]),
    ...(await dataSource.getRepository(SupportService).find()).flatMap((service) => [
      service.name,
      service.description,
      service.address,
    ]),
  ];
  const publicAddresses = new Set(
    publicTexts.flatMap((text) =>
      [...text.matchAll(EMAIL)].map(([address]) => address.toLowerCase()),
    ),
  );

  const storedSecrets: Secrets['storedSecrets'] = [];
  for (const entity of dataSource.entityMetadatas) {
    for (const column of entity.columns) {
      if (!SECRET_COLUMN.test(column.propertyName)) continue;
      const rows = await dataSource
        .createQueryBuilder(entity.target, 'row')
        .select(`row.${column.propertyPath}`, 'value')
        .getRawMany<{ value: unknown }>();
      for (const { value } of rows) {
        if (typeof value === 'string' && value.length >= MIN_SECRET_LENGTH)
          storedSecrets.push({ source: `${entity.tableName}.${column.databaseName}`, value });
      }
    }
  }

  // Words of every other record's name: a protected person's word that is one of them is not hers.
  const otherNames: string[] = [];
  for (const entity of dataSource.entityMetadatas) {
    if (entity.target === Person) continue;
    for (const column of entity.columns.filter((c) => NAME_COLUMN.test(c.propertyName))) {
      const rows = await dataSource
        .createQueryBuilder(entity.target, 'row')
        .select(`row.${column.propertyPath}`, 'value')
        .getRawMany<{ value: unknown }>();
      for (const { value } of rows) if (typeof value === 'string') otherNames.push(value);
    }
  }
  const nameWords = (exceptPersonId: string): Set<string> =>
    new Set(
      [...otherNames, ...people.filter((p) => p.id !== exceptPersonId).map((p) => p.displayName)]
        .flatMap(wordsOf)
        .map((word) => word.toLocaleLowerCase('sv')),
    );
  const needlesOf = (person: Person): string[] => {
    if (!person.protectedIdentity) return [];
    const name = person.displayName.normalize('NFC');
    const common = nameWords(person.id);
    const own = wordsOf(name).filter((word) => !common.has(word.toLocaleLowerCase('sv')));
    return [...new Set([name, ...own])];
  };

  return {
    people: people.map((person) => ({
      id: person.id,
      email: person.email,
      displayName: person.displayName,
      protectedIdentity: person.protectedIdentity,
      nameNeedles: needlesOf(person),
    })),
    staffOf,
    openInvitations: memberships
      .filter((m) => m.status === MembershipStatus.INVITED && m.invitedEmail)
      .map((m) => ({ organisationId: m.organisationId, email: m.invitedEmail as string })),
    placements: placements.map(({ id, organisationId, requestedById, caseReference }) => ({
      id,
      organisationId,
      requestedById,
      caseReference,
    })),
    publicAddresses,
    storedSecrets,
    ...handedOut,
  };
}
