import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import { PubSub } from 'graphql-subscriptions';
import { IsNull, Repository } from 'typeorm';
import { Actor, PersonActor, requirePerson, SystemRole } from '../../common/actor';
import { Clock } from '../../common/clock';
import { DomainError } from '../../common/errors/domain-error';
import { sha256Hex } from '../../common/sha256';
import { AppConfig } from '../../config/app-config';
import { Database } from '../../database/database.service';
import { PUB_SUB, SESSION_ENDED } from '../../graphql/pubsub';
import { PasswordService, Person, PeopleService } from '../people';
import { MembershipRole, MembershipStatus, OrganisationAccess } from '../organisations';
import {
  AuthPayload,
  ChangePasswordInput,
  LogoutInput,
  TwoFactorChallenge,
} from './dto/auth.inputs';
import {
  CompleteTwoFactorLoginInput,
  ConfirmTwoFactorInput,
  TwoFactorConfirmation,
} from './dto/two-factor.inputs';
import { AuthSession } from './entities/auth-session.entity';
import { RefreshToken } from './entities/refresh-token.entity';
import { LoginAttemptsService } from './login-attempts.service';
import { TwoFactorService } from './two-factor.service';

/** Claims of an access token besides the registered ones (iss, aud, iat, exp). */
export interface AccessTokenClaims {
  /** The person. */
  sub: string;
  /** The session (refresh-token family). */
  sid: string;
}

enum SessionEnd {
  LOGOUT = 'LOGOUT',
  REFRESH_TOKEN_REUSE = 'REFRESH_TOKEN_REUSE',
  PASSWORD_CHANGED = 'PASSWORD_CHANGED',
}

const INVALID_REFRESH = 'Invalid or expired refresh token';

/** Tokens for the client, and the actor the rest of the request acts as. */
export interface SignedInSession {
  payload: AuthPayload;
  actor: PersonActor;
}

/** What a right password leads to: a session, or the second step it needs first. */
export type LoginOutcome = { session: SignedInSession } | { challenge: TwoFactorChallenge };

/**
 * Sign-in, sessions and tokens. Access tokens are short-lived JWTs (HS256, issuer and audience
 * pinned) naming their session; refresh tokens are opaque, single-use and rotate. Presenting a
 * refresh token that was already exchanged revokes the whole session: whoever holds a copy is
 * signed out along with the rightful owner.
 */
/** A row of the session lookup: the person's role, and one ACTIVE membership (or none). */
interface SessionRow {
  systemRole: SystemRole | null;
  organisationId: string | null;
  role: MembershipRole | null;
}

@Injectable()
export class AuthService {
  constructor(
    @InjectRepository(AuthSession) private readonly sessions: Repository<AuthSession>,
    @InjectRepository(RefreshToken) private readonly refreshTokens: Repository<RefreshToken>,
    private readonly database: Database,
    private readonly jwt: JwtService,
    private readonly people: PeopleService,
    private readonly passwords: PasswordService,
    private readonly loginAttempts: LoginAttemptsService,
    private readonly twoFactor: TwoFactorService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly access: OrganisationAccess,
    @Inject(PUB_SUB) private readonly pubSub: PubSub,
  ) {}

  /** Tells live subscriptions of the person to check their credentials again (after commit). */
  private sessionsEnded(personId: string): void {
    void this.pubSub.publish(SESSION_ENDED, { personId });
  }

  /**
   * Checks an email and password (passport-local calls this). Every attempt counts towards the
   * account's limit before the password is checked; unknown addresses cost the same time. The
   * count is cleared only when the sign-in is complete (`login`), so codes of a second step
   * count together with the passwords.
   */
  async validateCredentials(email: string, password: string): Promise<Person> {
    await this.loginAttempts.reserve(email);
    return this.checkPassword(await this.people.findByEmail(email), password);
  }

  /**
   * After a right password: a session, unless the account has two-factor sign-in or its role
   * requires it; then a challenge for the second step (`completeTwoFactorLogin`, or setting up an
   * authenticator first), and no session until it is passed.
   */
  async login(person: Person): Promise<LoginOutcome> {
    const step = await this.twoFactor.stepFor(person);
    if (step) return { challenge: await this.twoFactor.issueChallenge(person, step) };
    await this.loginAttempts.clear(person.email);
    return { session: await this.startSession(person) };
  }

