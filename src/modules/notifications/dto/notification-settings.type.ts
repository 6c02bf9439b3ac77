import { Field, ObjectType } from '@nestjs/graphql';
import { NotificationKind } from '../entities/notification.entity';
import { NotificationGroup } from '../notification-groups';

@ObjectType({ description: 'Whether you get mail for one group of notification kinds.' })
export class NotificationGroupSetting {
  @Field(() => NotificationGroup, { description: 'The group.' })
  group: NotificationGroup;

  @Field({ description: 'Whether its notifications are also mailed to you.' })
  mail: boolean;

  @Field(() => [NotificationKind], { description: 'The kinds in the group.' })
  kinds: NotificationKind[];

  @Field(() => [NotificationKind], {
    description:
      'Kinds mailed even with the group off, as safety may depend on them: a placement answered ' +
      'or expiring, a walk cancelled within 24 hours of its start.',
  })
  alwaysMailed: NotificationKind[];
}

@ObjectType('NotificationSettings', {
  description: 'Your choices of which notifications you get by mail.',
})
export class NotificationSettingsView {
  @Field({
    description:
      'Whether this Samverkan sends mail at all (SMTP is set up); if not, only the API shows notifications.',
  })
  mailEnabled: boolean;

  @Field(() => [NotificationGroupSetting], { description: 'One setting per group.' })
  groups: NotificationGroupSetting[];
}
