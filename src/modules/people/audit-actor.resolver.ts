import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLContext } from '../../graphql/context';
import { AuditLogEntry } from '../audit';
import { Person } from './entities/person.entity';
import { PeopleService } from './people.service';

/** Adds `AuditLogEntry.actor` (the audit module does not know about people). */
@Resolver(() => AuditLogEntry)
export class AuditActorResolver {
  constructor(private readonly people: PeopleService) {}

  @ResolveField(() => Person, {
    nullable: true,
    description: 'The person who did it (null for an API client).',
  })
  actor(
    @Parent() entry: AuditLogEntry,
    @Context() context: GraphQLContext,
  ): Promise<Person | null> | null {
    return entry.actorPersonId
      ? context.loaders.get(this.people.byId).load(entry.actorPersonId)
      : null;
  }
}