  /** The second step of a sign-in: a session once the code or recovery code is right. */
  async completeTwoFactorLogin(input: CompleteTwoFactorLoginInput): Promise<SignedInSession> {
    return this.startSession(await this.twoFactor.completeSignIn(input));
  }

  /**
   * Confirms an authenticator being set up; with a SETUP challenge (an account signing in that
   * had to set one up) this also starts its session.
   */
  async confirmTwoFactor(
    actor: Actor,
    input: ConfirmTwoFactorInput,
  ): Promise<{ confirmation: TwoFactorConfirmation; session: SignedInSession | null }> {
    const { person, recoveryCodes } = await this.twoFactor.confirm(actor, input);
    const session = input.challenge ? await this.startSession(person) : null;
    return { confirmation: { recoveryCodes, session: session?.payload ?? null }, session };
  }

  /** After the attempt is reserved: the person when the password is theirs. */
  private async checkPassword(person: Person | null, password: string): Promise<Person> {
    const valid = person
      ? await this.passwords.verify(person.passwordHash, password)
      : await this.passwords.verifyAgainstNothing(password);
    if (!person || !valid) throw DomainError.unauthenticated('Wrong email address or password');
    return person;
  }

  /**
   * Issues a session for the person, with no further check: only for callers that have checked
   * everything sign-in needs (`login`, the second step; the test factories).
   */
  async startSession(person: Person): Promise<SignedInSession> {
    const now = this.clock.now();
    const { session, refresh } = await this.database.transaction(async (manager) => {
      const created = await manager.save(
        manager.create(AuthSession, {
          personId: person.id,
          createdAt: now,
          revokedAt: null,
          revokedReason: null,
        }),
      );
      return {
        session: created,
        refresh: await this.issueRefreshToken(manager.getRepository(RefreshToken), created.id, now),
      };
    });
    return {
      payload: await this.payload(person, session.id, refresh, now),
      actor: this.actorOf(person, session.id),
    };
  }

  async refresh(token: string): Promise<SignedInSession> {
    const now = this.clock.now();
    const outcome = await this.database.transaction(async (manager) => {
      const stored = await manager.findOneBy(RefreshToken, { tokenHash: sha256Hex(token) });
      if (!stored) return { kind: 'invalid' as const };
      const session = await manager.findOneBy(AuthSession, { id: stored.sessionId });
      if (!session || session.revokedAt) return { kind: 'invalid' as const };
      // Conditional update: of two concurrent exchanges of one token, exactly one wins.
      const claimed = await manager.update(
        RefreshToken,
        { id: stored.id, usedAt: IsNull() },
        { usedAt: now },
      );
      if (!claimed.affected) {
        await manager.update(
          AuthSession,
          { id: session.id, revokedAt: IsNull() },
          { revokedAt: now, revokedReason: SessionEnd.REFRESH_TOKEN_REUSE },
        );
        return { kind: 'reused' as const, personId: session.personId };
      }
      if (stored.expiresAt <= now) return { kind: 'invalid' as const };
      const refresh = await this.issueRefreshToken(
        manager.getRepository(RefreshToken),
        session.id,
        now,
      );
      return { kind: 'rotated' as const, session, refresh };
    });
    // A reused token's session is revoked in a committed transaction before this error is thrown.
    if (outcome.kind === 'reused') this.sessionsEnded(outcome.personId);
    if (outcome.kind !== 'rotated') throw DomainError.unauthenticated(INVALID_REFRESH);
    const person = await this.people.get(outcome.session.personId);
    return {
      payload: await this.payload(person, outcome.session.id, outcome.refresh, now),
      actor: this.actorOf(person, outcome.session.id),
    };
  }

  /** Ends the current session, or every session of the person. */
  async logout(actor: Actor, input: LogoutInput = {}): Promise<boolean> {
    const person = requirePerson(actor, 'Only a signed-in person has a session');
    const where = input.everywhere
      ? { personId: person.personId, revokedAt: IsNull() }
      : { id: person.sessionId, revokedAt: IsNull() };
    await this.sessions.update(where, {
      revokedAt: this.clock.now(),
      revokedReason: SessionEnd.LOGOUT,
    });
    this.sessionsEnded(person.personId);
    return true;
  }

