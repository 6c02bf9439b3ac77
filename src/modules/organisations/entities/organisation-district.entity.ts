import { Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { UuidPrimaryColumn } from '../../../database/columns';
import { District } from '../../districts';
import { Organisation } from './organisation.entity';

/** A district an organisation serves. */
@Entity('organisation_districts')
@Index('IDX_organisation_districts_district', ['districtId'])
export class OrganisationDistrict {
  @UuidPrimaryColumn()
  organisationId: string;

  @UuidPrimaryColumn()
  districtId: string;

  /** Declares the foreign key only; never loaded. */
  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisationId' })
  readonly organisation?: Organisation;

  /** Declares the foreign key only; never loaded. */
  @ManyToOne(() => District, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'districtId' })
  readonly district?: District;
}
