import { UseGuards } from '@nestjs/common';
import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import type { Request } from 'express';
import type { Actor } from '../../common/actor';
import { Public } from '../../common/decorators/access.decorators';
import { CurrentActor } from '../../common/decorators/current-actor.decorator';
import { RequestActors } from '../../common/request-actors';
import { Person } from '../people';
import { AuthService } from './auth.service';
import { AuthPayload } from './dto/auth.inputs';
import {
  CompleteTwoFactorLoginInput,
  ConfirmTwoFactorInput,
  DisableTwoFactorInput,
  StartTwoFactorSetupInput,
  TwoFactorConfirmation,
  TwoFactorSetup,
} from './dto/two-factor.inputs';
import { AuthRateLimitGuard } from './guards/auth-rate-limit.guard';
import { TwoFactorService } from './two-factor.service';

@Resolver()
export class TwoFactorResolver {
  constructor(
    private readonly auth: AuthService,
    private readonly twoFactor: TwoFactorService,
    private readonly actors: RequestActors,
  ) {}

  @Mutation(() => AuthPayload, {
    description:
      'The second step of a sign-in (`login` answered `twoFactorChallenge` with `next: CODE`): ' +
      'the challenge with a code from the authenticator or a recovery code gives the tokens. A ' +
      'wrong code, a code already used (the same 30-second step) or a used recovery code → ' +
      "UNAUTHENTICATED, counted towards the account's login-attempt limit (too many → " +
      'RATE_LIMITED); the challenge stays usable for its 5 minutes until it gives a session. Public.',
  })
  @Public()
  @UseGuards(AuthRateLimitGuard)
  async completeTwoFactorLogin(
    @Context('req') req: Request,
    @Args('input', { description: 'The challenge and the code.' })
    input: CompleteTwoFactorLoginInput,
  ): Promise<AuthPayload> {
    const session = await this.auth.completeTwoFactorLogin(input);
    this.actors.signIn(req, session.actor);
    return session.payload;
  }

  @Mutation(() => TwoFactorSetup, {
    description:
      'Starts setting up an authenticator app: a new secret, shown this once. Signed in: for ' +
      'yourself (replacing your authenticator once confirmed). Without a session: with the ' +
      '`challenge` of a `login` that answered `next: SETUP` — the only thing such an account can ' +
      'do before it has a second factor. Nothing changes until `confirmTwoFactor`. Public (a ' +
      'session or a challenge is required).',
  })
  @Public()
  @UseGuards(AuthRateLimitGuard)
  startTwoFactorSetup(
    @CurrentActor() actor: Actor,
    @Args('input', {
      nullable: true,
      description: 'The sign-in challenge, when not signed in.',
    })
    input?: StartTwoFactorSetupInput,
  ): Promise<TwoFactorSetup> {
    return this.twoFactor.startSetup(actor, input ?? {});
  }

  @Mutation(() => TwoFactorConfirmation, {
    description:
      'Turns on two-factor sign-in with the authenticator being set up, proven by its current ' +
      'code (a wrong one → UNAUTHENTICATED, counted like a failed login), and returns ten ' +
      'single-use recovery codes, shown this once. With the `challenge` of a `login` that ' +
      'answered `next: SETUP` it also returns the session. Public (a session or a challenge is ' +
      'required).',
  })
  @Public()
  @UseGuards(AuthRateLimitGuard)
  async confirmTwoFactor(
    @Context('req') req: Request,
    @CurrentActor() actor: Actor,
    @Args('input', { description: 'The code, and the sign-in challenge when not signed in.' })
    input: ConfirmTwoFactorInput,
  ): Promise<TwoFactorConfirmation> {
    const { confirmation, session } = await this.auth.confirmTwoFactor(actor, input);
    if (session) this.actors.signIn(req, session.actor);
    return confirmation;
  }

  @Mutation(() => Person, {
    description:
      'Turns two-factor sign-in off, with a current code or a recovery code (wrong → ' +
      'UNAUTHENTICATED). FORBIDDEN for ADMIN, MUNICIPAL_OFFICER and SOCIAL_SERVICES, who must ' +
      'keep it.',
  })
  disableTwoFactor(
    @CurrentActor() actor: Actor,
    @Args('input', { description: 'A code or a recovery code.' }) input: DisableTwoFactorInput,
  ): Promise<Person> {
    return this.twoFactor.disable(actor, input);
  }
}
