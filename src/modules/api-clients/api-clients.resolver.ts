import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Actor } from '../../common/actor';
import { CurrentActor } from '../../common/decorators/current-actor.decorator';
import type { ConnectionShape } from '../../graphql/pagination';
import { ApiClientsService } from './api-clients.service';
import { ApiClientConnection } from './dto/api-client-connection.type';
import {
  ApiClientIdInput,
  ApiClientsArgs,
  CreateApiClientInput,
  CreateApiClientPayload,
} from './dto/api-client.inputs';
import { ApiClient } from './entities/api-client.entity';

@Resolver(() => ApiClient)
export class ApiClientsResolver {
  constructor(private readonly clients: ApiClientsService) {}

  @Query(() => ApiClientConnection, {
    description:
      "API clients, newest first: all for ADMIN, an organisation's own for its ORG_ADMIN.",
  })
  apiClients(
    @CurrentActor() actor: Actor,
    @Args() args: ApiClientsArgs,
  ): Promise<ConnectionShape<ApiClient>> {
    return this.clients.list(actor, args);
  }

  @Mutation(() => CreateApiClientPayload, {
    description: 'Creates an API client; its key is returned only here.',
  })
  createApiClient(
    @CurrentActor() actor: Actor,
    @Args('input', { description: 'The client.' }) input: CreateApiClientInput,
  ): Promise<CreateApiClientPayload> {
    return this.clients.create(actor, input);
  }

  @Mutation(() => ApiClient, {
    description: 'Revokes an API client: its key stops working at once.',
  })
  revokeApiClient(
    @CurrentActor() actor: Actor,
    @Args('input', { description: 'The client.' }) input: ApiClientIdInput,
  ): Promise<ApiClient> {
    return this.clients.revoke(actor, input);
  }
}
