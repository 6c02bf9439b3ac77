import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../../../database/columns';

/**
 * Login attempts per account (lower-cased email, whether or not the account exists) in the
 * current window. Every attempt is counted before the password is checked, so parallel requests
 * and aliases in one request cannot exceed the limit.
 */
@Entity('login_attempts')
export class LoginAttempt {
  @PrimaryColumn({ type: 'varchar', length: 254 })
  accountKey: string;

  @Column({ type: 'integer' })
  attempts: number;

  @TimestampColumn()
  windowStartedAt: Date;
}
