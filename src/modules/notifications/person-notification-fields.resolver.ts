import { Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { type Actor, isPerson } from '../../common/actor';
import { CurrentActor } from '../../common/decorators/current-actor.decorator';
import { Person } from '../people';
import { NotificationsService } from './notifications.service';

/** Adds `Person.unreadNotificationCount` (the person's own, for `me`). */
@Resolver(() => Person)
export class PersonNotificationFieldsResolver {
  constructor(private readonly notifications: NotificationsService) {}

  @ResolveField(() => Int, {
    nullable: true,
    description: 'How many of your notifications are unread; null on anyone else.',
  })
  unreadNotificationCount(
    @CurrentActor() actor: Actor,
    @Parent() person: Person,
  ): Promise<number> | null {
    if (!isPerson(actor) || actor.personId !== person.id) return null;
    return this.notifications.unreadCount(person.id);
  }
}
