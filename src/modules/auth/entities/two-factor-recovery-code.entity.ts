import { Entity, Column, Index, JoinColumn, ManyToOne } from 'typeorm';
import { UuidEntity } from '../../../common/base.entity';
import { CreatedAtColumn, TimestampColumn, UuidColumn } from '../../../database/columns';
import { Person } from '../../people';

/**
 * A single-use recovery code, for signing in without the authenticator. Shown once when two-factor
 * sign-in is confirmed (ten at a time, replacing the earlier ones); stored as the SHA-256 hash of
 * the code (60 random bits each, so a fast hash suffices).
 */
@Entity('two_factor_recovery_codes')
@Index('UQ_two_factor_recovery_codes_hash', ['codeHash'], { unique: true })
@Index('IDX_two_factor_recovery_codes_person', ['personId'])
export class TwoFactorRecoveryCode extends UuidEntity {
  @UuidColumn()
  personId: string;

  @Column({ type: 'varchar', length: 64 })
  codeHash: string;

  /** Set when the code is used; it never works again. */
  @TimestampColumn({ nullable: true })
  usedAt: Date | null;

  @CreatedAtColumn()
  createdAt: Date;

  /** Declares the foreign key only; never loaded. */
  @ManyToOne(() => Person, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'personId' })
  readonly person?: Person;
}
