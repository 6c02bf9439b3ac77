import { Args, Mutation, Resolver } from '@nestjs/graphql';
import type { Actor } from '../../common/actor';
import { CurrentActor } from '../../common/decorators/current-actor.decorator';
import { CredentialsService } from './credentials.service';
import { AddCredentialInput, VerifyCredentialInput } from './dto/credential.inputs';
import { Credential } from './entities/credential.entity';

@Resolver(() => Credential)
export class CredentialsResolver {
  constructor(private readonly credentials: CredentialsService) {}

  @Mutation(() => Credential, {
    description:
      'Records a credential shown to an organisation: for yourself (then an ORG_ADMIN verifies it) or, ' +
      'as ORG_ADMIN, for a member (verified at once).',
  })
  addCredential(
    @CurrentActor() actor: Actor,
    @Args('input', { description: 'The credential.' }) input: AddCredentialInput,
  ): Promise<Credential> {
    return this.credentials.add(actor, input);
  }

  @Mutation(() => Credential, {
    description: "Verifies a member's credential. ORG_ADMIN, not for your own.",
  })
  verifyCredential(
    @CurrentActor() actor: Actor,
    @Args('input', { description: 'The credential.' }) input: VerifyCredentialInput,
  ): Promise<Credential> {
    return this.credentials.verify(actor, input);
  }
}
