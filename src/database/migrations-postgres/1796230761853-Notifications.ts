import { MigrationInterface, QueryRunner } from 'typeorm';

export class Notifications1796230761853 implements MigrationInterface {
  name = 'Notifications1796230761853';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "mail_outbox" ("id" uuid NOT NULL, "notificationId" uuid, "recipientPersonId" uuid NOT NULL, "kind" character varying(22) NOT NULL, "unsubscribeGroup" character varying(16), "toAddress" character varying(254) NOT NULL, "subject" character varying(300) NOT NULL, "textBody" text NOT NULL, "htmlBody" text NOT NULL, "status" character varying(16) NOT NULL, "attempts" integer NOT NULL DEFAULT '0', "nextAttemptAt" TIMESTAMP(3) WITH TIME ZONE, "lastError" text, "sentAt" TIMESTAMP(3) WITH TIME ZONE, "createdAt" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_fecc63c96385bc35a39ccf2a72e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_mail_outbox_created" ON "mail_outbox"  ("createdAt") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_mail_outbox_due" ON "mail_outbox"  ("status", "nextAttemptAt") `,
    );
    await queryRunner.query(
      `CREATE TABLE "notification_settings" ("personId" uuid NOT NULL, "mailOff" text NOT NULL, CONSTRAINT "PK_fbd81ead91e94b82de06213a2af" PRIMARY KEY ("personId"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "sent_reminders" ("key" character varying(200) NOT NULL, "claim" uuid NOT NULL, "sentAt" TIMESTAMP(3) WITH TIME ZONE NOT NULL, CONSTRAINT "PK_2047ef20bd7402948fc526bef6a" PRIMARY KEY ("key"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "mail_outbox" ADD CONSTRAINT "FK_5b28cba875bfdbd4b8ee46b1a9c" FOREIGN KEY ("recipientPersonId") REFERENCES "people"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "mail_outbox" ADD CONSTRAINT "FK_307b79c3cfa62ec2c3261a2b63b" FOREIGN KEY ("notificationId") REFERENCES "notifications"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "notification_settings" ADD CONSTRAINT "FK_fbd81ead91e94b82de06213a2af" FOREIGN KEY ("personId") REFERENCES "people"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "notification_settings" DROP CONSTRAINT "FK_fbd81ead91e94b82de06213a2af"`,
    );
    await queryRunner.query(
      `ALTER TABLE "mail_outbox" DROP CONSTRAINT "FK_307b79c3cfa62ec2c3261a2b63b"`,
    );
    await queryRunner.query(
      `ALTER TABLE "mail_outbox" DROP CONSTRAINT "FK_5b28cba875bfdbd4b8ee46b1a9c"`,
    );
    await queryRunner.query(`DROP TABLE "sent_reminders"`);
    await queryRunner.query(`DROP TABLE "notification_settings"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_mail_outbox_due"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_mail_outbox_created"`);
    await queryRunner.query(`DROP TABLE "mail_outbox"`);
  }
}
