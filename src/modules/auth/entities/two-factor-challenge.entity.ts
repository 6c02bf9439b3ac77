import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { UuidEntity } from '../../../common/base.entity';
import {
  CreatedAtColumn,
  EnumColumn,
  TimestampColumn,
  UuidColumn,
} from '../../../database/columns';
import { Person } from '../../people';

/** What a sign-in challenge lets its holder do next. */
export enum TwoFactorStep {
  /** Give a code from the authenticator, or a recovery code (`completeTwoFactorLogin`). */
  CODE = 'CODE',
  /** Set up an authenticator first (`startTwoFactorSetup`, then `confirmTwoFactor`). */
  SETUP = 'SETUP',
}

/**
 * The second step of a sign-in: issued by `login` once the password is right, when the account
 * has two-factor sign-in or its role requires it. Short-lived and single-use; stored as the
 * SHA-256 hash of its token.
 */
@Entity('two_factor_challenges')
@Index('UQ_two_factor_challenges_hash', ['tokenHash'], { unique: true })
@Index('IDX_two_factor_challenges_person', ['personId'])
export class TwoFactorChallenge extends UuidEntity {
  @UuidColumn()
  personId: string;

  @EnumColumn(TwoFactorStep)
  step: TwoFactorStep;

  @Column({ type: 'varchar', length: 64 })
  tokenHash: string;

  @TimestampColumn()
  expiresAt: Date;

  /** Set when the challenge gave a session; it never works again. */
  @TimestampColumn({ nullable: true })
  usedAt: Date | null;

  @CreatedAtColumn()
  createdAt: Date;

  /** Declares the foreign key only; never loaded. */
  @ManyToOne(() => Person, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'personId' })
  readonly person?: Person;
}
