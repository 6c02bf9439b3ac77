import { Column, Entity, JoinColumn, ManyToOne } from 'typeorm';
import { CreatedAtColumn, TimestampColumn, UuidPrimaryColumn } from '../../../database/columns';
import { Person } from '../../people';

/**
 * A person's authenticator (TOTP, RFC 6238): one row per person who has started to set one up.
 * The secrets are never returned after `startTwoFactorSetup` shows the pending one, and never
 * logged (SQL parameters are not logged).
 */
@Entity('two_factors')
export class TwoFactor {
  @UuidPrimaryColumn()
  personId: string;

  /** Base32 TOTP secret of the confirmed authenticator; null until one is confirmed. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  secret: string | null;

  /** Base32 secret being set up (shown once); it replaces `secret` when a code from it is confirmed. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  pendingSecret: string | null;

  /** When the current authenticator was confirmed; two-factor sign-in is on while this is set. */
  @TimestampColumn({ nullable: true })
  confirmedAt: Date | null;

  /** The RFC 6238 time step of the last code accepted: a code of it or an earlier step is refused. */
  @Column({ type: 'integer', nullable: true })
  lastUsedStep: number | null;

  @CreatedAtColumn()
  createdAt: Date;

  /** Declares the foreign key only; never loaded. */
  @ManyToOne(() => Person, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'personId' })
  readonly person?: Person;
}
