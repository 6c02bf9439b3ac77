import { Field, ID, InputType } from '@nestjs/graphql';
import { DISPLAY_NAME_DESCRIPTION, DisplayName } from '../../../common/display-name';
import {
  IsBoolean,
  IsEmail,
  IsEnum,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
} from 'class-validator';
import { SystemRole } from '../../../common/actor';
import { Locale } from '../entities/person.entity';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../password.service';

@InputType({ description: 'A staff account: a person with a system role.' })
export class CreateStaffAccountInput {
  @Field({ description: 'Email address; also the login.' })
  @IsEmail()
  @MaxLength(254)
  email: string;

  @Field({ description: DISPLAY_NAME_DESCRIPTION })
  @IsString()
  @Length(1, 120)
  @DisplayName()
  displayName: string;

  @Field(() => SystemRole, { description: 'The system role to give.' })
  @IsEnum(SystemRole)
  systemRole: SystemRole;

  @Field({
    description: `Initial password, ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters.`,
  })
  @IsString()
  @Length(PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH)
  password: string;
}

@InputType({ description: 'Changes to your own profile; omitted fields stay as they are.' })
export class UpdateProfileInput {
  @Field({ nullable: true, description: DISPLAY_NAME_DESCRIPTION })
  @IsOptional()
  @IsString()
  @Length(1, 120)
  @DisplayName()
  displayName?: string;

  @Field(() => String, { nullable: true, description: 'Phone number; an empty string removes it.' })
  @IsOptional()
  @IsString()
  @Matches(/^$|^\+?[0-9 ()-]{6,40}$/, { message: 'phone must be a phone number' })
  phone?: string;

  @Field(() => Locale, { nullable: true, description: 'Preferred language.' })
  @IsOptional()
  @IsEnum(Locale)
  locale?: Locale;
}

@InputType({ description: 'Turns protected identity (skyddad identitet) on or off for a person.' })
export class SetProtectedIdentityInput {
  @Field(() => ID, { description: 'The person (yourself, or anyone for ADMIN).' })
  @IsUUID()
  personId: string;

  @Field({ description: 'True: the name is shown only to ADMIN and the person.' })
  @IsBoolean()
  protectedIdentity: boolean;
}
