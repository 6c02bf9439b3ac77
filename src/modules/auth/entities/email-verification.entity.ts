import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { UuidEntity } from '../../../common/base.entity';
import { CreatedAtColumn, TimestampColumn, UuidColumn } from '../../../database/columns';
import { Person } from '../../people';

/**
 * A link sent to an address to prove it is the account's (stored as the SHA-256 hash of its
 * token): single-use, expiring, and only for the address it was sent to.
 */
@Entity('email_verifications')
@Index('UQ_email_verifications_hash', ['tokenHash'], { unique: true })
@Index('IDX_email_verifications_person', ['personId'])
export class EmailVerification extends UuidEntity {
  @UuidColumn()
  personId: string;

  /** The address the link went to; the account must still have it when the link is used. */
  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Column({ type: 'varchar', length: 64 })
  tokenHash: string;

  @TimestampColumn()
  expiresAt: Date;

  @TimestampColumn({ nullable: true })
  usedAt: Date | null;

  @CreatedAtColumn()
  createdAt: Date;

  /** Declares the foreign key only; never loaded. */
  @ManyToOne(() => Person, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'personId' })
  readonly person?: Person;
}
