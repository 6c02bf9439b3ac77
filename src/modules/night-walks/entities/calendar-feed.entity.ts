import { Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { UuidEntity } from '../../../common/base.entity';
import { CreatedAtColumn, TimestampColumn, UuidColumn } from '../../../database/columns';
import { Person } from '../../people';

/**
 * A person's private calendar feed. Its URL carries an HMAC of the feed id (nothing secret is
 * stored, yet the URL can be shown again); revoking the feed ends the URL, and a new feed gets a
 * new one.
 */
@Entity('calendar_feeds')
@Index('UQ_calendar_feeds_active_person', ['personId'], {
  unique: true,
  where: `"revokedAt" IS NULL`,
})
export class CalendarFeed extends UuidEntity {
  @UuidColumn()
  personId: string;

  @CreatedAtColumn()
  createdAt: Date;

  @TimestampColumn({ nullable: true })
  revokedAt: Date | null;

  /** Declares the foreign key only; never loaded. */
  @ManyToOne(() => Person, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'personId' })
  readonly person?: Person;
}
