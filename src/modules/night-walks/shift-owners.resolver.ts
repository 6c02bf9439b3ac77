import { Args, Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Public } from '../../common/decorators/access.decorators';
import type { GraphQLContext } from '../../graphql/context';
import { MaxItems } from '../../graphql/cost';
import { District } from '../districts';
import { Organisation } from '../organisations';
import { requireSpanAtMost, TimeRangeArgs } from '../../graphql/time-range.args';
import { Shift } from './entities/shift.entity';
import { ShiftRange, ShiftsService } from './shifts.service';

/** The longest range `Organisation.shifts` and `District.shifts` answer for. */
export const MAX_SHIFT_RANGE_DAYS = 92;
/** The most walks they answer for one organisation or district (more: ask for a shorter range). */
export const MAX_SHIFTS_IN_RANGE = 100;

const RANGE_RULES =
  `(default: the next 30 days; at most ${MAX_SHIFT_RANGE_DAYS} days, and at most ` +
  `${MAX_SHIFTS_IN_RANGE} walks: BAD_USER_INPUT beyond, ask for a shorter range)`;

/** Adds `Organisation.shifts` (the organisations module does not know about night walks). */
@Resolver(() => Organisation)
export class OrganisationShiftsResolver {
  constructor(private readonly shiftsService: ShiftsService) {}

  @ResolveField(() => [Shift], {
    description: `The organisation's walks starting in the range ${RANGE_RULES}, by start.`,
  })
  @MaxItems(MAX_SHIFTS_IN_RANGE)
  @Public()
  shifts(
    @Parent() organisation: Organisation,
    @Context() context: GraphQLContext,
    @Args() range: TimeRangeArgs,
  ): Promise<Shift[]> {
    return context.loaders.get(this.shiftsService.byOrganisationAndRange).load({
      ownerId: organisation.id,
      range: boundedRange(this.shiftsService, range),
    });
  }
}

/** Adds `District.shifts`: the district's public schedule. */
@Resolver(() => District)
export class DistrictShiftsResolver {
  constructor(private readonly shiftsService: ShiftsService) {}

  @ResolveField(() => [Shift], {
    description: `Verified organisations' walks in the district starting in the range ${RANGE_RULES}, by start.`,
  })
  @MaxItems(MAX_SHIFTS_IN_RANGE)
  @Public()
  shifts(
    @Parent() district: District,
    @Context() context: GraphQLContext,
    @Args() range: TimeRangeArgs,
  ): Promise<Shift[]> {
    return context.loaders.get(this.shiftsService.byDistrictAndRange).load({
      ownerId: district.id,
      range: boundedRange(this.shiftsService, range),
    });
  }
}

function boundedRange(shifts: ShiftsService, args: TimeRangeArgs): ShiftRange {
  const range = shifts.defaultRange(args.from, args.to);
  requireSpanAtMost(range, MAX_SHIFT_RANGE_DAYS);
  return range;
}
