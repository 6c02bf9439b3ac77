import { Inject, Injectable } from '@nestjs/common';
import { PubSub } from 'graphql-subscriptions';
import { PUB_SUB } from '../../graphql/pubsub';
import { Shift } from './entities/shift.entity';

export const SHIFT_CHANGED = 'shiftChanged';

/** What `shiftChanged` subscribers receive: the walk as it is after the change. */
export interface ShiftEvent {
  [SHIFT_CHANGED]: Shift;
}

/** Announces a shift's new counts or status to `shiftChanged` subscribers, after the change commits. */
@Injectable()
export class ShiftEvents {
  constructor(@Inject(PUB_SUB) private readonly pubSub: PubSub) {}

  changed(shift: Shift): void {
    const event: ShiftEvent = { [SHIFT_CHANGED]: shift };
    void this.pubSub.publish(SHIFT_CHANGED, event);
  }

  stream(): AsyncIterableIterator<ShiftEvent> {
    return this.pubSub.asyncIterableIterator<ShiftEvent>(SHIFT_CHANGED);
  }
}
