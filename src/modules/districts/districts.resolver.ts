import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { type Actor, SystemRole } from '../../common/actor';
import { Public, RequireSystemRole } from '../../common/decorators/access.decorators';
import { CurrentActor } from '../../common/decorators/current-actor.decorator';
import type { ConnectionShape } from '../../graphql/pagination';
import { DistrictsService } from './districts.service';
import { DistrictConnection } from './dto/district-connection.type';
import { CreateDistrictInput, DistrictsArgs } from './dto/district.inputs';
import { District } from './entities/district.entity';

@Resolver(() => District)
export class DistrictsResolver {
  constructor(private readonly districtsService: DistrictsService) {}

  @Query(() => DistrictConnection, {
    description: 'The districts of the municipality, by name. Public.',
  })
  @Public()
  districts(@Args() args: DistrictsArgs): Promise<ConnectionShape<District>> {
    return this.districtsService.list(args);
  }

  @Query(() => District, { description: 'One district. Public.' })
  @Public()
  district(
    @Args('id', { type: () => ID, description: 'The district.' }) id: string,
  ): Promise<District> {
    return this.districtsService.get(id);
  }

  @Mutation(() => District, { description: 'Adds a district. ADMIN only.' })
  @RequireSystemRole(SystemRole.ADMIN)
  createDistrict(
    @CurrentActor() actor: Actor,
    @Args('input', { description: 'The new district.' }) input: CreateDistrictInput,
  ): Promise<District> {
    return this.districtsService.create(actor, input);
  }
}
