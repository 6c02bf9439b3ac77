import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
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
import { LANGUAGE_CODE, TargetGroup } from '../../../common/target-group';
import { DefaultWhenNull, IsSwedishArea, LowerCase, Trim } from '../../../common/validation';
import { Connection, ConnectionArgs } from '../../../graphql/pagination';
import { Shelter, ShelterFeature } from '../entities/shelter.entity';
import { AvailabilityStatus } from '../shelters.rules';
import { NoIdentityNumber } from '../../../common/free-text';

registerEnumType(AvailabilityStatus, {
  name: 'AvailabilityStatus',
  description: 'Whether a shelter can take someone now.',
  valuesMap: {
    AVAILABLE: { description: 'At least one adult place can be offered.' },
    FULL: { description: 'No adult place can be offered.' },
    NO_DATA: { description: 'No report, or the last one is too old to trust.' },
  },
});

const MAX_PLACES = 500;

/** Lower-cases language codes before they are checked. */
@InputType({ description: 'A shelter to register. ORG_ADMIN of a verified shelter organisation.' })
export class CreateShelterInput {
  @Field(() => ID, { description: 'The organisation that runs the shelter.' })
  @IsUUID()
  organisationId: string;

  @Field({ description: 'Name shown to social services; a pseudonym is fine.' })
  @IsString()
  @Trim()
  @Length(2, 120)
  @NoIdentityNumber()
  displayName: string;

  @Field({
    description:
      'A Swedish municipality or county only, e.g. "Trollhättan" or "Västra Götaland" (stored in its ' +
      'official spelling). Never an address.',
  })
  @IsString()
  @IsSwedishArea()
  area: string;

  @Field(() => [TargetGroup], { description: 'Whom the shelter takes (at least one group).' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsEnum(TargetGroup, { each: true })
  targetGroups: TargetGroup[];

  @Field(() => [ShelterFeature], {
    nullable: true,
    defaultValue: [],
    description: 'What the shelter offers.',
  })
  @DefaultWhenNull(() => [])
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsEnum(ShelterFeature, { each: true })
  features: ShelterFeature[] = [];

  @Field(() => [String], {
    nullable: true,
    defaultValue: [],
    description: 'Languages the staff speak, as ISO 639 codes (sv, en, ar, ro, rom…).',
  })
  @DefaultWhenNull(() => [])
  @LowerCase()
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @Matches(LANGUAGE_CODE, { each: true, message: 'each language must be an ISO 639 code' })
  languages: string[] = [];

  @Field(() => Int, { description: `Places for adults (1–${MAX_PLACES}).` })
  @IsInt()
  @Min(1)
  @Max(MAX_PLACES)
  totalAdultPlaces: number;

  @Field(() => Int, {
    nullable: true,
    defaultValue: 0,
    description: `Places for children (0–${MAX_PLACES}, default 0).`,
  })
  @DefaultWhenNull(() => 0)
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_PLACES)
  totalChildPlaces: number = 0;
}

@InputType({ description: 'Changes to a shelter; omitted fields stay as they are. ORG_ADMIN.' })
export class UpdateShelterInput {
  @Field(() => ID, { description: 'The shelter.' })
  @IsUUID()
  shelterId: string;

  @Field({ nullable: true, description: 'New display name.' })
  @IsOptional()
  @IsString()
  @Trim()
  @Length(2, 120)
  @NoIdentityNumber()
  displayName?: string;

  @Field({ nullable: true, description: 'New area: a Swedish municipality or county.' })
  @IsOptional()
  @IsString()
  @IsSwedishArea()
  area?: string;

