import { UseGuards } from '@nestjs/common';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import type { Actor } from '../../common/actor';
import { Public } from '../../common/decorators/access.decorators';
import { CurrentActor } from '../../common/decorators/current-actor.decorator';
import { normaliseEmail } from '../../common/text';
import { RegisterInput, RegisterPayload, VerifyEmailInput } from './dto/auth.inputs';
import { EmailVerificationService } from './email-verification.service';
import { AuthRateLimitGuard } from './guards/auth-rate-limit.guard';

@Resolver()
export class EmailVerificationResolver {
  constructor(private readonly verification: EmailVerificationService) {}

  @Mutation(() => RegisterPayload, {
    description:
      'Creates an account and mails a link to verify the address; sign in with `login`. The ' +
      'answer is the same whether the address already has an account (that one gets a mail ' +
      'instead). Until the address is verified the account holds no membership. Public.',
  })
  @Public()
  @UseGuards(AuthRateLimitGuard)
  async register(
    @Args('input', { description: 'The account.' }) input: RegisterInput,
  ): Promise<RegisterPayload> {
    await this.verification.register(input);
    return {
      email: normaliseEmail(input.email),
      message: 'Check your mail: open the link in it to verify the address, then sign in.',
    };
  }

  @Mutation(() => Boolean, {
    description:
      'Verifies an address with the token of the link mailed to it (single-use, valid 24 hours); ' +
      'BAD_USER_INPUT when it is not valid. Public.',
  })
  @Public()
  @UseGuards(AuthRateLimitGuard)
  verifyEmail(
    @Args('input', { description: 'The token.' }) input: VerifyEmailInput,
  ): Promise<boolean> {
    return this.verification.verify(input.token);
  }

  @Mutation(() => Boolean, {
    description: 'Mails a new verification link to your address (earlier links stop working).',
  })
  @UseGuards(AuthRateLimitGuard)
  requestEmailVerification(@CurrentActor() actor: Actor): Promise<boolean> {
    return this.verification.resend(actor);
  }
}
