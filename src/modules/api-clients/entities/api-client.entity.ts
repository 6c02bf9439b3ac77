import { Field, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { ApiScope } from '../../../common/actor';
import { UuidEntity } from '../../../common/base.entity';
import { CreatedAtColumn, TimestampColumn, UuidColumn } from '../../../database/columns';
import { Organisation } from '../../organisations';

registerEnumType(ApiScope, {
  name: 'ApiScope',
  description: 'What a partner app may read with its API key.',
  valuesMap: {
    DIRECTORY_READ: {
      description: '`directory:read` — the directory of organisations and support services.',
    },
    NIGHTWALKS_READ: { description: '`nightwalks:read` — public night-walk schedules.' },
    SHELTERS_AVAILABILITY: {
      description:
        '`shelters:availability` — shelter status, area, groups and features; never counts.',
    },
    STATISTICS_READ: { description: '`statistics:read` — published statistics.' },
  },
});

/**
 * A partner app's API key. The key is shown once at creation; only its SHA-256 hash and a visible
 * prefix are stored (keys are 256-bit random, so a fast hash is enough).
 */
@ObjectType({ description: "A partner app's API key (the key itself is shown only once)." })
@Entity('api_clients')
@Index('UQ_api_clients_key_prefix', ['keyPrefix'], { unique: true })
@Index('IDX_api_clients_owner', ['ownerOrganisationId'])
export class ApiClient extends UuidEntity {
  @Field({ description: 'Name of the partner app, e.g. Trygghetskartan.' })
  @Column({ type: 'varchar', length: 120 })
  name: string;

  /** Null: owned by the municipality. */
  @UuidColumn({ nullable: true })
  ownerOrganisationId: string | null;

  @Field(() => [ApiScope], { description: 'What the key may read.' })
  @Column({ type: 'simple-json' })
  scopes: ApiScope[];

  @Field({ description: 'The visible start of the key, to tell keys apart (e.g. `sv_3f9a1c2e`).' })
  @Column({ type: 'varchar', length: 16 })
  keyPrefix: string;

  @Column({ type: 'varchar', length: 64 })
  keyHash: string;

  @UuidColumn()
  createdById: string;

  @Field({ description: 'When the key was created.' })
  @CreatedAtColumn()
  createdAt: Date;

  @Field(() => Date, { nullable: true, description: 'Last time the key was used (to the minute).' })
  @TimestampColumn({ nullable: true })
  lastUsedAt: Date | null;

  @Field(() => Date, {
    nullable: true,
    description: 'When the key was revoked; a revoked key is refused.',
  })
  @TimestampColumn({ nullable: true })
  revokedAt: Date | null;

  @UuidColumn({ nullable: true })
  revokedById: string | null;

  /** Declares the foreign key only; never loaded. */
  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'ownerOrganisationId' })
  readonly owner?: Organisation;
}
