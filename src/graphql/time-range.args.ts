import { ArgsType, Field } from '@nestjs/graphql';
import { IsDate, IsOptional } from 'class-validator';

/** A half-open range of instants for a list or relation field; each field documents its default. */
@ArgsType()
export class TimeRangeArgs {
  @Field({ nullable: true, description: 'From this instant (inclusive); default: see the field.' })
  @IsOptional()
  @IsDate()
  from?: Date;

  @Field({ nullable: true, description: 'Until this instant (exclusive); default: see the field.' })
  @IsOptional()
  @IsDate()
  to?: Date;
}