  /**
   * Checks that the new password is strong enough (not made of the person's address or name) and
   * the current one (counted like a login attempt), and signs out every other session.
   */
  async changePassword(actor: Actor, input: ChangePasswordInput): Promise<Person> {
    const me = requirePerson(actor, 'Only a signed-in person has a session');
    const person = await this.people.get(me.personId);
    this.passwords.assertStrong(input.newPassword, person, 'newPassword');
    await this.loginAttempts.reserve(person.email);
    await this.checkPassword(person, input.currentPassword);
    await this.loginAttempts.clear(person.email);
    const passwordHash = await this.passwords.hash(input.newPassword);
    await this.database.transaction(async (manager) => {
      await this.people.setPasswordHash(manager, person.id, passwordHash);
      await manager
        .createQueryBuilder()
        .update(AuthSession)
        .set({ revokedAt: this.clock.now(), revokedReason: SessionEnd.PASSWORD_CHANGED })
        .where('personId = :personId AND revokedAt IS NULL AND id <> :current', {
          personId: person.id,
          current: me.sessionId,
        })
        .execute();
    });
    this.sessionsEnded(person.id);
    return this.people.get(person.id);
  }

  /**
   * The actor behind a verified access token, or null when its session has ended or the person is
   * gone. One query: the session joined with the person's current system role.
   */
  async actorForAccessToken(claims: AccessTokenClaims): Promise<PersonActor | null> {
    // Every signed-in request runs this: one fixed statement, which also reads the person's
    // ACTIVE memberships (most requests check one), a row each.
    const [active, sid, sub] = this.database.placeholders(3);
    const rows = await this.sessions.query<SessionRow[]>(
      'SELECT "person"."systemRole" AS "systemRole", "membership"."organisationId" AS ' +
        '"organisationId", "membership"."role" AS "role" FROM "auth_sessions" "session" ' +
        'INNER JOIN "people" "person" ON "person"."id" = "session"."personId" ' +
        'LEFT JOIN "memberships" "membership" ON "membership"."personId" = "session"."personId" ' +
        `AND "membership"."status" = ${active} ` +
        `WHERE "session"."id" = ${sid} AND "session"."personId" = ${sub} ` +
        'AND "session"."revokedAt" IS NULL',
      [MembershipStatus.ACTIVE, claims.sid, claims.sub],
    );
    if (rows.length === 0) return null;
    const actor: PersonActor = {
      kind: 'person',
      personId: claims.sub,
      systemRole: rows[0].systemRole ?? null,
      sessionId: claims.sid,
    };
    this.access.remember(
      actor,
      new Map(
        rows.flatMap((row) =>
          row.organisationId && row.role ? [[row.organisationId, row.role] as const] : [],
        ),
      ),
    );
    return actor;
  }

  private actorOf(person: Person, sessionId: string): PersonActor {
    return { kind: 'person', personId: person.id, systemRole: person.systemRole, sessionId };
  }

  private async issueRefreshToken(
    tokens: Repository<RefreshToken>,
    sessionId: string,
    now: Date,
  ): Promise<{ token: string; expiresAt: Date }> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + this.config.jwt.refreshTokenTtlSeconds * 1000);
    await tokens.insert(
      tokens.create({
        sessionId,
        tokenHash: sha256Hex(token),
        issuedAt: now,
        expiresAt,
        usedAt: null,
      }),
    );
    return { token, expiresAt };
  }

  private async payload(
    person: Person,
    sessionId: string,
    refresh: { token: string; expiresAt: Date },
    now: Date,
  ): Promise<AuthPayload> {
    const claims: AccessTokenClaims = { sub: person.id, sid: sessionId };
    const accessToken = await this.jwt.signAsync(claims);
    return {
      accessToken,
      accessTokenExpiresAt: new Date(now.getTime() + this.config.jwt.accessTokenTtlSeconds * 1000),
      refreshToken: refresh.token,
      refreshTokenExpiresAt: refresh.expiresAt,
      person,
    };
  }
}
