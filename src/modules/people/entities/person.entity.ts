import { Field, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, Entity, Index } from 'typeorm';
import { SystemRole } from '../../../common/actor';
import { UuidEntity } from '../../../common/base.entity';
import {
  CreatedAtColumn,
  EnumColumn,
  TimestampColumn,
  UpdatedAtColumn,
} from '../../../database/columns';

export enum Locale {
  sv = 'sv',
  en = 'en',
}

registerEnumType(SystemRole, {
  name: 'SystemRole',
  description: 'A role held by municipal staff or platform administrators.',
  valuesMap: {
    ADMIN: {
      description: 'Platform administrator: everything, including staff accounts and API clients.',
    },
    MUNICIPAL_OFFICER: {
      description: 'Grant and partnership officer: verifies organisations, runs grant programmes.',
    },
    SOCIAL_SERVICES: {
      description: 'Social services placement staff: shelter availability counts, placements.',
    },
  },
});

registerEnumType(Locale, {
  name: 'Locale',
  description: 'Language a person prefers for messages.',
  valuesMap: { sv: { description: 'Swedish.' }, en: { description: 'English.' } },
});

/** A person with an account. Visibility of each field is decided by `PersonFieldsResolver`. */
@ObjectType({ description: 'A person with an account.' })
@Entity('people')
@Index('UQ_people_email', ['email'], { unique: true })
export class Person extends UuidEntity {
  /** Stored trimmed and lower-cased: one account per address, whatever the case. */
  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Column({ type: 'varchar', length: 120 })
  displayName: string;

  @Column({ type: 'varchar', length: 40, nullable: true })
  phone: string | null;

  /** argon2id hash; never a GraphQL field, never logged. */
  @Column({ type: 'varchar', length: 255 })
  passwordHash: string;

  @EnumColumn(SystemRole, { nullable: true })
  systemRole: SystemRole | null;

  /** Skyddad identitet: the name is shown only to ADMIN and the person. */
  @Column({ type: 'boolean', default: false })
  protectedIdentity: boolean;

  @EnumColumn(Locale, { default: Locale.sv })
  locale: Locale;

  /**
   * When the person proved the address is theirs (a link sent to it); null until then. Without it
   * the account can sign in, but holds no membership and sees no invitation.
   */
  @TimestampColumn({ nullable: true })
  emailVerifiedAt: Date | null;

  @Field({ description: 'When the account was created.' })
  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}
