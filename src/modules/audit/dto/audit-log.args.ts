import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsDate, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { ConnectionArgs } from '../../../graphql/pagination';

@InputType({ description: 'Narrows the audit log; all conditions must hold.' })
export class AuditLogFilter {
  @Field({
    nullable: true,
    description: 'Only entries about this kind of record, e.g. `Organisation`.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  entityType?: string;

  @Field(() => ID, { nullable: true, description: 'Only entries about this record.' })
  @IsOptional()
  @IsUUID()
  entityId?: string;

  @Field(() => ID, { nullable: true, description: 'Only entries made by this person.' })
  @IsOptional()
  @IsUUID()
  actorPersonId?: string;

  @Field({ nullable: true, description: 'Only this action, e.g. `organisation.verified`.' })
  @IsOptional()
  @IsString()
  @MaxLength(80)
  action?: string;

  @Field({ nullable: true, description: 'Only entries at or after this instant.' })
  @IsOptional()
  @IsDate()
  from?: Date;

  @Field({ nullable: true, description: 'Only entries before this instant.' })
  @IsOptional()
  @IsDate()
  to?: Date;
}

@ArgsType()
export class AuditLogArgs extends ConnectionArgs {
  @Field(() => AuditLogFilter, { nullable: true, description: 'Narrows the entries.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => AuditLogFilter)
  filter?: AuditLogFilter;
}
