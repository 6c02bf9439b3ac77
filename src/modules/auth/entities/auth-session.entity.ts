import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { UuidEntity } from '../../../common/base.entity';
import { TimestampColumn, UuidColumn } from '../../../database/columns';
import { Person } from '../../people';

/**
 * A sign-in: the family of refresh tokens issued from one login. Access tokens name their session
 * (`sid`); revoking the session (logout, refresh-token reuse, password change) ends all of them.
 */
@Entity('auth_sessions')
@Index('IDX_auth_sessions_person', ['personId'])
export class AuthSession extends UuidEntity {
  @UuidColumn()
  personId: string;

  @TimestampColumn()
  createdAt: Date;

  @TimestampColumn({ nullable: true })
  revokedAt: Date | null;

  /** LOGOUT, REFRESH_TOKEN_REUSE or PASSWORD_CHANGED. */
  @Column({ type: 'varchar', length: 40, nullable: true })
  revokedReason: string | null;

  /** Declares the foreign key only; never loaded. */
  @ManyToOne(() => Person, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'personId' })
  readonly person?: Person;
}
