import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { generateSecret, generateURI, verify } from 'otplib';
import { EntityManager, IsNull, LessThan, Not, Or, Repository } from 'typeorm';
import { Actor, isPerson } from '../../common/actor';
import { Clock } from '../../common/clock';
import { DomainError } from '../../common/errors/domain-error';
import { sha256Hex } from '../../common/sha256';
import { AppConfig } from '../../config/app-config';
import { Database } from '../../database/database.service';
import { Person, PeopleService } from '../people';
import { TwoFactorChallenge as ChallengePayload } from './dto/auth.inputs';
import {
  CompleteTwoFactorLoginInput,
  ConfirmTwoFactorInput,
  DisableTwoFactorInput,
  StartTwoFactorSetupInput,
  TwoFactorSetup,
  TwoFactorStatus,
} from './dto/two-factor.inputs';
import { TwoFactorChallenge, TwoFactorStep } from './entities/two-factor-challenge.entity';
import { TwoFactorRecoveryCode } from './entities/two-factor-recovery-code.entity';
import { TwoFactor } from './entities/two-factor.entity';
import { LoginAttemptsService } from './login-attempts.service';
import {
  CHALLENGE_TTL_MS,
  newRecoveryCode,
  normaliseRecoveryCode,
  normaliseTotpCode,
  RECOVERY_CODE_COUNT,
  requiresTwoFactor,
  TOTP_PERIOD_SECONDS,
  TOTP_TOLERANCE_SECONDS,
} from './two-factor.rules';

const WRONG_CODE = 'Wrong or already used code';
const INVALID_CHALLENGE = 'This sign-in step has expired or was used: sign in again';

/** A code or a recovery code, as the person typed it. */
interface SecondFactorProof {
  code?: string;
  recoveryCode?: string;
}

/** What proves the second factor, claimed inside the caller's transaction (or the proof fails). */
type Claim = (manager: EntityManager) => Promise<void>;

/**
 * Two-factor sign-in with an authenticator app (TOTP, RFC 6238: SHA-1, 6 digits, 30-second steps,
 * one step of drift either way) and single-use recovery codes. Every code attempt counts towards
 * the account's login-attempt limit like a password; a code is accepted once (its time step is
 * remembered), a recovery code once. Codes are checked outside transactions; what they prove is
 * claimed with conditional updates, so of two concurrent uses of one code only one succeeds.
 */
@Injectable()
export class TwoFactorService {
  constructor(
    @InjectRepository(TwoFactor) private readonly factors: Repository<TwoFactor>,
    @InjectRepository(TwoFactorRecoveryCode)
    private readonly recoveryCodes: Repository<TwoFactorRecoveryCode>,
    @InjectRepository(TwoFactorChallenge)
    private readonly challenges: Repository<TwoFactorChallenge>,
    private readonly database: Database,
    private readonly people: PeopleService,
    private readonly loginAttempts: LoginAttemptsService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /**
   * The second step `login` must ask for once the password is right: a code when the account has
   * two-factor sign-in, a setup when its role requires it and it has none yet; null for neither.
   */
  async stepFor(person: Person): Promise<TwoFactorStep | null> {
    const factor = await this.factors.findOneBy({ personId: person.id });
    if (factor?.confirmedAt) return TwoFactorStep.CODE;
    return requiresTwoFactor(person.systemRole) ? TwoFactorStep.SETUP : null;
  }

  /** A new challenge for that step (and the person's used and expired ones forgotten). */
  async issueChallenge(person: Person, step: TwoFactorStep): Promise<ChallengePayload> {
    const now = this.clock.now();
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + CHALLENGE_TTL_MS);
    await this.database.transaction(async (manager) => {
      await manager.delete(TwoFactorChallenge, { personId: person.id, usedAt: Not(IsNull()) });
      await manager.delete(TwoFactorChallenge, { personId: person.id, expiresAt: LessThan(now) });
      await manager.insert(
        TwoFactorChallenge,
        manager.create(TwoFactorChallenge, {
          personId: person.id,
          step,
          tokenHash: sha256Hex(token),
          expiresAt,
          usedAt: null,
        }),
      );
    });
    return { challenge: token, expiresAt, next: step };
  }

  /** A new pending secret for the signed-in person, or for the account signing in (`challenge`). */
  async startSetup(actor: Actor, input: StartTwoFactorSetupInput = {}): Promise<TwoFactorSetup> {
    const person = input.challenge
      ? (await this.openSetupChallenge(input.challenge)).person
      : await this.signedIn(actor);
    const secret = generateSecret();
    await this.database.transaction(async (manager) => {
      await manager
        .createQueryBuilder()
        .insert()
        .into(TwoFactor)
        .values({ personId: person.id, secret: null, pendingSecret: null, confirmedAt: null })
        .orIgnore()
        .execute();
      await manager.update(TwoFactor, { personId: person.id }, { pendingSecret: secret });
    });
    return {
      secret,
      otpauthUrl: generateURI({
        issuer: `Samverkan ${this.config.municipalityName}`,
        label: person.email,
        secret,
      }),
    };
  }

