import { MigrationInterface, QueryRunner } from 'typeorm';

export class Notifications1796230761853 implements MigrationInterface {
  name = 'Notifications1796230761853';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "mail_outbox" ("id" varchar(36) PRIMARY KEY NOT NULL, "notificationId" varchar(36), "recipientPersonId" varchar(36) NOT NULL, "kind" varchar(22) NOT NULL, "unsubscribeGroup" varchar(16), "toAddress" varchar(254) NOT NULL, "subject" varchar(300) NOT NULL, "textBody" text NOT NULL, "htmlBody" text NOT NULL, "status" varchar(16) NOT NULL, "attempts" integer NOT NULL DEFAULT (0), "nextAttemptAt" datetime, "lastError" text, "sentAt" datetime, "createdAt" datetime NOT NULL DEFAULT ((strftime('%Y-%m-%d %H:%M:%f', 'now'))))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_mail_outbox_created" ON "mail_outbox" ("createdAt") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_mail_outbox_due" ON "mail_outbox" ("status", "nextAttemptAt") `,
    );
    await queryRunner.query(
      `CREATE TABLE "notification_settings" ("personId" varchar(36) PRIMARY KEY NOT NULL, "mailOff" text NOT NULL)`,
    );
    await queryRunner.query(
      `CREATE TABLE "sent_reminders" ("key" varchar(200) PRIMARY KEY NOT NULL, "claim" varchar(36) NOT NULL, "sentAt" datetime NOT NULL)`,
    );
    await queryRunner.query(`DROP INDEX "IDX_mail_outbox_created"`);
    await queryRunner.query(`DROP INDEX "IDX_mail_outbox_due"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_mail_outbox" ("id" varchar(36) PRIMARY KEY NOT NULL, "notificationId" varchar(36), "recipientPersonId" varchar(36) NOT NULL, "kind" varchar(22) NOT NULL, "unsubscribeGroup" varchar(16), "toAddress" varchar(254) NOT NULL, "subject" varchar(300) NOT NULL, "textBody" text NOT NULL, "htmlBody" text NOT NULL, "status" varchar(16) NOT NULL, "attempts" integer NOT NULL DEFAULT (0), "nextAttemptAt" datetime, "lastError" text, "sentAt" datetime, "createdAt" datetime NOT NULL DEFAULT ((strftime('%Y-%m-%d %H:%M:%f', 'now'))), CONSTRAINT "FK_5b28cba875bfdbd4b8ee46b1a9c" FOREIGN KEY ("recipientPersonId") REFERENCES "people" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_307b79c3cfa62ec2c3261a2b63b" FOREIGN KEY ("notificationId") REFERENCES "notifications" ("id") ON DELETE SET NULL ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_mail_outbox"("id", "notificationId", "recipientPersonId", "kind", "unsubscribeGroup", "toAddress", "subject", "textBody", "htmlBody", "status", "attempts", "nextAttemptAt", "lastError", "sentAt", "createdAt") SELECT "id", "notificationId", "recipientPersonId", "kind", "unsubscribeGroup", "toAddress", "subject", "textBody", "htmlBody", "status", "attempts", "nextAttemptAt", "lastError", "sentAt", "createdAt" FROM "mail_outbox"`,
    );
    await queryRunner.query(`DROP TABLE "mail_outbox"`);
    await queryRunner.query(`ALTER TABLE "temporary_mail_outbox" RENAME TO "mail_outbox"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_mail_outbox_created" ON "mail_outbox" ("createdAt") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_mail_outbox_due" ON "mail_outbox" ("status", "nextAttemptAt") `,
    );
    await queryRunner.query(
      `CREATE TABLE "temporary_notification_settings" ("personId" varchar(36) PRIMARY KEY NOT NULL, "mailOff" text NOT NULL, CONSTRAINT "FK_fbd81ead91e94b82de06213a2af" FOREIGN KEY ("personId") REFERENCES "people" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_notification_settings"("personId", "mailOff") SELECT "personId", "mailOff" FROM "notification_settings"`,
    );
    await queryRunner.query(`DROP TABLE "notification_settings"`);
    await queryRunner.query(
      `ALTER TABLE "temporary_notification_settings" RENAME TO "notification_settings"`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "notification_settings" RENAME TO "temporary_notification_settings"`,
    );
    await queryRunner.query(
      `CREATE TABLE "notification_settings" ("personId" varchar(36) PRIMARY KEY NOT NULL, "mailOff" text NOT NULL)`,
    );
    await queryRunner.query(
      `INSERT INTO "notification_settings"("personId", "mailOff") SELECT "personId", "mailOff" FROM "temporary_notification_settings"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_notification_settings"`);
    await queryRunner.query(`DROP INDEX "IDX_mail_outbox_due"`);
    await queryRunner.query(`DROP INDEX "IDX_mail_outbox_created"`);
    await queryRunner.query(`ALTER TABLE "mail_outbox" RENAME TO "temporary_mail_outbox"`);
    await queryRunner.query(
      `CREATE TABLE "mail_outbox" ("id" varchar(36) PRIMARY KEY NOT NULL, "notificationId" varchar(36), "recipientPersonId" varchar(36) NOT NULL, "kind" varchar(22) NOT NULL, "unsubscribeGroup" varchar(16), "toAddress" varchar(254) NOT NULL, "subject" varchar(300) NOT NULL, "textBody" text NOT NULL, "htmlBody" text NOT NULL, "status" varchar(16) NOT NULL, "attempts" integer NOT NULL DEFAULT (0), "nextAttemptAt" datetime, "lastError" text, "sentAt" datetime, "createdAt" datetime NOT NULL DEFAULT ((strftime('%Y-%m-%d %H:%M:%f', 'now'))))`,
    );
    await queryRunner.query(
      `INSERT INTO "mail_outbox"("id", "notificationId", "recipientPersonId", "kind", "unsubscribeGroup", "toAddress", "subject", "textBody", "htmlBody", "status", "attempts", "nextAttemptAt", "lastError", "sentAt", "createdAt") SELECT "id", "notificationId", "recipientPersonId", "kind", "unsubscribeGroup", "toAddress", "subject", "textBody", "htmlBody", "status", "attempts", "nextAttemptAt", "lastError", "sentAt", "createdAt" FROM "temporary_mail_outbox"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_mail_outbox"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_mail_outbox_due" ON "mail_outbox" ("status", "nextAttemptAt") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_mail_outbox_created" ON "mail_outbox" ("createdAt") `,
    );
    await queryRunner.query(`DROP TABLE "sent_reminders"`);
    await queryRunner.query(`DROP TABLE "notification_settings"`);
    await queryRunner.query(`DROP INDEX "IDX_mail_outbox_due"`);
    await queryRunner.query(`DROP INDEX "IDX_mail_outbox_created"`);
    await queryRunner.query(`DROP TABLE "mail_outbox"`);
  }
}
