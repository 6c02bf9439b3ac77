import { Field, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsEnum, Matches } from 'class-validator';
import { CLOSES_AT, OPENS_AT, Weekday, WeeklyOpening } from '../opening-hours.rules';

registerEnumType(Weekday, {
  name: 'Weekday',
  description: 'A day of the week.',
  valuesMap: {
    MONDAY: { description: 'Monday (måndag).' },
    TUESDAY: { description: 'Tuesday (tisdag).' },
    WEDNESDAY: { description: 'Wednesday (onsdag).' },
    THURSDAY: { description: 'Thursday (torsdag).' },
    FRIDAY: { description: 'Friday (fredag).' },
    SATURDAY: { description: 'Saturday (lördag).' },
    SUNDAY: { description: 'Sunday (söndag).' },
  },
});

/** One weekly opening, as written by the organisation and shown to the public. */
@ObjectType({
  description:
    'Open on `day` from `opens` to `closes` (Stockholm time); closing before opening is the next day.',
})
@InputType('OpeningHoursInput', {
  description:
    'Open on `day` from `opens` to `closes` (Stockholm time); closing before opening is the next day.',
})
export class OpeningHours implements WeeklyOpening {
  @Field(() => Weekday, { description: 'The day it opens.' })
  @IsEnum(Weekday)
  day: Weekday;

  @Field({ description: 'Opening time, HH:mm.' })
  @Matches(OPENS_AT, { message: 'opens must be a time HH:mm' })
  opens: string;

  @Field({ description: 'Closing time, HH:mm (24:00 for midnight); before `opens`: the next day.' })
  @Matches(CLOSES_AT, { message: 'closes must be a time HH:mm, or 24:00' })
  closes: string;
}
