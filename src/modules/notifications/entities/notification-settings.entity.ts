import { Column, Entity, JoinColumn, OneToOne } from 'typeorm';
import { UuidPrimaryColumn } from '../../../database/columns';
import { Person } from '../../people';
import { NotificationGroup } from '../notification-groups';

/** A person's mail choices; no row means every group is mailed (the default). */
@Entity('notification_settings')
export class NotificationSettings {
  @UuidPrimaryColumn()
  personId: string;

  /** The groups the person turned mail off for. */
  @Column({ type: 'simple-json' })
  mailOff: NotificationGroup[];

  /** Declares the foreign key only; never loaded. */
  @OneToOne(() => Person, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'personId' })
  readonly person?: Person;
}
