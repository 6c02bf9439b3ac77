import { Field, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsBoolean,
  IsEnum,
  ValidateNested,
} from 'class-validator';
import { NotificationGroup } from '../notification-groups';

@InputType({ description: 'Mail on or off for one group.' })
export class NotificationGroupMailInput {
  @Field(() => NotificationGroup, { description: 'The group.' })
  @IsEnum(NotificationGroup)
  group: NotificationGroup;

  @Field({ description: 'True to get its notifications by mail too.' })
  @IsBoolean()
  mail: boolean;
}

@InputType({
  description: 'Groups whose mail to turn on or off; groups left out keep their setting.',
})
export class UpdateNotificationSettingsInput {
  @Field(() => [NotificationGroupMailInput], { description: 'One entry per group to change.' })
  @ValidateNested({ each: true })
  @Type(() => NotificationGroupMailInput)
  @ArrayMinSize(1)
  @ArrayMaxSize(5)
  @ArrayUnique((entry: NotificationGroupMailInput) => entry.group)
  groups: NotificationGroupMailInput[];
}
