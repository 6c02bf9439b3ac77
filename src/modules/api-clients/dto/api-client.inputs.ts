import { ArgsType, Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { Trim } from '../../../common/validation';
import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsEnum,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  ValidateNested,
} from 'class-validator';
import { ApiScope } from '../../../common/actor';
import { ConnectionArgs } from '../../../graphql/pagination';
import { ApiClient } from '../entities/api-client.entity';

@InputType({
  description:
    'A new API key for a partner app. ADMIN: any owner and scopes. ORG_ADMIN of a verified ' +
    'organisation: owned by it, with DIRECTORY_READ and NIGHTWALKS_READ only.',
})
export class CreateApiClientInput {
  @Field({ description: 'Name of the partner app.' })
  @IsString()
  @Length(2, 120)
  @Trim()
  name: string;

  @Field(() => ID, {
    nullable: true,
    description: 'Owning organisation; left out: the municipality (ADMIN only).',
  })
  @IsOptional()
  @IsUUID()
  ownerOrganisationId?: string;

  @Field(() => [ApiScope], { description: 'What the key may read.' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsEnum(ApiScope, { each: true })
  scopes: ApiScope[];
}

@InputType({ description: 'Names one API client.' })
export class ApiClientIdInput {
  @Field(() => ID, { description: 'The API client.' })
  @IsUUID()
  apiClientId: string;
}

@ObjectType({ description: 'A new API client and its key. The key is shown only this once.' })
export class CreateApiClientPayload {
  @Field(() => ApiClient, { description: 'The API client.' })
  apiClient: ApiClient;

  @Field({
    description: 'The key, to send as header `X-Api-Key`. Store it now: it cannot be shown again.',
  })
  apiKey: string;
}

@InputType({ description: 'Narrows the list of API clients.' })
export class ApiClientFilter {
  @Field(() => ID, {
    nullable: true,
    description: "Only this organisation's clients (required unless you are ADMIN).",
  })
  @IsOptional()
  @IsUUID()
  ownerOrganisationId?: string;
}

@ArgsType()
export class ApiClientsArgs extends ConnectionArgs {
  @Field(() => ApiClientFilter, { nullable: true, description: 'Narrows the list.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ApiClientFilter)
  filter?: ApiClientFilter;
}
