import { Inject, Injectable } from '@nestjs/common';
import { PubSub } from 'graphql-subscriptions';
import { PUB_SUB } from '../../graphql/pubsub';
import { Shelter } from './entities/shelter.entity';

export const SHELTER_AVAILABILITY_CHANGED = 'shelterAvailabilityChanged';

/** What an event carries: the shelter now, and whether this is the announcement that it closed. */
export interface ShelterEvent {
  shelter: Shelter;
  closed: boolean;
}

/** What the bus carries for `shelterAvailabilityChanged`. */
export interface ShelterPayload {
  [SHELTER_AVAILABILITY_CHANGED]: ShelterEvent;
}

/**
 * Announces a shelter's changed availability (a report, a hold, a confirmation, an expiry, a change
 * of the shelter) to `shelterAvailabilityChanged` subscribers, after the change commits. What each
 * subscriber sees of it is decided per subscriber when the event is delivered.
 */
@Injectable()
export class ShelterEvents {
  constructor(@Inject(PUB_SUB) private readonly pubSub: PubSub) {}

  changed(shelter: Shelter): void {
    this.publish({ shelter, closed: false });
  }

  /** The shelter, listed until now, closed: subscribers hear it once more, so lists can drop it. */
  closed(shelter: Shelter): void {
    this.publish({ shelter, closed: true });
  }

  stream(): AsyncIterableIterator<ShelterPayload> {
    return this.pubSub.asyncIterableIterator<ShelterPayload>(SHELTER_AVAILABILITY_CHANGED);
  }

  private publish(event: ShelterEvent): void {
    const payload: ShelterPayload = { [SHELTER_AVAILABILITY_CHANGED]: event };
    void this.pubSub.publish(SHELTER_AVAILABILITY_CHANGED, payload);
  }
}
