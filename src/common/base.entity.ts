import { randomUUID } from 'node:crypto';
import { Field, ID, ObjectType } from '@nestjs/graphql';
import { BeforeInsert } from 'typeorm';
import { UuidPrimaryColumn } from '../database/columns';

/**
 * Base for every entity: a UUID primary key generated in the application (no database extension
 * needed), assigned on insert unless the caller chose one (seeds use fixed, recognisable ids).
 */
@ObjectType({ isAbstract: true })
export abstract class UuidEntity {
  @Field(() => ID, { description: 'Unique identifier.' })
  @UuidPrimaryColumn()
  id: string;

  @BeforeInsert()
  protected assignId(): void {
    this.id ??= randomUUID();
  }
}
