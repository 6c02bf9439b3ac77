import { MigrationInterface, QueryRunner } from 'typeorm';

export class NightWalks1795349461630 implements MigrationInterface {
  name = 'NightWalks1795349461630';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "calendar_feeds" ("id" varchar(36) PRIMARY KEY NOT NULL, "personId" varchar(36) NOT NULL, "createdAt" datetime NOT NULL DEFAULT ((strftime('%Y-%m-%d %H:%M:%f', 'now'))), "revokedAt" datetime)`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_calendar_feeds_active_person" ON "calendar_feeds" ("personId") WHERE "revokedAt" IS NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "shift_series" ("id" varchar(36) PRIMARY KEY NOT NULL, "organisationId" varchar(36) NOT NULL, "rrule" varchar(300) NOT NULL, "createdById" varchar(36) NOT NULL, "createdAt" datetime NOT NULL DEFAULT ((strftime('%Y-%m-%d %H:%M:%f', 'now'))))`,
    );
    await queryRunner.query(
      `CREATE TABLE "shifts" ("id" varchar(36) PRIMARY KEY NOT NULL, "organisationId" varchar(36) NOT NULL, "districtId" varchar(36) NOT NULL, "seriesId" varchar(36), "startsAt" datetime NOT NULL, "endsAt" datetime NOT NULL, "meetingPoint" varchar(300) NOT NULL, "minWalkers" integer NOT NULL, "maxWalkers" integer NOT NULL, "requiredCredentials" text NOT NULL, "signupDeadline" datetime NOT NULL, "status" varchar(16) NOT NULL, "cancelReason" text, "confirmedCount" integer NOT NULL DEFAULT (0), "waitlistCount" integer NOT NULL DEFAULT (0), "nextQueueNumber" integer NOT NULL DEFAULT (0), "reminderSentAt" datetime, "createdById" varchar(36) NOT NULL, "createdAt" datetime NOT NULL DEFAULT ((strftime('%Y-%m-%d %H:%M:%f', 'now'))), "updatedAt" datetime NOT NULL DEFAULT ((strftime('%Y-%m-%d %H:%M:%f', 'now'))), CONSTRAINT "CHK_shifts_capacity" CHECK ("confirmedCount" >= 0 AND "confirmedCount" <= "maxWalkers" AND "waitlistCount" >= 0), CONSTRAINT "CHK_shifts_walkers" CHECK ("minWalkers" >= 2 AND "maxWalkers" >= "minWalkers"), CONSTRAINT "CHK_shifts_times" CHECK ("endsAt" > "startsAt" AND "signupDeadline" <= "startsAt"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_shifts_series" ON "shifts" ("seriesId") `);
    await queryRunner.query(
      `CREATE INDEX "IDX_shifts_organisation_starts" ON "shifts" ("organisationId", "startsAt") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_shifts_district_starts" ON "shifts" ("districtId", "startsAt") `,
    );
    await queryRunner.query(
      `CREATE TABLE "signups" ("id" varchar(36) PRIMARY KEY NOT NULL, "shiftId" varchar(36) NOT NULL, "personId" varchar(36) NOT NULL, "status" varchar(16) NOT NULL, "queueNumber" integer NOT NULL, "createdAt" datetime NOT NULL, "checkedInAt" datetime, "promotedAt" datetime, "cancelledAt" datetime)`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_signups_person_status" ON "signups" ("personId", "status") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_signups_shift_status" ON "signups" ("shiftId", "status") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_signups_active" ON "signups" ("shiftId", "personId") WHERE "status" <> 'CANCELLED'`,
    );
    await queryRunner.query(
      `CREATE TABLE "walk_reports" ("id" varchar(36) PRIMARY KEY NOT NULL, "shiftId" varchar(36) NOT NULL, "submittedById" varchar(36) NOT NULL, "youngPeopleMet" integer NOT NULL, "adultsMet" integer NOT NULL, "referrals" integer NOT NULL, "policeContacted" integer NOT NULL, "incidentCategories" text NOT NULL, "areasCovered" text NOT NULL, "notes" text NOT NULL DEFAULT (''), "submittedAt" datetime NOT NULL, CONSTRAINT "CHK_walk_reports_counts" CHECK ("youngPeopleMet" >= 0 AND "adultsMet" >= 0 AND "referrals" >= 0 AND "policeContacted" >= 0))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_walk_reports_shift" ON "walk_reports" ("shiftId") `,
    );
    await queryRunner.query(
      `CREATE TABLE "notifications" ("id" varchar(36) PRIMARY KEY NOT NULL, "recipientPersonId" varchar(36) NOT NULL, "kind" varchar(22) NOT NULL, "subject" varchar(200) NOT NULL, "body" text NOT NULL, "data" text NOT NULL, "createdAt" datetime NOT NULL, "readAt" datetime)`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_notifications_recipient_created" ON "notifications" ("recipientPersonId", "createdAt") `,
    );
    await queryRunner.query(`DROP INDEX "UQ_calendar_feeds_active_person"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_calendar_feeds" ("id" varchar(36) PRIMARY KEY NOT NULL, "personId" varchar(36) NOT NULL, "createdAt" datetime NOT NULL DEFAULT ((strftime('%Y-%m-%d %H:%M:%f', 'now'))), "revokedAt" datetime, CONSTRAINT "FK_204eaff841f1a3022b4ad69de69" FOREIGN KEY ("personId") REFERENCES "people" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_calendar_feeds"("id", "personId", "createdAt", "revokedAt") SELECT "id", "personId", "createdAt", "revokedAt" FROM "calendar_feeds"`,
    );
    await queryRunner.query(`DROP TABLE "calendar_feeds"`);
    await queryRunner.query(`ALTER TABLE "temporary_calendar_feeds" RENAME TO "calendar_feeds"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_calendar_feeds_active_person" ON "calendar_feeds" ("personId") WHERE "revokedAt" IS NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "temporary_shift_series" ("id" varchar(36) PRIMARY KEY NOT NULL, "organisationId" varchar(36) NOT NULL, "rrule" varchar(300) NOT NULL, "createdById" varchar(36) NOT NULL, "createdAt" datetime NOT NULL DEFAULT ((strftime('%Y-%m-%d %H:%M:%f', 'now'))), CONSTRAINT "FK_5426574ef7362f73619ee49d42c" FOREIGN KEY ("organisationId") REFERENCES "organisations" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_shift_series"("id", "organisationId", "rrule", "createdById", "createdAt") SELECT "id", "organisationId", "rrule", "createdById", "createdAt" FROM "shift_series"`,
    );
    await queryRunner.query(`DROP TABLE "shift_series"`);
    await queryRunner.query(`ALTER TABLE "temporary_shift_series" RENAME TO "shift_series"`);
    await queryRunner.query(`DROP INDEX "IDX_shifts_series"`);
    await queryRunner.query(`DROP INDEX "IDX_shifts_organisation_starts"`);
    await queryRunner.query(`DROP INDEX "IDX_shifts_district_starts"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_shifts" ("id" varchar(36) PRIMARY KEY NOT NULL, "organisationId" varchar(36) NOT NULL, "districtId" varchar(36) NOT NULL, "seriesId" varchar(36), "startsAt" datetime NOT NULL, "endsAt" datetime NOT NULL, "meetingPoint" varchar(300) NOT NULL, "minWalkers" integer NOT NULL, "maxWalkers" integer NOT NULL, "requiredCredentials" text NOT NULL, "signupDeadline" datetime NOT NULL, "status" varchar(16) NOT NULL, "cancelReason" text, "confirmedCount" integer NOT NULL DEFAULT (0), "waitlistCount" integer NOT NULL DEFAULT (0), "nextQueueNumber" integer NOT NULL DEFAULT (0), "reminderSentAt" datetime, "createdById" varchar(36) NOT NULL, "createdAt" datetime NOT NULL DEFAULT ((strftime('%Y-%m-%d %H:%M:%f', 'now'))), "updatedAt" datetime NOT NULL DEFAULT ((strftime('%Y-%m-%d %H:%M:%f', 'now'))), CONSTRAINT "CHK_shifts_capacity" CHECK ("confirmedCount" >= 0 AND "confirmedCount" <= "maxWalkers" AND "waitlistCount" >= 0), CONSTRAINT "CHK_shifts_walkers" CHECK ("minWalkers" >= 2 AND "maxWalkers" >= "minWalkers"), CONSTRAINT "CHK_shifts_times" CHECK ("endsAt" > "startsAt" AND "signupDeadline" <= "startsAt"), CONSTRAINT "FK_d1a74b2f6c14cdac20e94d1e08f" FOREIGN KEY ("organisationId") REFERENCES "organisations" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_5d4e6fa5d5155aad388a1f2e06d" FOREIGN KEY ("districtId") REFERENCES "districts" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_f4126725a07bbfdc07ae23ba83b" FOREIGN KEY ("seriesId") REFERENCES "shift_series" ("id") ON DELETE SET NULL ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_shifts"("id", "organisationId", "districtId", "seriesId", "startsAt", "endsAt", "meetingPoint", "minWalkers", "maxWalkers", "requiredCredentials", "signupDeadline", "status", "cancelReason", "confirmedCount", "waitlistCount", "nextQueueNumber", "reminderSentAt", "createdById", "createdAt", "updatedAt") SELECT "id", "organisationId", "districtId", "seriesId", "startsAt", "endsAt", "meetingPoint", "minWalkers", "maxWalkers", "requiredCredentials", "signupDeadline", "status", "cancelReason", "confirmedCount", "waitlistCount", "nextQueueNumber", "reminderSentAt", "createdById", "createdAt", "updatedAt" FROM "shifts"`,
    );
    await queryRunner.query(`DROP TABLE "shifts"`);
    await queryRunner.query(`ALTER TABLE "temporary_shifts" RENAME TO "shifts"`);
    await queryRunner.query(`CREATE INDEX "IDX_shifts_series" ON "shifts" ("seriesId") `);
    await queryRunner.query(
      `CREATE INDEX "IDX_shifts_organisation_starts" ON "shifts" ("organisationId", "startsAt") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_shifts_district_starts" ON "shifts" ("districtId", "startsAt") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_signups_person_status"`);
    await queryRunner.query(`DROP INDEX "IDX_signups_shift_status"`);
    await queryRunner.query(`DROP INDEX "UQ_signups_active"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_signups" ("id" varchar(36) PRIMARY KEY NOT NULL, "shiftId" varchar(36) NOT NULL, "personId" varchar(36) NOT NULL, "status" varchar(16) NOT NULL, "queueNumber" integer NOT NULL, "createdAt" datetime NOT NULL, "checkedInAt" datetime, "promotedAt" datetime, "cancelledAt" datetime, CONSTRAINT "FK_56cb69152449e241605fee20f1e" FOREIGN KEY ("shiftId") REFERENCES "shifts" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_619674b72a2f03dcae2692c7cf2" FOREIGN KEY ("personId") REFERENCES "people" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_signups"("id", "shiftId", "personId", "status", "queueNumber", "createdAt", "checkedInAt", "promotedAt", "cancelledAt") SELECT "id", "shiftId", "personId", "status", "queueNumber", "createdAt", "checkedInAt", "promotedAt", "cancelledAt" FROM "signups"`,
    );
    await queryRunner.query(`DROP TABLE "signups"`);
    await queryRunner.query(`ALTER TABLE "temporary_signups" RENAME TO "signups"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_signups_person_status" ON "signups" ("personId", "status") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_signups_shift_status" ON "signups" ("shiftId", "status") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_signups_active" ON "signups" ("shiftId", "personId") WHERE "status" <> 'CANCELLED'`,
    );
    await queryRunner.query(`DROP INDEX "UQ_walk_reports_shift"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_walk_reports" ("id" varchar(36) PRIMARY KEY NOT NULL, "shiftId" varchar(36) NOT NULL, "submittedById" varchar(36) NOT NULL, "youngPeopleMet" integer NOT NULL, "adultsMet" integer NOT NULL, "referrals" integer NOT NULL, "policeContacted" integer NOT NULL, "incidentCategories" text NOT NULL, "areasCovered" text NOT NULL, "notes" text NOT NULL DEFAULT (''), "submittedAt" datetime NOT NULL, CONSTRAINT "CHK_walk_reports_counts" CHECK ("youngPeopleMet" >= 0 AND "adultsMet" >= 0 AND "referrals" >= 0 AND "policeContacted" >= 0), CONSTRAINT "FK_96f769dffa43b804e8497b65e37" FOREIGN KEY ("shiftId") REFERENCES "shifts" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_walk_reports"("id", "shiftId", "submittedById", "youngPeopleMet", "adultsMet", "referrals", "policeContacted", "incidentCategories", "areasCovered", "notes", "submittedAt") SELECT "id", "shiftId", "submittedById", "youngPeopleMet", "adultsMet", "referrals", "policeContacted", "incidentCategories", "areasCovered", "notes", "submittedAt" FROM "walk_reports"`,
    );
    await queryRunner.query(`DROP TABLE "walk_reports"`);
    await queryRunner.query(`ALTER TABLE "temporary_walk_reports" RENAME TO "walk_reports"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_walk_reports_shift" ON "walk_reports" ("shiftId") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_notifications_recipient_created"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_notifications" ("id" varchar(36) PRIMARY KEY NOT NULL, "recipientPersonId" varchar(36) NOT NULL, "kind" varchar(22) NOT NULL, "subject" varchar(200) NOT NULL, "body" text NOT NULL, "data" text NOT NULL, "createdAt" datetime NOT NULL, "readAt" datetime, CONSTRAINT "FK_38b042fe5ae78a907fb64fc7634" FOREIGN KEY ("recipientPersonId") REFERENCES "people" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_notifications"("id", "recipientPersonId", "kind", "subject", "body", "data", "createdAt", "readAt") SELECT "id", "recipientPersonId", "kind", "subject", "body", "data", "createdAt", "readAt" FROM "notifications"`,
    );
    await queryRunner.query(`DROP TABLE "notifications"`);
    await queryRunner.query(`ALTER TABLE "temporary_notifications" RENAME TO "notifications"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_notifications_recipient_created" ON "notifications" ("recipientPersonId", "createdAt") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_notifications_recipient_created"`);
    await queryRunner.query(`ALTER TABLE "notifications" RENAME TO "temporary_notifications"`);
    await queryRunner.query(
      `CREATE TABLE "notifications" ("id" varchar(36) PRIMARY KEY NOT NULL, "recipientPersonId" varchar(36) NOT NULL, "kind" varchar(22) NOT NULL, "subject" varchar(200) NOT NULL, "body" text NOT NULL, "data" text NOT NULL, "createdAt" datetime NOT NULL, "readAt" datetime)`,
    );
    await queryRunner.query(
      `INSERT INTO "notifications"("id", "recipientPersonId", "kind", "subject", "body", "data", "createdAt", "readAt") SELECT "id", "recipientPersonId", "kind", "subject", "body", "data", "createdAt", "readAt" FROM "temporary_notifications"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_notifications"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_notifications_recipient_created" ON "notifications" ("recipientPersonId", "createdAt") `,
    );
    await queryRunner.query(`DROP INDEX "UQ_walk_reports_shift"`);
    await queryRunner.query(`ALTER TABLE "walk_reports" RENAME TO "temporary_walk_reports"`);
    await queryRunner.query(
      `CREATE TABLE "walk_reports" ("id" varchar(36) PRIMARY KEY NOT NULL, "shiftId" varchar(36) NOT NULL, "submittedById" varchar(36) NOT NULL, "youngPeopleMet" integer NOT NULL, "adultsMet" integer NOT NULL, "referrals" integer NOT NULL, "policeContacted" integer NOT NULL, "incidentCategories" text NOT NULL, "areasCovered" text NOT NULL, "notes" text NOT NULL DEFAULT (''), "submittedAt" datetime NOT NULL, CONSTRAINT "CHK_walk_reports_counts" CHECK ("youngPeopleMet" >= 0 AND "adultsMet" >= 0 AND "referrals" >= 0 AND "policeContacted" >= 0))`,
    );
    await queryRunner.query(
      `INSERT INTO "walk_reports"("id", "shiftId", "submittedById", "youngPeopleMet", "adultsMet", "referrals", "policeContacted", "incidentCategories", "areasCovered", "notes", "submittedAt") SELECT "id", "shiftId", "submittedById", "youngPeopleMet", "adultsMet", "referrals", "policeContacted", "incidentCategories", "areasCovered", "notes", "submittedAt" FROM "temporary_walk_reports"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_walk_reports"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_walk_reports_shift" ON "walk_reports" ("shiftId") `,
    );
    await queryRunner.query(`DROP INDEX "UQ_signups_active"`);
    await queryRunner.query(`DROP INDEX "IDX_signups_shift_status"`);
    await queryRunner.query(`DROP INDEX "IDX_signups_person_status"`);
    await queryRunner.query(`ALTER TABLE "signups" RENAME TO "temporary_signups"`);
    await queryRunner.query(
      `CREATE TABLE "signups" ("id" varchar(36) PRIMARY KEY NOT NULL, "shiftId" varchar(36) NOT NULL, "personId" varchar(36) NOT NULL, "status" varchar(16) NOT NULL, "queueNumber" integer NOT NULL, "createdAt" datetime NOT NULL, "checkedInAt" datetime, "promotedAt" datetime, "cancelledAt" datetime)`,
    );
    await queryRunner.query(
      `INSERT INTO "signups"("id", "shiftId", "personId", "status", "queueNumber", "createdAt", "checkedInAt", "promotedAt", "cancelledAt") SELECT "id", "shiftId", "personId", "status", "queueNumber", "createdAt", "checkedInAt", "promotedAt", "cancelledAt" FROM "temporary_signups"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_signups"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_signups_active" ON "signups" ("shiftId", "personId") WHERE "status" <> 'CANCELLED'`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_signups_shift_status" ON "signups" ("shiftId", "status") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_signups_person_status" ON "signups" ("personId", "status") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_shifts_district_starts"`);
    await queryRunner.query(`DROP INDEX "IDX_shifts_organisation_starts"`);
    await queryRunner.query(`DROP INDEX "IDX_shifts_series"`);
    await queryRunner.query(`ALTER TABLE "shifts" RENAME TO "temporary_shifts"`);
    await queryRunner.query(
      `CREATE TABLE "shifts" ("id" varchar(36) PRIMARY KEY NOT NULL, "organisationId" varchar(36) NOT NULL, "districtId" varchar(36) NOT NULL, "seriesId" varchar(36), "startsAt" datetime NOT NULL, "endsAt" datetime NOT NULL, "meetingPoint" varchar(300) NOT NULL, "minWalkers" integer NOT NULL, "maxWalkers" integer NOT NULL, "requiredCredentials" text NOT NULL, "signupDeadline" datetime NOT NULL, "status" varchar(16) NOT NULL, "cancelReason" text, "confirmedCount" integer NOT NULL DEFAULT (0), "waitlistCount" integer NOT NULL DEFAULT (0), "nextQueueNumber" integer NOT NULL DEFAULT (0), "reminderSentAt" datetime, "createdById" varchar(36) NOT NULL, "createdAt" datetime NOT NULL DEFAULT ((strftime('%Y-%m-%d %H:%M:%f', 'now'))), "updatedAt" datetime NOT NULL DEFAULT ((strftime('%Y-%m-%d %H:%M:%f', 'now'))), CONSTRAINT "CHK_shifts_capacity" CHECK ("confirmedCount" >= 0 AND "confirmedCount" <= "maxWalkers" AND "waitlistCount" >= 0), CONSTRAINT "CHK_shifts_walkers" CHECK ("minWalkers" >= 2 AND "maxWalkers" >= "minWalkers"), CONSTRAINT "CHK_shifts_times" CHECK ("endsAt" > "startsAt" AND "signupDeadline" <= "startsAt"))`,
    );
    await queryRunner.query(
      `INSERT INTO "shifts"("id", "organisationId", "districtId", "seriesId", "startsAt", "endsAt", "meetingPoint", "minWalkers", "maxWalkers", "requiredCredentials", "signupDeadline", "status", "cancelReason", "confirmedCount", "waitlistCount", "nextQueueNumber", "reminderSentAt", "createdById", "createdAt", "updatedAt") SELECT "id", "organisationId", "districtId", "seriesId", "startsAt", "endsAt", "meetingPoint", "minWalkers", "maxWalkers", "requiredCredentials", "signupDeadline", "status", "cancelReason", "confirmedCount", "waitlistCount", "nextQueueNumber", "reminderSentAt", "createdById", "createdAt", "updatedAt" FROM "temporary_shifts"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_shifts"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_shifts_district_starts" ON "shifts" ("districtId", "startsAt") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_shifts_organisation_starts" ON "shifts" ("organisationId", "startsAt") `,
    );
    await queryRunner.query(`CREATE INDEX "IDX_shifts_series" ON "shifts" ("seriesId") `);
    await queryRunner.query(`ALTER TABLE "shift_series" RENAME TO "temporary_shift_series"`);
    await queryRunner.query(
      `CREATE TABLE "shift_series" ("id" varchar(36) PRIMARY KEY NOT NULL, "organisationId" varchar(36) NOT NULL, "rrule" varchar(300) NOT NULL, "createdById" varchar(36) NOT NULL, "createdAt" datetime NOT NULL DEFAULT ((strftime('%Y-%m-%d %H:%M:%f', 'now'))))`,
    );
    await queryRunner.query(
      `INSERT INTO "shift_series"("id", "organisationId", "rrule", "createdById", "createdAt") SELECT "id", "organisationId", "rrule", "createdById", "createdAt" FROM "temporary_shift_series"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_shift_series"`);
    await queryRunner.query(`DROP INDEX "UQ_calendar_feeds_active_person"`);
    await queryRunner.query(`ALTER TABLE "calendar_feeds" RENAME TO "temporary_calendar_feeds"`);
    await queryRunner.query(
      `CREATE TABLE "calendar_feeds" ("id" varchar(36) PRIMARY KEY NOT NULL, "personId" varchar(36) NOT NULL, "createdAt" datetime NOT NULL DEFAULT ((strftime('%Y-%m-%d %H:%M:%f', 'now'))), "revokedAt" datetime)`,
    );
    await queryRunner.query(
      `INSERT INTO "calendar_feeds"("id", "personId", "createdAt", "revokedAt") SELECT "id", "personId", "createdAt", "revokedAt" FROM "temporary_calendar_feeds"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_calendar_feeds"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_calendar_feeds_active_person" ON "calendar_feeds" ("personId") WHERE "revokedAt" IS NULL`,
    );
    await queryRunner.query(`DROP INDEX "IDX_notifications_recipient_created"`);
    await queryRunner.query(`DROP TABLE "notifications"`);
    await queryRunner.query(`DROP INDEX "UQ_walk_reports_shift"`);
    await queryRunner.query(`DROP TABLE "walk_reports"`);
    await queryRunner.query(`DROP INDEX "UQ_signups_active"`);
    await queryRunner.query(`DROP INDEX "IDX_signups_shift_status"`);
    await queryRunner.query(`DROP INDEX "IDX_signups_person_status"`);
    await queryRunner.query(`DROP TABLE "signups"`);
    await queryRunner.query(`DROP INDEX "IDX_shifts_district_starts"`);
    await queryRunner.query(`DROP INDEX "IDX_shifts_organisation_starts"`);
    await queryRunner.query(`DROP INDEX "IDX_shifts_series"`);
    await queryRunner.query(`DROP TABLE "shifts"`);
    await queryRunner.query(`DROP TABLE "shift_series"`);
    await queryRunner.query(`DROP INDEX "UQ_calendar_feeds_active_person"`);
    await queryRunner.query(`DROP TABLE "calendar_feeds"`);
  }
}
