import { Entity, PrimaryColumn } from 'typeorm';
import { TimestampColumn, UuidColumn } from '../../../database/columns';

/**
 * One row per reminder sent, keyed by what it is about and which round (e.g.
 * `credential-expiring:<id>:7`): a job inserts the key in the transaction that stores the
 * reminder, so running the job twice, or in two processes at once, sends each reminder once.
 */
@Entity('sent_reminders')
export class SentReminder {
  @PrimaryColumn({ type: 'varchar', length: 200 })
  key: string;

  /** Who inserted it: the claim that won, read back after `INSERT … ON CONFLICT DO NOTHING`. */
  @UuidColumn()
  claim: string;

  @TimestampColumn()
  sentAt: Date;
}
