import { ArgsType, Field, InputType } from '@nestjs/graphql';
import { Trim } from '../../../common/validation';
import { Type } from 'class-transformer';
import { IsOptional, IsString, Length, MaxLength, ValidateNested } from 'class-validator';
import { ConnectionArgs } from '../../../graphql/pagination';
import { NoIdentityNumber } from '../../../common/free-text';

@InputType({ description: 'A new district.' })
export class CreateDistrictInput {
  @Field({ description: 'Name of the district, e.g. Kronogården.' })
  @IsString()
  @Length(2, 80)
  @Trim()
  @NoIdentityNumber()
  name: string;

  @Field({
    nullable: true,
    description: 'Municipality; defaults to the municipality this deployment serves.',
  })
  @IsOptional()
  @IsString()
  @Length(2, 80)
  @Trim()
  @NoIdentityNumber()
  municipality?: string;
}

@InputType({ description: 'Narrows the list of districts.' })
export class DistrictFilter {
  @Field({ nullable: true, description: 'Only districts whose name contains this text.' })
  @IsOptional()
  @IsString()
  @MaxLength(80)
  search?: string;
}

@ArgsType()
export class DistrictsArgs extends ConnectionArgs {
  @Field(() => DistrictFilter, { nullable: true, description: 'Narrows the list.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => DistrictFilter)
  filter?: DistrictFilter;
}