  /**
   * Turns on two-factor sign-in with the pending secret, proven by a code from it; the earlier
   * authenticator and recovery codes stop working. With a SETUP challenge it also uses the
   * challenge: the caller then starts the session.
   */
  async confirm(
    actor: Actor,
    input: ConfirmTwoFactorInput,
  ): Promise<{ person: Person; recoveryCodes: string[] }> {
    const setup = input.challenge ? await this.openSetupChallenge(input.challenge) : null;
    const challenge = setup?.challenge ?? null;
    const person = setup?.person ?? (await this.signedIn(actor));
    const factor = await this.factors.findOneBy({ personId: person.id });
    const pending = factor?.pendingSecret;
    if (!pending) {
      throw DomainError.badInput('No authenticator is being set up: call startTwoFactorSetup', {
        code: ['no authenticator is being set up'],
      });
    }
    await this.loginAttempts.reserve(person.email);
    const step = await this.matchingStep(pending, input.code, null);
    if (step === null) throw DomainError.unauthenticated(WRONG_CODE);
    const recoveryCodes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
    const now = this.clock.now();
    await this.database.transaction(async (manager) => {
      const confirmed = await manager.update(
        TwoFactor,
        { personId: person.id, pendingSecret: pending },
        { secret: pending, pendingSecret: null, confirmedAt: now, lastUsedStep: step },
      );
      if (!confirmed.affected) throw DomainError.unauthenticated(WRONG_CODE);
      await manager.delete(TwoFactorRecoveryCode, { personId: person.id });
      await manager.insert(
        TwoFactorRecoveryCode,
        recoveryCodes.map((code) =>
          manager.create(TwoFactorRecoveryCode, {
            personId: person.id,
            codeHash: sha256Hex(code),
            usedAt: null,
          }),
        ),
      );
      if (challenge) await this.claimChallenge(manager, challenge, now);
    });
    await this.loginAttempts.clear(person.email);
    return { person, recoveryCodes };
  }

  /** The second step of a sign-in: the person whose challenge it is, once their code is right. */
  async completeSignIn(input: CompleteTwoFactorLoginInput): Promise<Person> {
    const challenge = await this.openChallenge(input.challenge, TwoFactorStep.CODE);
    const person = await this.people.get(challenge.personId);
    const claim = await this.proveSecondFactor(person, input);
    const now = this.clock.now();
    await this.database.transaction(async (manager) => {
      await claim(manager);
      await this.claimChallenge(manager, challenge, now);
    });
    await this.loginAttempts.clear(person.email);
    return person;
  }

  /** Turns two-factor sign-in off, with a code or recovery code; not for the roles requiring it. */
  async disable(actor: Actor, input: DisableTwoFactorInput): Promise<Person> {
    const person = await this.signedIn(actor);
    if (requiresTwoFactor(person.systemRole)) {
      throw DomainError.forbidden(`Two-factor sign-in is required for ${person.systemRole}`);
    }
    const factor = await this.factors.findOneBy({ personId: person.id });
    if (factor?.confirmedAt) {
      const claim = await this.proveSecondFactor(person, input);
      await this.database.transaction(async (manager) => {
        await claim(manager);
        await manager.delete(TwoFactorRecoveryCode, { personId: person.id });
        await manager.delete(TwoFactor, { personId: person.id });
      });
      await this.loginAttempts.clear(person.email);
    } else if (factor) {
      await this.factors.delete({ personId: person.id });
    }
    return person;
  }

  async status(person: Person): Promise<TwoFactorStatus> {
    const factor = await this.factors.findOneBy({ personId: person.id });
    const enabled = Boolean(factor?.confirmedAt);
    return {
      enabled,
      required: requiresTwoFactor(person.systemRole),
      recoveryCodesLeft: enabled
        ? await this.recoveryCodes.countBy({ personId: person.id, usedAt: IsNull() })
        : 0,
    };
  }

  /**
   * Turns on two-factor sign-in with a given secret, without a code and without recovery codes:
   * for the demo data only (its staff accounts share one documented secret).
   */
  async enrolForDemo(personId: string, secret: string): Promise<void> {
    await this.database.transaction(async (manager) => {
      if (await manager.existsBy(TwoFactor, { personId })) return;
      await manager.insert(TwoFactor, {
        personId,
        secret,
        pendingSecret: null,
        confirmedAt: this.clock.now(),
        lastUsedStep: null,
      });
    });
  }

