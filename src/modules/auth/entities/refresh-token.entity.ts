import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { UuidEntity } from '../../../common/base.entity';
import { TimestampColumn, UuidColumn } from '../../../database/columns';
import { AuthSession } from './auth-session.entity';

/** One refresh token (stored as its SHA-256 hash). Used once: refreshing rotates it. */
@Entity('refresh_tokens')
@Index('UQ_refresh_tokens_hash', ['tokenHash'], { unique: true })
@Index('IDX_refresh_tokens_session', ['sessionId'])
export class RefreshToken extends UuidEntity {
  @UuidColumn()
  sessionId: string;

  @Column({ type: 'varchar', length: 64 })
  tokenHash: string;

  @TimestampColumn()
  issuedAt: Date;

  @TimestampColumn()
  expiresAt: Date;

  /** Set when the token is exchanged; presenting it again revokes the whole session. */
  @TimestampColumn({ nullable: true })
  usedAt: Date | null;

  /** Declares the foreign key only; never loaded. */
  @ManyToOne(() => AuthSession, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'sessionId' })
  readonly session?: AuthSession;
}
