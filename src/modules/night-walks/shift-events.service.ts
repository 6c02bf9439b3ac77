import { Inject, Injectable } from '@nestjs/common';
import { PubSub } from 'graphql-subscriptions';
import { PUB_SUB } from '../../graphql/pubsub';
import { Shift } from './entities/shift.entity';

export const SHIFT_CHANGED = 'shiftChanged';

/** Announces a shift's new counts or status to `shiftChanged` subscribers, after the change commits. */
@Injectable()
export class ShiftEvents {
  constructor(@Inject(PUB_SUB) private readonly pubSub: PubSub) {}

  changed(shift: Shift): void {
    void this.pubSub.publish(SHIFT_CHANGED, { [SHIFT_CHANGED]: shift });
  }

  stream(): AsyncIterableIterator<unknown> {
    return this.pubSub.asyncIterableIterator(SHIFT_CHANGED);
  }
}