  private async signedIn(actor: Actor): Promise<Person> {
    if (actor.kind === 'anonymous') throw DomainError.unauthenticated();
    if (!isPerson(actor)) throw DomainError.forbidden('Only a person has two-factor sign-in');
    return this.people.get(actor.personId);
  }

  /** The open challenge of that token and step; UNAUTHENTICATED otherwise. */
  private async openChallenge(token: string, step: TwoFactorStep): Promise<TwoFactorChallenge> {
    const challenge = await this.challenges.findOneBy({ tokenHash: sha256Hex(token) });
    if (
      !challenge ||
      challenge.step !== step ||
      challenge.usedAt ||
      challenge.expiresAt <= this.clock.now()
    ) {
      throw DomainError.unauthenticated(INVALID_CHALLENGE);
    }
    return challenge;
  }

  /**
   * The open SETUP challenge of that token and its person, while the person still has no
   * authenticator (one confirmed meanwhile makes the challenge useless); UNAUTHENTICATED otherwise.
   */
  private async openSetupChallenge(
    token: string,
  ): Promise<{ challenge: TwoFactorChallenge; person: Person }> {
    const challenge = await this.openChallenge(token, TwoFactorStep.SETUP);
    const person = await this.people.get(challenge.personId);
    if ((await this.stepFor(person)) !== TwoFactorStep.SETUP) {
      throw DomainError.unauthenticated(INVALID_CHALLENGE);
    }
    return { challenge, person };
  }

  private async claimChallenge(
    manager: EntityManager,
    challenge: TwoFactorChallenge,
    now: Date,
  ): Promise<void> {
    const claimed = await manager.update(
      TwoFactorChallenge,
      { id: challenge.id, usedAt: IsNull() },
      { usedAt: now },
    );
    if (!claimed.affected) throw DomainError.unauthenticated(INVALID_CHALLENGE);
  }

  /**
   * Counts the attempt, then checks the code (or recovery code) of the person's confirmed
   * authenticator: UNAUTHENTICATED when wrong; else what to claim in the transaction that uses it.
   */
  private async proveSecondFactor(person: Person, proof: SecondFactorProof): Promise<Claim> {
    if ((proof.code === undefined) === (proof.recoveryCode === undefined)) {
      throw DomainError.badInput('Give either a code or a recovery code', {
        code: ['give either a code or a recovery code'],
      });
    }
    await this.loginAttempts.reserve(person.email);
    const factor = await this.factors.findOneBy({ personId: person.id });
    const secret = factor?.confirmedAt ? factor.secret : null;
    if (!factor || !secret) throw DomainError.unauthenticated(WRONG_CODE);
    if (proof.code !== undefined) {
      const step = await this.matchingStep(secret, proof.code, factor.lastUsedStep);
      if (step === null) throw DomainError.unauthenticated(WRONG_CODE);
      return async (manager) => {
        const claimed = await manager.update(
          TwoFactor,
          { personId: person.id, secret, lastUsedStep: Or(IsNull(), LessThan(step)) },
          { lastUsedStep: step },
        );
        if (!claimed.affected) throw DomainError.unauthenticated(WRONG_CODE);
      };
    }
    const recoveryCode = normaliseRecoveryCode(proof.recoveryCode ?? '');
    if (!recoveryCode) throw DomainError.unauthenticated(WRONG_CODE);
    const codeHash = sha256Hex(recoveryCode);
    const usedAt = this.clock.now();
    return async (manager) => {
      const claimed = await manager.update(
        TwoFactorRecoveryCode,
        { personId: person.id, codeHash, usedAt: IsNull() },
        { usedAt },
      );
      if (!claimed.affected) throw DomainError.unauthenticated(WRONG_CODE);
    };
  }

  /**
   * The time step of the code when it is valid for the secret now (one step either way) and later
   * than `after`; null otherwise.
   */
  private async matchingStep(
    secret: string,
    typed: string,
    after: number | null,
  ): Promise<number | null> {
    const token = normaliseTotpCode(typed);
    if (!token) return null;
    const epoch = Math.floor(this.clock.now().getTime() / 1000);
    const latestStep = Math.floor((epoch + TOTP_TOLERANCE_SECONDS) / TOTP_PERIOD_SECONDS);
    // Every step that could match is used already (otplib refuses an `afterTimeStep` beyond them).
    if (after !== null && after >= latestStep) return null;
    const result = await verify({
      secret,
      token,
      epoch,
      period: TOTP_PERIOD_SECONDS,
      epochTolerance: TOTP_TOLERANCE_SECONDS,
      ...(after !== null ? { afterTimeStep: after } : {}),
    });
    // A TOTP result names the time step the code belongs to.
    return result.valid && 'timeStep' in result ? result.timeStep : null;
  }
}
