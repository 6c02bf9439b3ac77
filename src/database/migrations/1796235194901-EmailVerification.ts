import { MigrationInterface, QueryRunner } from 'typeorm';

export class EmailVerification1796235194901 implements MigrationInterface {
  name = 'EmailVerification1796235194901';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_mail_outbox_due"`);
    await queryRunner.query(`DROP INDEX "IDX_mail_outbox_created"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_mail_outbox" ("id" varchar(36) PRIMARY KEY NOT NULL, "notificationId" varchar(36), "recipientPersonId" varchar(36) NOT NULL, "kind" varchar(22) NOT NULL, "unsubscribeGroup" varchar(16), "toAddress" varchar(254) NOT NULL, "subject" varchar(300) NOT NULL, "textBody" text NOT NULL, "htmlBody" text NOT NULL, "status" varchar(16) NOT NULL, "attempts" integer NOT NULL DEFAULT (0), "nextAttemptAt" datetime, "lastError" text, "sentAt" datetime, "createdAt" datetime NOT NULL DEFAULT ((strftime('%Y-%m-%d %H:%M:%f', 'now'))), CONSTRAINT "FK_307b79c3cfa62ec2c3261a2b63b" FOREIGN KEY ("notificationId") REFERENCES "notifications" ("id") ON DELETE SET NULL ON UPDATE NO ACTION, CONSTRAINT "FK_5b28cba875bfdbd4b8ee46b1a9c" FOREIGN KEY ("recipientPersonId") REFERENCES "people" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_mail_outbox"("id", "notificationId", "recipientPersonId", "kind", "unsubscribeGroup", "toAddress", "subject", "textBody", "htmlBody", "status", "attempts", "nextAttemptAt", "lastError", "sentAt", "createdAt") SELECT "id", "notificationId", "recipientPersonId", "kind", "unsubscribeGroup", "toAddress", "subject", "textBody", "htmlBody", "status", "attempts", "nextAttemptAt", "lastError", "sentAt", "createdAt" FROM "mail_outbox"`,
    );
    await queryRunner.query(`DROP TABLE "mail_outbox"`);
    await queryRunner.query(`ALTER TABLE "temporary_mail_outbox" RENAME TO "mail_outbox"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_mail_outbox_due" ON "mail_outbox" ("status", "nextAttemptAt") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_mail_outbox_created" ON "mail_outbox" ("createdAt") `,
    );
    await queryRunner.query(
      `CREATE TABLE "email_verifications" ("id" varchar(36) PRIMARY KEY NOT NULL, "personId" varchar(36) NOT NULL, "email" varchar(254) NOT NULL, "tokenHash" varchar(64) NOT NULL, "expiresAt" datetime NOT NULL, "usedAt" datetime, "createdAt" datetime NOT NULL DEFAULT ((strftime('%Y-%m-%d %H:%M:%f', 'now'))))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_email_verifications_person" ON "email_verifications" ("personId") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_email_verifications_hash" ON "email_verifications" ("tokenHash") `,
    );
    await queryRunner.query(`DROP INDEX "UQ_people_email"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_people" ("id" varchar(36) PRIMARY KEY NOT NULL, "email" varchar(254) NOT NULL, "displayName" varchar(120) NOT NULL, "phone" varchar(40), "passwordHash" varchar(255) NOT NULL, "systemRole" varchar(17), "protectedIdentity" boolean NOT NULL DEFAULT (0), "locale" varchar(16) NOT NULL DEFAULT ('sv'), "createdAt" datetime NOT NULL DEFAULT ((strftime('%Y-%m-%d %H:%M:%f', 'now'))), "updatedAt" datetime NOT NULL DEFAULT ((strftime('%Y-%m-%d %H:%M:%f', 'now'))), "emailVerifiedAt" datetime)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_people"("id", "email", "displayName", "phone", "passwordHash", "systemRole", "protectedIdentity", "locale", "createdAt", "updatedAt") SELECT "id", "email", "displayName", "phone", "passwordHash", "systemRole", "protectedIdentity", "locale", "createdAt", "updatedAt" FROM "people"`,
    );
    await queryRunner.query(`DROP TABLE "people"`);
    await queryRunner.query(`ALTER TABLE "temporary_people" RENAME TO "people"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_people_email" ON "people" ("email") `);
    await queryRunner.query(`DROP INDEX "UQ_memberships_live_person"`);
    await queryRunner.query(`DROP INDEX "UQ_memberships_open_invitation"`);
    await queryRunner.query(`DROP INDEX "IDX_memberships_person"`);
    await queryRunner.query(`DROP INDEX "IDX_memberships_invited_email"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_memberships" ("id" varchar(36) PRIMARY KEY NOT NULL, "organisationId" varchar(36) NOT NULL, "personId" varchar(36), "invitedEmail" varchar(254), "role" varchar(16) NOT NULL, "status" varchar(16) NOT NULL, "invitedById" varchar(36), "joinedAt" datetime, "leftAt" datetime, "createdAt" datetime NOT NULL DEFAULT ((strftime('%Y-%m-%d %H:%M:%f', 'now'))), "updatedAt" datetime NOT NULL DEFAULT ((strftime('%Y-%m-%d %H:%M:%f', 'now'))), "invitationTokenHash" varchar(64), "invitationExpiresAt" datetime, CONSTRAINT "FK_9b5139de55b7990de8ee069b8fc" FOREIGN KEY ("personId") REFERENCES "people" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_10c582b14b2865b7a96c0153560" FOREIGN KEY ("organisationId") REFERENCES "organisations" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_memberships"("id", "organisationId", "personId", "invitedEmail", "role", "status", "invitedById", "joinedAt", "leftAt", "createdAt", "updatedAt") SELECT "id", "organisationId", "personId", "invitedEmail", "role", "status", "invitedById", "joinedAt", "leftAt", "createdAt", "updatedAt" FROM "memberships"`,
    );
    await queryRunner.query(`DROP TABLE "memberships"`);
    await queryRunner.query(`ALTER TABLE "temporary_memberships" RENAME TO "memberships"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_memberships_live_person" ON "memberships" ("organisationId", "personId") WHERE "status" IN ('INVITED', 'ACTIVE') AND "personId" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_memberships_open_invitation" ON "memberships" ("organisationId", "invitedEmail") WHERE "status" = 'INVITED'`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_memberships_person" ON "memberships" ("personId") `);
    await queryRunner.query(
      `CREATE INDEX "IDX_memberships_invited_email" ON "memberships" ("invitedEmail") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_mail_outbox_due"`);
    await queryRunner.query(`DROP INDEX "IDX_mail_outbox_created"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_mail_outbox" ("id" varchar(36) PRIMARY KEY NOT NULL, "notificationId" varchar(36), "recipientPersonId" varchar(36) NOT NULL, "kind" varchar(22) NOT NULL, "unsubscribeGroup" varchar(16), "toAddress" varchar(254) NOT NULL, "subject" varchar(300) NOT NULL, "textBody" text NOT NULL, "htmlBody" text NOT NULL, "status" varchar(16) NOT NULL, "attempts" integer NOT NULL DEFAULT (0), "nextAttemptAt" datetime, "lastError" text, "sentAt" datetime, "createdAt" datetime NOT NULL DEFAULT ((strftime('%Y-%m-%d %H:%M:%f', 'now'))))`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_mail_outbox"("id", "notificationId", "recipientPersonId", "kind", "unsubscribeGroup", "toAddress", "subject", "textBody", "htmlBody", "status", "attempts", "nextAttemptAt", "lastError", "sentAt", "createdAt") SELECT "id", "notificationId", "recipientPersonId", "kind", "unsubscribeGroup", "toAddress", "subject", "textBody", "htmlBody", "status", "attempts", "nextAttemptAt", "lastError", "sentAt", "createdAt" FROM "mail_outbox"`,
    );
    await queryRunner.query(`DROP TABLE "mail_outbox"`);
    await queryRunner.query(`ALTER TABLE "temporary_mail_outbox" RENAME TO "mail_outbox"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_mail_outbox_due" ON "mail_outbox" ("status", "nextAttemptAt") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_mail_outbox_created" ON "mail_outbox" ("createdAt") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_mail_outbox_due"`);
    await queryRunner.query(`DROP INDEX "IDX_mail_outbox_created"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_mail_outbox" ("id" varchar(36) PRIMARY KEY NOT NULL, "notificationId" varchar(36), "recipientPersonId" varchar(36), "kind" varchar(22) NOT NULL, "unsubscribeGroup" varchar(16), "toAddress" varchar(254) NOT NULL, "subject" varchar(300) NOT NULL, "textBody" text NOT NULL, "htmlBody" text NOT NULL, "status" varchar(16) NOT NULL, "attempts" integer NOT NULL DEFAULT (0), "nextAttemptAt" datetime, "lastError" text, "sentAt" datetime, "createdAt" datetime NOT NULL DEFAULT ((strftime('%Y-%m-%d %H:%M:%f', 'now'))))`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_mail_outbox"("id", "notificationId", "recipientPersonId", "kind", "unsubscribeGroup", "toAddress", "subject", "textBody", "htmlBody", "status", "attempts", "nextAttemptAt", "lastError", "sentAt", "createdAt") SELECT "id", "notificationId", "recipientPersonId", "kind", "unsubscribeGroup", "toAddress", "subject", "textBody", "htmlBody", "status", "attempts", "nextAttemptAt", "lastError", "sentAt", "createdAt" FROM "mail_outbox"`,
    );
    await queryRunner.query(`DROP TABLE "mail_outbox"`);
    await queryRunner.query(`ALTER TABLE "temporary_mail_outbox" RENAME TO "mail_outbox"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_mail_outbox_due" ON "mail_outbox" ("status", "nextAttemptAt") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_mail_outbox_created" ON "mail_outbox" ("createdAt") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_mail_outbox_due"`);
    await queryRunner.query(`DROP INDEX "IDX_mail_outbox_created"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_mail_outbox" ("id" varchar(36) PRIMARY KEY NOT NULL, "notificationId" varchar(36), "recipientPersonId" varchar(36), "kind" varchar(22) NOT NULL, "unsubscribeGroup" varchar(16), "toAddress" varchar(254) NOT NULL, "subject" varchar(300) NOT NULL, "textBody" text NOT NULL, "htmlBody" text NOT NULL, "status" varchar(16) NOT NULL, "attempts" integer NOT NULL DEFAULT (0), "nextAttemptAt" datetime, "lastError" text, "sentAt" datetime, "createdAt" datetime NOT NULL DEFAULT ((strftime('%Y-%m-%d %H:%M:%f', 'now'))), CONSTRAINT "FK_5b28cba875bfdbd4b8ee46b1a9c" FOREIGN KEY ("recipientPersonId") REFERENCES "people" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_307b79c3cfa62ec2c3261a2b63b" FOREIGN KEY ("notificationId") REFERENCES "notifications" ("id") ON DELETE SET NULL ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_mail_outbox"("id", "notificationId", "recipientPersonId", "kind", "unsubscribeGroup", "toAddress", "subject", "textBody", "htmlBody", "status", "attempts", "nextAttemptAt", "lastError", "sentAt", "createdAt") SELECT "id", "notificationId", "recipientPersonId", "kind", "unsubscribeGroup", "toAddress", "subject", "textBody", "htmlBody", "status", "attempts", "nextAttemptAt", "lastError", "sentAt", "createdAt" FROM "mail_outbox"`,
    );
    await queryRunner.query(`DROP TABLE "mail_outbox"`);
    await queryRunner.query(`ALTER TABLE "temporary_mail_outbox" RENAME TO "mail_outbox"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_mail_outbox_due" ON "mail_outbox" ("status", "nextAttemptAt") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_mail_outbox_created" ON "mail_outbox" ("createdAt") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_email_verifications_person"`);
    await queryRunner.query(`DROP INDEX "UQ_email_verifications_hash"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_email_verifications" ("id" varchar(36) PRIMARY KEY NOT NULL, "personId" varchar(36) NOT NULL, "email" varchar(254) NOT NULL, "tokenHash" varchar(64) NOT NULL, "expiresAt" datetime NOT NULL, "usedAt" datetime, "createdAt" datetime NOT NULL DEFAULT ((strftime('%Y-%m-%d %H:%M:%f', 'now'))), CONSTRAINT "FK_51e53ca91f2c088381961adec75" FOREIGN KEY ("personId") REFERENCES "people" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_email_verifications"("id", "personId", "email", "tokenHash", "expiresAt", "usedAt", "createdAt") SELECT "id", "personId", "email", "tokenHash", "expiresAt", "usedAt", "createdAt" FROM "email_verifications"`,
    );
    await queryRunner.query(`DROP TABLE "email_verifications"`);
    await queryRunner.query(
      `ALTER TABLE "temporary_email_verifications" RENAME TO "email_verifications"`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_email_verifications_person" ON "email_verifications" ("personId") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_email_verifications_hash" ON "email_verifications" ("tokenHash") `,
    );
    // Accounts made before addresses were verified keep working: they are taken as verified.
    await queryRunner.query(
      `UPDATE "people" SET "emailVerifiedAt" = "createdAt" WHERE "emailVerifiedAt" IS NULL`,
    );
    // The invited address is kept only while an invitation is open.
    await queryRunner.query(
      `UPDATE "memberships" SET "invitedEmail" = NULL WHERE "status" <> 'INVITED'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "UQ_email_verifications_hash"`);
    await queryRunner.query(`DROP INDEX "IDX_email_verifications_person"`);
    await queryRunner.query(
      `ALTER TABLE "email_verifications" RENAME TO "temporary_email_verifications"`,
    );
    await queryRunner.query(
      `CREATE TABLE "email_verifications" ("id" varchar(36) PRIMARY KEY NOT NULL, "personId" varchar(36) NOT NULL, "email" varchar(254) NOT NULL, "tokenHash" varchar(64) NOT NULL, "expiresAt" datetime NOT NULL, "usedAt" datetime, "createdAt" datetime NOT NULL DEFAULT ((strftime('%Y-%m-%d %H:%M:%f', 'now'))))`,
    );
    await queryRunner.query(
      `INSERT INTO "email_verifications"("id", "personId", "email", "tokenHash", "expiresAt", "usedAt", "createdAt") SELECT "id", "personId", "email", "tokenHash", "expiresAt", "usedAt", "createdAt" FROM "temporary_email_verifications"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_email_verifications"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_email_verifications_hash" ON "email_verifications" ("tokenHash") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_email_verifications_person" ON "email_verifications" ("personId") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_mail_outbox_created"`);
    await queryRunner.query(`DROP INDEX "IDX_mail_outbox_due"`);
    await queryRunner.query(`ALTER TABLE "mail_outbox" RENAME TO "temporary_mail_outbox"`);
    await queryRunner.query(
      `CREATE TABLE "mail_outbox" ("id" varchar(36) PRIMARY KEY NOT NULL, "notificationId" varchar(36), "recipientPersonId" varchar(36), "kind" varchar(22) NOT NULL, "unsubscribeGroup" varchar(16), "toAddress" varchar(254) NOT NULL, "subject" varchar(300) NOT NULL, "textBody" text NOT NULL, "htmlBody" text NOT NULL, "status" varchar(16) NOT NULL, "attempts" integer NOT NULL DEFAULT (0), "nextAttemptAt" datetime, "lastError" text, "sentAt" datetime, "createdAt" datetime NOT NULL DEFAULT ((strftime('%Y-%m-%d %H:%M:%f', 'now'))))`,
    );
    await queryRunner.query(
      `INSERT INTO "mail_outbox"("id", "notificationId", "recipientPersonId", "kind", "unsubscribeGroup", "toAddress", "subject", "textBody", "htmlBody", "status", "attempts", "nextAttemptAt", "lastError", "sentAt", "createdAt") SELECT "id", "notificationId", "recipientPersonId", "kind", "unsubscribeGroup", "toAddress", "subject", "textBody", "htmlBody", "status", "attempts", "nextAttemptAt", "lastError", "sentAt", "createdAt" FROM "temporary_mail_outbox"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_mail_outbox"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_mail_outbox_created" ON "mail_outbox" ("createdAt") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_mail_outbox_due" ON "mail_outbox" ("status", "nextAttemptAt") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_mail_outbox_created"`);
    await queryRunner.query(`DROP INDEX "IDX_mail_outbox_due"`);
    await queryRunner.query(`ALTER TABLE "mail_outbox" RENAME TO "temporary_mail_outbox"`);
    await queryRunner.query(
      `CREATE TABLE "mail_outbox" ("id" varchar(36) PRIMARY KEY NOT NULL, "notificationId" varchar(36), "recipientPersonId" varchar(36) NOT NULL, "kind" varchar(22) NOT NULL, "unsubscribeGroup" varchar(16), "toAddress" varchar(254) NOT NULL, "subject" varchar(300) NOT NULL, "textBody" text NOT NULL, "htmlBody" text NOT NULL, "status" varchar(16) NOT NULL, "attempts" integer NOT NULL DEFAULT (0), "nextAttemptAt" datetime, "lastError" text, "sentAt" datetime, "createdAt" datetime NOT NULL DEFAULT ((strftime('%Y-%m-%d %H:%M:%f', 'now'))))`,
    );
    await queryRunner.query(
      `INSERT INTO "mail_outbox"("id", "notificationId", "recipientPersonId", "kind", "unsubscribeGroup", "toAddress", "subject", "textBody", "htmlBody", "status", "attempts", "nextAttemptAt", "lastError", "sentAt", "createdAt") SELECT "id", "notificationId", "recipientPersonId", "kind", "unsubscribeGroup", "toAddress", "subject", "textBody", "htmlBody", "status", "attempts", "nextAttemptAt", "lastError", "sentAt", "createdAt" FROM "temporary_mail_outbox"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_mail_outbox"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_mail_outbox_created" ON "mail_outbox" ("createdAt") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_mail_outbox_due" ON "mail_outbox" ("status", "nextAttemptAt") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_mail_outbox_created"`);
    await queryRunner.query(`DROP INDEX "IDX_mail_outbox_due"`);
    await queryRunner.query(`ALTER TABLE "mail_outbox" RENAME TO "temporary_mail_outbox"`);
    await queryRunner.query(
      `CREATE TABLE "mail_outbox" ("id" varchar(36) PRIMARY KEY NOT NULL, "notificationId" varchar(36), "recipientPersonId" varchar(36) NOT NULL, "kind" varchar(22) NOT NULL, "unsubscribeGroup" varchar(16), "toAddress" varchar(254) NOT NULL, "subject" varchar(300) NOT NULL, "textBody" text NOT NULL, "htmlBody" text NOT NULL, "status" varchar(16) NOT NULL, "attempts" integer NOT NULL DEFAULT (0), "nextAttemptAt" datetime, "lastError" text, "sentAt" datetime, "createdAt" datetime NOT NULL DEFAULT ((strftime('%Y-%m-%d %H:%M:%f', 'now'))), CONSTRAINT "FK_5b28cba875bfdbd4b8ee46b1a9c" FOREIGN KEY ("recipientPersonId") REFERENCES "people" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "mail_outbox"("id", "notificationId", "recipientPersonId", "kind", "unsubscribeGroup", "toAddress", "subject", "textBody", "htmlBody", "status", "attempts", "nextAttemptAt", "lastError", "sentAt", "createdAt") SELECT "id", "notificationId", "recipientPersonId", "kind", "unsubscribeGroup", "toAddress", "subject", "textBody", "htmlBody", "status", "attempts", "nextAttemptAt", "lastError", "sentAt", "createdAt" FROM "temporary_mail_outbox"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_mail_outbox"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_mail_outbox_created" ON "mail_outbox" ("createdAt") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_mail_outbox_due" ON "mail_outbox" ("status", "nextAttemptAt") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_memberships_invited_email"`);
    await queryRunner.query(`DROP INDEX "IDX_memberships_person"`);
    await queryRunner.query(`DROP INDEX "UQ_memberships_open_invitation"`);
    await queryRunner.query(`DROP INDEX "UQ_memberships_live_person"`);
    await queryRunner.query(`ALTER TABLE "memberships" RENAME TO "temporary_memberships"`);
    await queryRunner.query(
      `CREATE TABLE "memberships" ("id" varchar(36) PRIMARY KEY NOT NULL, "organisationId" varchar(36) NOT NULL, "personId" varchar(36), "invitedEmail" varchar(254), "role" varchar(16) NOT NULL, "status" varchar(16) NOT NULL, "invitedById" varchar(36), "joinedAt" datetime, "leftAt" datetime, "createdAt" datetime NOT NULL DEFAULT ((strftime('%Y-%m-%d %H:%M:%f', 'now'))), "updatedAt" datetime NOT NULL DEFAULT ((strftime('%Y-%m-%d %H:%M:%f', 'now'))), CONSTRAINT "FK_9b5139de55b7990de8ee069b8fc" FOREIGN KEY ("personId") REFERENCES "people" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_10c582b14b2865b7a96c0153560" FOREIGN KEY ("organisationId") REFERENCES "organisations" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "memberships"("id", "organisationId", "personId", "invitedEmail", "role", "status", "invitedById", "joinedAt", "leftAt", "createdAt", "updatedAt") SELECT "id", "organisationId", "personId", "invitedEmail", "role", "status", "invitedById", "joinedAt", "leftAt", "createdAt", "updatedAt" FROM "temporary_memberships"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_memberships"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_memberships_invited_email" ON "memberships" ("invitedEmail") `,
    );
    await queryRunner.query(`CREATE INDEX "IDX_memberships_person" ON "memberships" ("personId") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_memberships_open_invitation" ON "memberships" ("organisationId", "invitedEmail") WHERE "status" = 'INVITED'`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_memberships_live_person" ON "memberships" ("organisationId", "personId") WHERE "status" IN ('INVITED', 'ACTIVE') AND "personId" IS NOT NULL`,
    );
    await queryRunner.query(`DROP INDEX "UQ_people_email"`);
    await queryRunner.query(`ALTER TABLE "people" RENAME TO "temporary_people"`);
    await queryRunner.query(
      `CREATE TABLE "people" ("id" varchar(36) PRIMARY KEY NOT NULL, "email" varchar(254) NOT NULL, "displayName" varchar(120) NOT NULL, "phone" varchar(40), "passwordHash" varchar(255) NOT NULL, "systemRole" varchar(17), "protectedIdentity" boolean NOT NULL DEFAULT (0), "locale" varchar(16) NOT NULL DEFAULT ('sv'), "createdAt" datetime NOT NULL DEFAULT ((strftime('%Y-%m-%d %H:%M:%f', 'now'))), "updatedAt" datetime NOT NULL DEFAULT ((strftime('%Y-%m-%d %H:%M:%f', 'now'))))`,
    );
    await queryRunner.query(
      `INSERT INTO "people"("id", "email", "displayName", "phone", "passwordHash", "systemRole", "protectedIdentity", "locale", "createdAt", "updatedAt") SELECT "id", "email", "displayName", "phone", "passwordHash", "systemRole", "protectedIdentity", "locale", "createdAt", "updatedAt" FROM "temporary_people"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_people"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_people_email" ON "people" ("email") `);
    await queryRunner.query(`DROP INDEX "UQ_email_verifications_hash"`);
    await queryRunner.query(`DROP INDEX "IDX_email_verifications_person"`);
    await queryRunner.query(`DROP TABLE "email_verifications"`);
    await queryRunner.query(`DROP INDEX "IDX_mail_outbox_created"`);
    await queryRunner.query(`DROP INDEX "IDX_mail_outbox_due"`);
    await queryRunner.query(`ALTER TABLE "mail_outbox" RENAME TO "temporary_mail_outbox"`);
    await queryRunner.query(
      `CREATE TABLE "mail_outbox" ("id" varchar(36) PRIMARY KEY NOT NULL, "notificationId" varchar(36), "recipientPersonId" varchar(36) NOT NULL, "kind" varchar(22) NOT NULL, "unsubscribeGroup" varchar(16), "toAddress" varchar(254) NOT NULL, "subject" varchar(300) NOT NULL, "textBody" text NOT NULL, "htmlBody" text NOT NULL, "status" varchar(16) NOT NULL, "attempts" integer NOT NULL DEFAULT (0), "nextAttemptAt" datetime, "lastError" text, "sentAt" datetime, "createdAt" datetime NOT NULL DEFAULT ((strftime('%Y-%m-%d %H:%M:%f', 'now'))), CONSTRAINT "FK_307b79c3cfa62ec2c3261a2b63b" FOREIGN KEY ("notificationId") REFERENCES "notifications" ("id") ON DELETE SET NULL ON UPDATE NO ACTION, CONSTRAINT "FK_5b28cba875bfdbd4b8ee46b1a9c" FOREIGN KEY ("recipientPersonId") REFERENCES "people" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "mail_outbox"("id", "notificationId", "recipientPersonId", "kind", "unsubscribeGroup", "toAddress", "subject", "textBody", "htmlBody", "status", "attempts", "nextAttemptAt", "lastError", "sentAt", "createdAt") SELECT "id", "notificationId", "recipientPersonId", "kind", "unsubscribeGroup", "toAddress", "subject", "textBody", "htmlBody", "status", "attempts", "nextAttemptAt", "lastError", "sentAt", "createdAt" FROM "temporary_mail_outbox"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_mail_outbox"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_mail_outbox_created" ON "mail_outbox" ("createdAt") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_mail_outbox_due" ON "mail_outbox" ("status", "nextAttemptAt") `,
    );
  }
}
