import { Args, Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Public } from '../../common/decorators/access.decorators';
import type { GraphQLContext } from '../../graphql/context';
import { District } from '../districts';
import { Organisation } from '../organisations';
import { TimeRangeArgs } from '../../graphql/time-range.args';
import { Shift } from './entities/shift.entity';
import { ShiftsService } from './shifts.service';

/** Adds `Organisation.shifts` (the organisations module does not know about night walks). */
@Resolver(() => Organisation)
export class OrganisationShiftsResolver {
  constructor(private readonly shiftsService: ShiftsService) {}

  @ResolveField(() => [Shift], {
    description:
      "The organisation's walks starting in the range (default: the next 30 days), by start.",
  })
  @Public()
  shifts(
    @Parent() organisation: Organisation,
    @Context() context: GraphQLContext,
    @Args() range: TimeRangeArgs,
  ): Promise<Shift[]> {
    return context.loaders.get(this.shiftsService.byOrganisationAndRange).load({
      ownerId: organisation.id,
      range: this.shiftsService.defaultRange(range.from, range.to),
    });
  }
}

/** Adds `District.shifts`: the district's public schedule. */
@Resolver(() => District)
export class DistrictShiftsResolver {
  constructor(private readonly shiftsService: ShiftsService) {}

  @ResolveField(() => [Shift], {
    description:
      "Verified organisations' walks in the district starting in the range (default: the next 30 days).",
  })
  @Public()
  shifts(
    @Parent() district: District,
    @Context() context: GraphQLContext,
    @Args() range: TimeRangeArgs,
  ): Promise<Shift[]> {
    return context.loaders.get(this.shiftsService.byDistrictAndRange).load({
      ownerId: district.id,
      range: this.shiftsService.defaultRange(range.from, range.to),
    });
  }
}
