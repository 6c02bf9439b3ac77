import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { Actor, requirePerson } from '../../common/actor';
import { AppConfig } from '../../config/app-config';
import { UpdateNotificationSettingsInput } from './dto/notification-settings.input';
import { NotificationSettingsView } from './dto/notification-settings.type';
import { NotificationKind } from './entities/notification.entity';
import { NotificationSettings } from './entities/notification-settings.entity';
import { ALWAYS_MAILED_KINDS, GROUP_OF_KIND, NotificationGroup } from './notification-groups';

const KINDS = Object.values(NotificationKind);

/** Mail on or off per group of kinds, for the signed-in person (and the unsubscribe link). */
@Injectable()
export class NotificationSettingsService {
  constructor(
    @InjectRepository(NotificationSettings)
    private readonly settings: Repository<NotificationSettings>,
    private readonly config: AppConfig,
  ) {}

  /** The groups each person turned mail off for (none for those without settings). */
  async mailOffOf(
    manager: EntityManager,
    personIds: readonly string[],
  ): Promise<Map<string, Set<NotificationGroup>>> {
    const rows = personIds.length
      ? await manager.findBy(NotificationSettings, { personId: In([...personIds]) })
      : [];
    return new Map(rows.map((row) => [row.personId, new Set(row.mailOff)]));
  }

  async mine(actor: Actor): Promise<NotificationSettingsView> {
    const person = requirePerson(actor, 'Only a signed-in person has notification settings');
    const row = await this.settings.findOneBy({ personId: person.personId });
    return this.view(new Set(row?.mailOff ?? []));
  }

  /** Sets mail on or off for the groups named; the others keep their setting. */
  async update(
    actor: Actor,
    input: UpdateNotificationSettingsInput,
  ): Promise<NotificationSettingsView> {
    const person = requirePerson(actor, 'Only a signed-in person has notification settings');
    const row = await this.settings.findOneBy({ personId: person.personId });
    const off = new Set(row?.mailOff ?? []);
    for (const { group, mail } of input.groups) {
      if (mail) off.delete(group);
      else off.add(group);
    }
    await this.save(person.personId, off);
    return this.view(off);
  }

  /** The one-click unsubscribe: the group's mail off for the person (idempotent). */
  async turnOff(personId: string, group: NotificationGroup): Promise<void> {
    const row = await this.settings.findOneBy({ personId });
    const off = new Set(row?.mailOff ?? []);
    if (off.has(group) && row) return;
    off.add(group);
    await this.save(personId, off);
  }

  private async save(personId: string, off: Set<NotificationGroup>): Promise<void> {
    const mailOff = Object.values(NotificationGroup).filter((group) => off.has(group));
    await this.settings.upsert({ personId, mailOff }, ['personId']);
  }

  private view(off: ReadonlySet<NotificationGroup>): NotificationSettingsView {
    return {
      mailEnabled: this.config.mail !== null,
      groups: Object.values(NotificationGroup).map((group) => {
        const kinds = KINDS.filter((kind) => GROUP_OF_KIND[kind] === group);
        return {
          group,
          mail: !off.has(group),
          kinds,
          // A cancelled walk is mailed anyway within LATE_CANCELLATION_HOURS of its start.
          alwaysMailed: kinds.filter(
            (kind) =>
              ALWAYS_MAILED_KINDS.includes(kind) || kind === NotificationKind.SHIFT_CANCELLED,
          ),
        };
      }),
    };
  }
}