  @Field(() => [TargetGroup], { nullable: true, description: 'New target groups.' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsEnum(TargetGroup, { each: true })
  targetGroups?: TargetGroup[];

  @Field(() => [ShelterFeature], { nullable: true, description: 'New features.' })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsEnum(ShelterFeature, { each: true })
  features?: ShelterFeature[];

  @Field(() => [String], { nullable: true, description: 'New languages (ISO 639 codes).' })
  @LowerCase()
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @Matches(LANGUAGE_CODE, { each: true, message: 'each language must be an ISO 639 code' })
  languages?: string[];

  @Field(() => Int, {
    nullable: true,
    description: 'New number of adult places; not below the places held for accepted placements.',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_PLACES)
  totalAdultPlaces?: number;

  @Field(() => Int, { nullable: true, description: 'New number of child places.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_PLACES)
  totalChildPlaces?: number;

  @Field({
    nullable: true,
    description: 'False closes the shelter: it leaves every list and takes no requests.',
  })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

@InputType({ description: 'The free places of a shelter now, as its staff count them.' })
export class ReportShelterAvailabilityInput {
  @Field(() => ID, { description: 'The shelter.' })
  @IsUUID()
  shelterId: string;

  @Field(() => Int, {
    description: 'Free adult places, held ones included (at most the shelter’s adult places).',
  })
  @IsInt()
  @Min(0)
  @Max(MAX_PLACES)
  freeAdultPlaces: number;

  @Field(() => Int, { description: 'Free child places, held ones included.' })
  @IsInt()
  @Min(0)
  @Max(MAX_PLACES)
  freeChildPlaces: number;
}

@InputType({ description: 'Narrows the list of shelters; all conditions must hold.' })
export class ShelterFilter {
  @Field(() => ID, { nullable: true, description: 'Only shelters of this organisation.' })
  @IsOptional()
  @IsUUID()
  organisationId?: string;

  @Field({
    nullable: true,
    description: 'Only shelters in this area: a Swedish municipality or county (any case).',
  })
  @IsOptional()
  @IsString()
  @IsSwedishArea()
  area?: string;

  @Field(() => TargetGroup, { nullable: true, description: 'Only shelters taking this group.' })
  @IsOptional()
  @IsEnum(TargetGroup)
  targetGroup?: TargetGroup;

  @Field({ nullable: true, description: 'Only active (true) or closed (false) shelters.' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

@ArgsType()
export class SheltersArgs extends ConnectionArgs {
  @Field(() => ShelterFilter, { nullable: true, description: 'Narrows the list.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ShelterFilter)
  filter?: ShelterFilter;
}

@InputType({ description: 'What the shelter must offer; all conditions must hold.' })
export class ShelterAvailabilityFilter {
  @Field(() => TargetGroup, { nullable: true, description: 'Only shelters taking this group.' })
  @IsOptional()
  @IsEnum(TargetGroup)
  targetGroup?: TargetGroup;

  @Field(() => ShelterFeature, { nullable: true, description: 'Only shelters with this feature.' })
  @IsOptional()
  @IsEnum(ShelterFeature)
  feature?: ShelterFeature;

  @Field({
    nullable: true,
    description: 'Only shelters whose staff speak this language (ISO 639).',
  })
  @IsOptional()
  @LowerCase()
  @Matches(LANGUAGE_CODE, { message: 'language must be an ISO 639 code' })
  language?: string;

  @Field({
    nullable: true,
    description: 'Only shelters in this area: a Swedish municipality or county (any case).',
  })
  @IsOptional()
  @IsString()
  @IsSwedishArea()
  area?: string;
}

@ArgsType()
export class ShelterAvailabilityArgs {
  @Field(() => ShelterAvailabilityFilter, { nullable: true, description: 'Narrows the list.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ShelterAvailabilityFilter)
  filter?: ShelterAvailabilityFilter;
}

/**
 * One shelter's availability as the caller may see it. Partner apps (scope
 * `shelters:availability`) see status, area, groups, features, languages and when it was reported;
 * the counts, the name and the organisation are for social services only (null for others).
 */
@ObjectType({
  description:
    "A shelter's availability. Counts, name and organisation only for SOCIAL_SERVICES (null for partner apps).",
})
export class ShelterAvailability {
  @Field(() => ID, {
    description:
      "This availability's own id: the same for the same shelter in every answer and event (so " +
      'clients that normalise by id merge `shelterAvailabilityChanged` into their lists), and not ' +
      "the shelter's id.",
  })
  id: string;

  @Field(() => ID, { description: 'The shelter.' })
  shelterId: string;

  /** The organisation, resolved for social services only (ShelterAvailabilityFieldsResolver). */
  organisationId: string;

  @Field(() => String, { nullable: true, description: 'The shelter’s name. SOCIAL_SERVICES only.' })
  displayName: string | null;

  @Field(() => AvailabilityStatus, { description: 'AVAILABLE, FULL or NO_DATA.' })
  status: AvailabilityStatus;

  @Field({ description: 'Coarse area: the municipality or county.' })
  area: string;

  @Field(() => [TargetGroup], { description: 'Whom the shelter takes.' })
  targetGroups: TargetGroup[];

  @Field(() => [ShelterFeature], { description: 'What the shelter offers.' })
  features: ShelterFeature[];

  @Field(() => [String], { description: 'Languages the staff speak (ISO 639).' })
  languages: string[];

  @Field(() => Date, { nullable: true, description: 'When the shelter last reported.' })
  reportedAt: Date | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Adult places that can be requested now (free, not held). SOCIAL_SERVICES only.',
  })
  freeAdultPlaces: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Child places that can be requested now (free, not held). SOCIAL_SERVICES only.',
  })
  freeChildPlaces: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Adult places held for accepted placements. SOCIAL_SERVICES only.',
  })
  heldAdultPlaces: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Child places held for accepted placements. SOCIAL_SERVICES only.',
  })
  heldChildPlaces: number | null;
}

/** A page of shelters (Relay connection). */
export const ShelterConnection = Connection(Shelter, 'Shelter');
