import { Field, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { UuidEntity } from '../../../common/base.entity';
import {
  CreatedAtColumn,
  EnumColumn,
  TimestampColumn,
  UuidColumn,
} from '../../../database/columns';
import { LocalDateScalar } from '../../../graphql/scalars';
import { Organisation } from '../../organisations';
import { Person } from '../../people';

export enum CredentialKind {
  POLICE_RECORD_CHECK = 'POLICE_RECORD_CHECK',
  FIRST_AID = 'FIRST_AID',
  NIGHT_WALK_TRAINING = 'NIGHT_WALK_TRAINING',
  DRIVING_LICENCE = 'DRIVING_LICENCE',
}

registerEnumType(CredentialKind, {
  name: 'CredentialKind',
  description: 'Kinds of credential a volunteer can show.',
  valuesMap: {
    POLICE_RECORD_CHECK: {
      description:
        'Belastningsregisterutdrag: recorded only as "shown, valid until", never the document.',
    },
    FIRST_AID: { description: 'First-aid training.' },
    NIGHT_WALK_TRAINING: { description: 'Night-walk training.' },
    DRIVING_LICENCE: { description: 'Driving licence.' },
  },
});

/**
 * A credential a person has shown to an organisation. No document, number or copy is stored:
 * only the kind, until when it is valid, and which ORG_ADMIN verified it.
 */
@ObjectType({ description: 'A credential a volunteer has shown to an organisation.' })
@Entity('credentials')
@Index('IDX_credentials_person_kind', ['personId', 'kind'])
@Index('IDX_credentials_organisation', ['organisationId'])
export class Credential extends UuidEntity {
  @UuidColumn()
  personId: string;

  @UuidColumn()
  organisationId: string;

  @Field(() => CredentialKind, { description: 'Kind of credential.' })
  @EnumColumn(CredentialKind)
  kind: CredentialKind;

  @Field(() => LocalDateScalar, { description: 'Last day it is valid (YYYY-MM-DD).' })
  @Column({ type: 'date' })
  validUntil: string;

  @UuidColumn()
  addedById: string;

  @UuidColumn({ nullable: true })
  verifiedById: string | null;

  @Field(() => Date, {
    nullable: true,
    description: 'When an ORG_ADMIN verified it; null until then.',
  })
  @TimestampColumn({ nullable: true })
  verifiedAt: Date | null;

  @Field({ description: 'When it was recorded.' })
  @CreatedAtColumn()
  createdAt: Date;

  /** Declares the foreign key only; never loaded. */
  @ManyToOne(() => Person, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'personId' })
  readonly person?: Person;

  /** Declares the foreign key only; never loaded. */
  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisationId' })
  readonly organisation?: Organisation;
}
