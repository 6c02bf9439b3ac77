import { Inject, Injectable } from '@nestjs/common';
import { PubSub } from 'graphql-subscriptions';
import { PUB_SUB } from '../../graphql/pubsub';
import { Shelter } from './entities/shelter.entity';

export const SHELTER_AVAILABILITY_CHANGED = 'shelterAvailabilityChanged';

/**
 * Announces a shelter's changed availability (a report, a hold, a confirmation, an expiry, a change
 * of the shelter) to `shelterAvailabilityChanged` subscribers, after the change commits. What each
 * subscriber sees of it is decided per subscriber when the event is delivered.
 */
@Injectable()
export class ShelterEvents {
  constructor(@Inject(PUB_SUB) private readonly pubSub: PubSub) {}

  changed(shelter: Shelter): void {
    void this.pubSub.publish(SHELTER_AVAILABILITY_CHANGED, {
      [SHELTER_AVAILABILITY_CHANGED]: shelter,
    });
  }

  stream(): AsyncIterableIterator<unknown> {
    return this.pubSub.asyncIterableIterator(SHELTER_AVAILABILITY_CHANGED);
  }
}
