import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity, Index } from 'typeorm';
import { UuidEntity } from '../../../common/base.entity';
import { TimestampColumn, UuidColumn } from '../../../database/columns';
import { JSONObjectScalar } from '../../../graphql/scalars';

/**
 * One state change (or read of a placement request): who, what, which record, when, and a
 * before/after summary. Append-only: the API never updates or deletes entries, and database
 * triggers refuse UPDATE and DELETE on this table.
 */
@ObjectType({
  description: 'An append-only record of a state change: who, what, which record, when.',
})
@Entity('audit_log')
@Index('IDX_audit_log_entity', ['entityType', 'entityId'])
@Index('IDX_audit_log_at', ['at'])
export class AuditLogEntry extends UuidEntity {
  @Field({ description: 'When it happened.' })
  @TimestampColumn()
  at: Date;

  @UuidColumn({ nullable: true })
  actorPersonId: string | null;

  @UuidColumn({ nullable: true })
  actorApiClientId: string | null;

  @Field({ description: 'What happened, e.g. `organisation.verified`, `membership.role_changed`.' })
  @Column({ type: 'varchar', length: 80 })
  action: string;

  @Field({ description: 'Kind of record changed, e.g. `Organisation`, `Membership`, `ApiClient`.' })
  @Column({ type: 'varchar', length: 40 })
  entityType: string;

  @Field(() => ID, { description: 'Identifier of the record changed.' })
  @UuidColumn()
  entityId: string;

  @Field(() => JSONObjectScalar, {
    description:
      'Summary of the change: `before` and `after` values of what changed, amounts, reasons.',
  })
  @Column({ type: 'simple-json' })
  summary: Record<string, unknown>;
}
