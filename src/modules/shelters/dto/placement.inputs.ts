import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { LANGUAGE_CODE } from '../../../common/target-group';
import { DefaultWhenNull, LowerCase, Trim } from '../../../common/validation';
import { Connection, ConnectionArgs } from '../../../graphql/pagination';
import { PlacementRequest, PlacementStatus } from '../entities/placement-request.entity';
import { ShelterFeature } from '../entities/shelter.entity';
import { NoIdentityNumber } from '../../../common/free-text';

@InputType({
  description:
    'Asks a shelter for places. SOCIAL_SERVICES. Never a name: the case reference is pseudonymous.',
})
export class RequestPlacementInput {
  @Field(() => ID, { description: 'The shelter.' })
  @IsUUID()
  shelterId: string;

  @Field(() => Int, { description: 'Adults needing a place (at least 1).' })
  @IsInt()
  @Min(1)
  @Max(20)
  adults: number;

  @Field(() => Int, { nullable: true, defaultValue: 0, description: 'Children (default 0).' })
  @DefaultWhenNull(() => 0)
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(20)
  children: number = 0;

  @Field(() => [ShelterFeature], {
    nullable: true,
    defaultValue: [],
    description: 'What the shelter must offer, e.g. REINFORCED_SECURITY.',
  })
  @DefaultWhenNull(() => [])
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsEnum(ShelterFeature, { each: true })
  needs: ShelterFeature[] = [];

  @Field(() => String, {
    nullable: true,
    description: 'The language the person speaks, as an ISO 639 code (e.g. ar, ro, so).',
  })
  @IsOptional()
  @LowerCase()
  @Matches(LANGUAGE_CODE, { message: 'language must be an ISO 639 code' })
  language?: string | null;

  @Field({
    description:
      'Your pseudonymous case reference, e.g. "IFO-2026-0142". A personal identity number is refused.',
  })
  @IsString()
  @Trim()
  @Length(3, 40)
  caseReference: string;
}

@InputType({ description: "The shelter's answer to a placement request." })
export class RespondToPlacementInput {
  @Field(() => ID, { description: 'The placement request.' })
  @IsUUID()
  placementId: string;

  @Field({ description: 'True holds the places; false declines.' })
  @IsBoolean()
  accept: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'Why (required when declining; shown to social services). No names.',
  })
  @IsOptional()
  @IsString()
  @Trim()
  @Length(2, 1000)
  @NoIdentityNumber()
  reason?: string | null;
}

@InputType({ description: 'Names one placement request.' })
export class PlacementIdInput {
  @Field(() => ID, { description: 'The placement request.' })
  @IsUUID()
  placementId: string;
}

@InputType({ description: 'Withdraws a placement request before it is confirmed.' })
export class CancelPlacementInput {
  @Field(() => ID, { description: 'The placement request.' })
  @IsUUID()
  placementId: string;

  @Field({ description: 'Why (shown to the other side). No names.' })
  @IsString()
  @Trim()
  @Length(2, 1000)
  @NoIdentityNumber()
  reason: string;
}

@InputType({ description: 'Narrows the list of placement requests; all conditions must hold.' })
export class PlacementRequestFilter {
  @Field(() => ID, { nullable: true, description: 'Only requests to this shelter.' })
  @IsOptional()
  @IsUUID()
  shelterId?: string;

  @Field(() => ID, {
    nullable: true,
    description: 'Only requests to this organisation’s shelters.',
  })
  @IsOptional()
  @IsUUID()
  organisationId?: string;

  @Field(() => [PlacementStatus], { nullable: true, description: 'Only requests in these states.' })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsEnum(PlacementStatus, { each: true })
  status?: PlacementStatus[];

  @Field({ nullable: true, description: 'Only requests with this case reference.' })
  @IsOptional()
  @IsString()
  @Trim()
  @Length(1, 40)
  caseReference?: string;
}

@ArgsType()
export class PlacementRequestsArgs extends ConnectionArgs {
  @Field(() => PlacementRequestFilter, { nullable: true, description: 'Narrows the list.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => PlacementRequestFilter)
  filter?: PlacementRequestFilter;
}

/** A page of placement requests (Relay connection). */
export const PlacementRequestConnection = Connection(PlacementRequest, 'PlacementRequest');
