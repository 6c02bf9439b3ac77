import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Trim } from '../../../common/validation';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEnum,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { ConnectionArgs } from '../../../graphql/pagination';
import { OrganisationKind, OrganisationStatus } from '../entities/organisation.entity';
import { NoIdentityNumber } from '../../../common/free-text';

@InputType({ description: 'A new organisation; the caller becomes its ORG_ADMIN.' })
export class RegisterOrganisationInput {
  @Field({ description: 'Name of the organisation.' })
  @IsString()
  @Length(2, 200)
  @Trim()
  @NoIdentityNumber()
  name: string;

  @Field({ description: 'Organisationsnummer, NNNNNN-NNNN (the hyphen may be left out).' })
  @IsString()
  @MaxLength(20)
  organisationNumber: string;

  @Field(() => OrganisationKind, { description: 'What kind of organisation this is.' })
  @IsEnum(OrganisationKind)
  kind: OrganisationKind;

  @Field(() => [ID], { description: 'Districts the organisation serves.' })
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  districtIds: string[];

  @Field({ nullable: true, description: 'What the organisation does (public).' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  @NoIdentityNumber()
  description?: string;

  @Field({
    nullable: true,
    description: 'Public contact: an email address, phone number or web page.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  @NoIdentityNumber()
  publicContact?: string;
}

@InputType({
  description: 'Changes to an organisation; omitted fields stay as they are. ORG_ADMIN.',
})
export class UpdateOrganisationInput {
  @Field(() => ID, { description: 'The organisation.' })
  @IsUUID()
  organisationId: string;

  @Field({ nullable: true, description: 'New name.' })
  @IsOptional()
  @IsString()
  @Length(2, 200)
  @Trim()
  @NoIdentityNumber()
  name?: string;

  @Field({ nullable: true, description: 'New description (public).' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  @NoIdentityNumber()
  description?: string;

  @Field({ nullable: true, description: 'New public contact; an empty string removes it.' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  @NoIdentityNumber()
  publicContact?: string;

  @Field(() => [ID], {
    nullable: true,
    description: 'The districts served, replacing the current ones.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  districtIds?: string[];
}

@InputType({ description: 'A municipal officer’s decision on an organisation.' })
export class OrganisationDecisionInput {
  @Field(() => ID, { description: 'The organisation.' })
  @IsUUID()
  organisationId: string;

  @Field({
    nullable: true,
    description: 'Why: required when rejecting or suspending, optional when verifying.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @NoIdentityNumber()
  reason?: string;
}

@InputType({ description: 'Narrows the directory; all conditions must hold.' })
export class OrganisationFilter {
  @Field(() => OrganisationKind, { nullable: true, description: 'Only this kind.' })
  @IsOptional()
  @IsEnum(OrganisationKind)
  kind?: OrganisationKind;

  @Field(() => ID, { nullable: true, description: 'Only organisations serving this district.' })
  @IsOptional()
  @IsUUID()
  districtId?: string;

  @Field(() => OrganisationStatus, {
    nullable: true,
    description: 'Only this status. Anything but VERIFIED needs MUNICIPAL_OFFICER or ADMIN.',
  })
  @IsOptional()
  @IsEnum(OrganisationStatus)
  status?: OrganisationStatus;

  @Field({ nullable: true, description: 'Only organisations whose name contains this text.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string;
}

@ArgsType()
export class OrganisationsArgs extends ConnectionArgs {
  @Field(() => OrganisationFilter, { nullable: true, description: 'Narrows the list.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => OrganisationFilter)
  filter?: OrganisationFilter;
}
