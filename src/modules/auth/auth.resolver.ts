import { UseGuards } from '@nestjs/common';
import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import type { Request } from 'express';
import type { Actor } from '../../common/actor';
import { Public } from '../../common/decorators/access.decorators';
import { CurrentActor } from '../../common/decorators/current-actor.decorator';
import { Person } from '../people';
import { AuthService, SignedInSession } from './auth.service';
import {
  AuthPayload,
  ChangePasswordInput,
  LoginInput,
  LoginPayload,
  LogoutInput,
  RefreshTokenInput,
} from './dto/auth.inputs';
import { AuthRateLimitGuard } from './guards/auth-rate-limit.guard';
import { LocalLoginGuard, LoginPerson } from './guards/local-login.guard';
import { RequestActors } from '../../common/request-actors';

@Resolver()
export class AuthResolver {
  constructor(
    private readonly auth: AuthService,
    private readonly actors: RequestActors,
  ) {}

  /** The rest of this request acts as the person who just signed in. */
  private signedIn(req: Request, session: SignedInSession): AuthPayload {
    this.actors.signIn(req, session.actor);
    return session.payload;
  }

  @Mutation(() => LoginPayload, {
    nullable: true,
    description:
      'Signs in with email and password; null with an error when that fails. Every attempt counts ' +
      "towards the account's limit, aliases one by one: too many → RATE_LIMITED. When the " +
      'account has two-factor sign-in, or its role requires it (ADMIN, MUNICIPAL_OFFICER, ' +
      'SOCIAL_SERVICES: always), the answer has no tokens but a `twoFactorChallenge` for the ' +
      'second step (`completeTwoFactorLogin`, or first setting up an authenticator); codes given ' +
      'there count towards the same limit. Public.',
  })
  @Public()
  @UseGuards(AuthRateLimitGuard, LocalLoginGuard)
  async login(
    @Context('req') req: Request,
    @Args('input', { description: 'Email address and password.' }) _input: LoginInput,
    @LoginPerson() person: Person,
  ): Promise<LoginPayload> {
    const outcome = await this.auth.login(person);
    if ('session' in outcome) {
      return { ...this.signedIn(req, outcome.session), twoFactorChallenge: null };
    }
    return {
      accessToken: null,
      accessTokenExpiresAt: null,
      refreshToken: null,
      refreshTokenExpiresAt: null,
      person: null,
      twoFactorChallenge: outcome.challenge,
    };
  }

  @Mutation(() => AuthPayload, {
    description:
      'Exchanges a refresh token for new tokens. Reusing an exchanged token ends the session. Public.',
  })
  @Public()
  @UseGuards(AuthRateLimitGuard)
  async refreshToken(
    @Context('req') req: Request,
    @Args('input', { description: 'The refresh token.' }) input: RefreshTokenInput,
  ): Promise<AuthPayload> {
    return this.signedIn(req, await this.auth.refresh(input.refreshToken));
  }

  @Mutation(() => Boolean, { description: 'Signs out: ends this session, or all of yours.' })
  logout(
    @CurrentActor() actor: Actor,
    @Args('input', { nullable: true, description: 'Whether to sign out everywhere.' })
    input?: LogoutInput,
  ): Promise<boolean> {
    return this.auth.logout(actor, input);
  }

  @Mutation(() => Person, {
    description: 'Changes your password and signs out your other sessions.',
  })
  changePassword(
    @CurrentActor() actor: Actor,
    @Args('input', { description: 'Current and new password.' }) input: ChangePasswordInput,
  ): Promise<Person> {
    return this.auth.changePassword(actor, input);
  }
}
