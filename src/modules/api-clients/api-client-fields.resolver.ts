import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLContext } from '../../graphql/context';
import { Organisation, OrganisationsService } from '../organisations';
import { ApiClient } from './entities/api-client.entity';

@Resolver(() => ApiClient)
export class ApiClientFieldsResolver {
  constructor(private readonly organisations: OrganisationsService) {}

  @ResolveField(() => Organisation, {
    nullable: true,
    description: 'Owning organisation; null: the municipality.',
  })
  owner(
    @Parent() client: ApiClient,
    @Context() context: GraphQLContext,
  ): Promise<Organisation | null> | null {
    return client.ownerOrganisationId
      ? context.loaders.get(this.organisations.byId).load(client.ownerOrganisationId)
      : null;
  }
}
