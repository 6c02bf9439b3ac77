import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Generated, plus two triggers written by hand (the last statements of `up`): SQLite has no
 * exclusion constraints, so BEFORE INSERT and BEFORE UPDATE triggers refuse a live booking whose
 * [startsAt, blockedUntil) overlaps another live booking of the same resource. The service checks
 * this first (SQLite units of work are serialised); the triggers are the last line of defence, and
 * their message starts with BOOKING_CONFLICT (see booking-conflict.ts). SQLite drops a table's
 * triggers when a later migration rebuilds the table: the bookings suite fails if they go missing.
 */
export class Bookings1796052793833 implements MigrationInterface {
  name = 'Bookings1796052793833';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "resources" ("id" varchar(36) PRIMARY KEY NOT NULL, "ownerOrganisationId" varchar(36), "name" varchar(200) NOT NULL, "kind" varchar(16) NOT NULL, "districtId" varchar(36), "capacity" integer, "location" varchar(300) NOT NULL, "description" text NOT NULL DEFAULT (''), "bookableBy" varchar(16) NOT NULL DEFAULT ('ALL_VERIFIED'), "allowedKinds" text NOT NULL, "requiresApproval" boolean NOT NULL DEFAULT (0), "bufferMinutes" integer NOT NULL DEFAULT (0), "minDurationMinutes" integer, "maxDurationMinutes" integer, "bookingWindowDays" integer, "weeklyQuotaHours" integer, "createdById" varchar(36) NOT NULL, "createdAt" datetime NOT NULL DEFAULT ((strftime('%Y-%m-%d %H:%M:%f', 'now'))), "updatedAt" datetime NOT NULL DEFAULT ((strftime('%Y-%m-%d %H:%M:%f', 'now'))), CONSTRAINT "CHK_resources_owner_only" CHECK ("bookableBy" <> 'OWNER_ONLY' OR "ownerOrganisationId" IS NOT NULL), CONSTRAINT "CHK_resources_quota" CHECK ("weeklyQuotaHours" IS NULL OR "weeklyQuotaHours" >= 1), CONSTRAINT "CHK_resources_window" CHECK ("bookingWindowDays" IS NULL OR "bookingWindowDays" >= 1), CONSTRAINT "CHK_resources_durations" CHECK (("minDurationMinutes" IS NULL OR "minDurationMinutes" >= 1) AND ("maxDurationMinutes" IS NULL OR "maxDurationMinutes" >= 1) AND ("minDurationMinutes" IS NULL OR "maxDurationMinutes" IS NULL OR "maxDurationMinutes" >= "minDurationMinutes")), CONSTRAINT "CHK_resources_buffer" CHECK ("bufferMinutes" >= 0), CONSTRAINT "CHK_resources_capacity" CHECK ("capacity" IS NULL OR "capacity" >= 1))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_resources_district" ON "resources" ("districtId") `);
    await queryRunner.query(
      `CREATE INDEX "IDX_resources_owner" ON "resources" ("ownerOrganisationId") `,
    );
    await queryRunner.query(`CREATE INDEX "IDX_resources_name" ON "resources" ("name") `);
    await queryRunner.query(
      `CREATE TABLE "resource_blackouts" ("id" varchar(36) PRIMARY KEY NOT NULL, "resourceId" varchar(36) NOT NULL, "startsAt" datetime NOT NULL, "endsAt" datetime NOT NULL, "reason" varchar(300) NOT NULL, "createdById" varchar(36) NOT NULL, "createdAt" datetime NOT NULL DEFAULT ((strftime('%Y-%m-%d %H:%M:%f', 'now'))), CONSTRAINT "CHK_resource_blackouts_times" CHECK ("endsAt" > "startsAt"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_resource_blackouts_resource_starts" ON "resource_blackouts" ("resourceId", "startsAt") `,
    );
    await queryRunner.query(
      `CREATE TABLE "booking_series" ("id" varchar(36) PRIMARY KEY NOT NULL, "resourceId" varchar(36) NOT NULL, "organisationId" varchar(36) NOT NULL, "rrule" varchar(300) NOT NULL, "firstStartsAt" datetime NOT NULL, "durationMinutes" integer NOT NULL, "createdById" varchar(36) NOT NULL, "createdAt" datetime NOT NULL DEFAULT ((strftime('%Y-%m-%d %H:%M:%f', 'now'))))`,
    );
    await queryRunner.query(
      `CREATE TABLE "bookings" ("id" varchar(36) PRIMARY KEY NOT NULL, "resourceId" varchar(36) NOT NULL, "organisationId" varchar(36) NOT NULL, "bookedById" varchar(36) NOT NULL, "seriesId" varchar(36), "startsAt" datetime NOT NULL, "endsAt" datetime NOT NULL, "blockedUntil" datetime NOT NULL, "purpose" varchar(300) NOT NULL, "attendees" integer, "status" varchar(16) NOT NULL, "rejectionReason" text, "decidedById" varchar(36), "decidedAt" datetime, "cancelledById" varchar(36), "cancelledAt" datetime, "cancelReason" text, "createdAt" datetime NOT NULL DEFAULT ((strftime('%Y-%m-%d %H:%M:%f', 'now'))), "updatedAt" datetime NOT NULL DEFAULT ((strftime('%Y-%m-%d %H:%M:%f', 'now'))), CONSTRAINT "CHK_bookings_rejection" CHECK ("status" <> 'REJECTED' OR "rejectionReason" IS NOT NULL), CONSTRAINT "CHK_bookings_attendees" CHECK ("attendees" IS NULL OR "attendees" >= 1), CONSTRAINT "CHK_bookings_times" CHECK ("endsAt" > "startsAt" AND "blockedUntil" >= "endsAt"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_bookings_series" ON "bookings" ("seriesId") `);
    await queryRunner.query(
      `CREATE INDEX "IDX_bookings_organisation_starts" ON "bookings" ("organisationId", "startsAt") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_bookings_resource_starts" ON "bookings" ("resourceId", "startsAt") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_resources_district"`);
    await queryRunner.query(`DROP INDEX "IDX_resources_owner"`);
    await queryRunner.query(`DROP INDEX "IDX_resources_name"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_resources" ("id" varchar(36) PRIMARY KEY NOT NULL, "ownerOrganisationId" varchar(36), "name" varchar(200) NOT NULL, "kind" varchar(16) NOT NULL, "districtId" varchar(36), "capacity" integer, "location" varchar(300) NOT NULL, "description" text NOT NULL DEFAULT (''), "bookableBy" varchar(16) NOT NULL DEFAULT ('ALL_VERIFIED'), "allowedKinds" text NOT NULL, "requiresApproval" boolean NOT NULL DEFAULT (0), "bufferMinutes" integer NOT NULL DEFAULT (0), "minDurationMinutes" integer, "maxDurationMinutes" integer, "bookingWindowDays" integer, "weeklyQuotaHours" integer, "createdById" varchar(36) NOT NULL, "createdAt" datetime NOT NULL DEFAULT ((strftime('%Y-%m-%d %H:%M:%f', 'now'))), "updatedAt" datetime NOT NULL DEFAULT ((strftime('%Y-%m-%d %H:%M:%f', 'now'))), CONSTRAINT "CHK_resources_owner_only" CHECK ("bookableBy" <> 'OWNER_ONLY' OR "ownerOrganisationId" IS NOT NULL), CONSTRAINT "CHK_resources_quota" CHECK ("weeklyQuotaHours" IS NULL OR "weeklyQuotaHours" >= 1), CONSTRAINT "CHK_resources_window" CHECK ("bookingWindowDays" IS NULL OR "bookingWindowDays" >= 1), CONSTRAINT "CHK_resources_durations" CHECK (("minDurationMinutes" IS NULL OR "minDurationMinutes" >= 1) AND ("maxDurationMinutes" IS NULL OR "maxDurationMinutes" >= 1) AND ("minDurationMinutes" IS NULL OR "maxDurationMinutes" IS NULL OR "maxDurationMinutes" >= "minDurationMinutes")), CONSTRAINT "CHK_resources_buffer" CHECK ("bufferMinutes" >= 0), CONSTRAINT "CHK_resources_capacity" CHECK ("capacity" IS NULL OR "capacity" >= 1), CONSTRAINT "FK_13d793ed712a91b77f5f89224a4" FOREIGN KEY ("ownerOrganisationId") REFERENCES "organisations" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_1098c04335dc33d473c52298d72" FOREIGN KEY ("districtId") REFERENCES "districts" ("id") ON DELETE SET NULL ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_resources"("id", "ownerOrganisationId", "name", "kind", "districtId", "capacity", "location", "description", "bookableBy", "allowedKinds", "requiresApproval", "bufferMinutes", "minDurationMinutes", "maxDurationMinutes", "bookingWindowDays", "weeklyQuotaHours", "createdById", "createdAt", "updatedAt") SELECT "id", "ownerOrganisationId", "name", "kind", "districtId", "capacity", "location", "description", "bookableBy", "allowedKinds", "requiresApproval", "bufferMinutes", "minDurationMinutes", "maxDurationMinutes", "bookingWindowDays", "weeklyQuotaHours", "createdById", "createdAt", "updatedAt" FROM "resources"`,
    );
    await queryRunner.query(`DROP TABLE "resources"`);
    await queryRunner.query(`ALTER TABLE "temporary_resources" RENAME TO "resources"`);
    await queryRunner.query(`CREATE INDEX "IDX_resources_district" ON "resources" ("districtId") `);
    await queryRunner.query(
      `CREATE INDEX "IDX_resources_owner" ON "resources" ("ownerOrganisationId") `,
    );
    await queryRunner.query(`CREATE INDEX "IDX_resources_name" ON "resources" ("name") `);
    await queryRunner.query(`DROP INDEX "IDX_resource_blackouts_resource_starts"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_resource_blackouts" ("id" varchar(36) PRIMARY KEY NOT NULL, "resourceId" varchar(36) NOT NULL, "startsAt" datetime NOT NULL, "endsAt" datetime NOT NULL, "reason" varchar(300) NOT NULL, "createdById" varchar(36) NOT NULL, "createdAt" datetime NOT NULL DEFAULT ((strftime('%Y-%m-%d %H:%M:%f', 'now'))), CONSTRAINT "CHK_resource_blackouts_times" CHECK ("endsAt" > "startsAt"), CONSTRAINT "FK_cd4750dc185b420bd8fd9515c2f" FOREIGN KEY ("resourceId") REFERENCES "resources" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_resource_blackouts"("id", "resourceId", "startsAt", "endsAt", "reason", "createdById", "createdAt") SELECT "id", "resourceId", "startsAt", "endsAt", "reason", "createdById", "createdAt" FROM "resource_blackouts"`,
    );
    await queryRunner.query(`DROP TABLE "resource_blackouts"`);
    await queryRunner.query(
      `ALTER TABLE "temporary_resource_blackouts" RENAME TO "resource_blackouts"`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_resource_blackouts_resource_starts" ON "resource_blackouts" ("resourceId", "startsAt") `,
    );
    await queryRunner.query(
      `CREATE TABLE "temporary_booking_series" ("id" varchar(36) PRIMARY KEY NOT NULL, "resourceId" varchar(36) NOT NULL, "organisationId" varchar(36) NOT NULL, "rrule" varchar(300) NOT NULL, "firstStartsAt" datetime NOT NULL, "durationMinutes" integer NOT NULL, "createdById" varchar(36) NOT NULL, "createdAt" datetime NOT NULL DEFAULT ((strftime('%Y-%m-%d %H:%M:%f', 'now'))), CONSTRAINT "FK_992ec887a9669982a1cd5d612e9" FOREIGN KEY ("resourceId") REFERENCES "resources" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_3c237de01a26d34de9d9f9bf6c1" FOREIGN KEY ("organisationId") REFERENCES "organisations" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_booking_series"("id", "resourceId", "organisationId", "rrule", "firstStartsAt", "durationMinutes", "createdById", "createdAt") SELECT "id", "resourceId", "organisationId", "rrule", "firstStartsAt", "durationMinutes", "createdById", "createdAt" FROM "booking_series"`,
    );
    await queryRunner.query(`DROP TABLE "booking_series"`);
    await queryRunner.query(`ALTER TABLE "temporary_booking_series" RENAME TO "booking_series"`);
    await queryRunner.query(`DROP INDEX "IDX_bookings_series"`);
    await queryRunner.query(`DROP INDEX "IDX_bookings_organisation_starts"`);
    await queryRunner.query(`DROP INDEX "IDX_bookings_resource_starts"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_bookings" ("id" varchar(36) PRIMARY KEY NOT NULL, "resourceId" varchar(36) NOT NULL, "organisationId" varchar(36) NOT NULL, "bookedById" varchar(36) NOT NULL, "seriesId" varchar(36), "startsAt" datetime NOT NULL, "endsAt" datetime NOT NULL, "blockedUntil" datetime NOT NULL, "purpose" varchar(300) NOT NULL, "attendees" integer, "status" varchar(16) NOT NULL, "rejectionReason" text, "decidedById" varchar(36), "decidedAt" datetime, "cancelledById" varchar(36), "cancelledAt" datetime, "cancelReason" text, "createdAt" datetime NOT NULL DEFAULT ((strftime('%Y-%m-%d %H:%M:%f', 'now'))), "updatedAt" datetime NOT NULL DEFAULT ((strftime('%Y-%m-%d %H:%M:%f', 'now'))), CONSTRAINT "CHK_bookings_rejection" CHECK ("status" <> 'REJECTED' OR "rejectionReason" IS NOT NULL), CONSTRAINT "CHK_bookings_attendees" CHECK ("attendees" IS NULL OR "attendees" >= 1), CONSTRAINT "CHK_bookings_times" CHECK ("endsAt" > "startsAt" AND "blockedUntil" >= "endsAt"), CONSTRAINT "FK_dbf1b4f12f0d01bd7fb2ff200df" FOREIGN KEY ("resourceId") REFERENCES "resources" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_972aa8b3b682a52f9345244d065" FOREIGN KEY ("organisationId") REFERENCES "organisations" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_c352fd648b36c1c9260844cbc64" FOREIGN KEY ("bookedById") REFERENCES "people" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_89cd9c5974fd75ee9a533dc39e6" FOREIGN KEY ("seriesId") REFERENCES "booking_series" ("id") ON DELETE SET NULL ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_bookings"("id", "resourceId", "organisationId", "bookedById", "seriesId", "startsAt", "endsAt", "blockedUntil", "purpose", "attendees", "status", "rejectionReason", "decidedById", "decidedAt", "cancelledById", "cancelledAt", "cancelReason", "createdAt", "updatedAt") SELECT "id", "resourceId", "organisationId", "bookedById", "seriesId", "startsAt", "endsAt", "blockedUntil", "purpose", "attendees", "status", "rejectionReason", "decidedById", "decidedAt", "cancelledById", "cancelledAt", "cancelReason", "createdAt", "updatedAt" FROM "bookings"`,
    );
    await queryRunner.query(`DROP TABLE "bookings"`);
    await queryRunner.query(`ALTER TABLE "temporary_bookings" RENAME TO "bookings"`);
    await queryRunner.query(`CREATE INDEX "IDX_bookings_series" ON "bookings" ("seriesId") `);
    await queryRunner.query(
      `CREATE INDEX "IDX_bookings_organisation_starts" ON "bookings" ("organisationId", "startsAt") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_bookings_resource_starts" ON "bookings" ("resourceId", "startsAt") `,
    );
    await queryRunner.query(
      `CREATE TRIGGER "bookings_no_overlap_insert" BEFORE INSERT ON "bookings" FOR EACH ROW WHEN NEW."status" IN ('REQUESTED', 'CONFIRMED') BEGIN SELECT RAISE(ABORT, 'BOOKING_CONFLICT: overlaps a live booking of the resource') WHERE EXISTS (SELECT 1 FROM "bookings" AS "other" WHERE "other"."resourceId" = NEW."resourceId" AND "other"."id" <> NEW."id" AND "other"."status" IN ('REQUESTED', 'CONFIRMED') AND "other"."startsAt" < NEW."blockedUntil" AND NEW."startsAt" < "other"."blockedUntil"); END`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "bookings_no_overlap_update" BEFORE UPDATE OF "resourceId", "startsAt", "blockedUntil", "status" ON "bookings" FOR EACH ROW WHEN NEW."status" IN ('REQUESTED', 'CONFIRMED') BEGIN SELECT RAISE(ABORT, 'BOOKING_CONFLICT: overlaps a live booking of the resource') WHERE EXISTS (SELECT 1 FROM "bookings" AS "other" WHERE "other"."resourceId" = NEW."resourceId" AND "other"."id" <> NEW."id" AND "other"."status" IN ('REQUESTED', 'CONFIRMED') AND "other"."startsAt" < NEW."blockedUntil" AND NEW."startsAt" < "other"."blockedUntil"); END`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "bookings_no_overlap_update"`);
    await queryRunner.query(`DROP TRIGGER "bookings_no_overlap_insert"`);
    await queryRunner.query(`DROP INDEX "IDX_bookings_resource_starts"`);
    await queryRunner.query(`DROP INDEX "IDX_bookings_organisation_starts"`);
    await queryRunner.query(`DROP INDEX "IDX_bookings_series"`);
    await queryRunner.query(`ALTER TABLE "bookings" RENAME TO "temporary_bookings"`);
    await queryRunner.query(
      `CREATE TABLE "bookings" ("id" varchar(36) PRIMARY KEY NOT NULL, "resourceId" varchar(36) NOT NULL, "organisationId" varchar(36) NOT NULL, "bookedById" varchar(36) NOT NULL, "seriesId" varchar(36), "startsAt" datetime NOT NULL, "endsAt" datetime NOT NULL, "blockedUntil" datetime NOT NULL, "purpose" varchar(300) NOT NULL, "attendees" integer, "status" varchar(16) NOT NULL, "rejectionReason" text, "decidedById" varchar(36), "decidedAt" datetime, "cancelledById" varchar(36), "cancelledAt" datetime, "cancelReason" text, "createdAt" datetime NOT NULL DEFAULT ((strftime('%Y-%m-%d %H:%M:%f', 'now'))), "updatedAt" datetime NOT NULL DEFAULT ((strftime('%Y-%m-%d %H:%M:%f', 'now'))), CONSTRAINT "CHK_bookings_rejection" CHECK ("status" <> 'REJECTED' OR "rejectionReason" IS NOT NULL), CONSTRAINT "CHK_bookings_attendees" CHECK ("attendees" IS NULL OR "attendees" >= 1), CONSTRAINT "CHK_bookings_times" CHECK ("endsAt" > "startsAt" AND "blockedUntil" >= "endsAt"))`,
    );
    await queryRunner.query(
      `INSERT INTO "bookings"("id", "resourceId", "organisationId", "bookedById", "seriesId", "startsAt", "endsAt", "blockedUntil", "purpose", "attendees", "status", "rejectionReason", "decidedById", "decidedAt", "cancelledById", "cancelledAt", "cancelReason", "createdAt", "updatedAt") SELECT "id", "resourceId", "organisationId", "bookedById", "seriesId", "startsAt", "endsAt", "blockedUntil", "purpose", "attendees", "status", "rejectionReason", "decidedById", "decidedAt", "cancelledById", "cancelledAt", "cancelReason", "createdAt", "updatedAt" FROM "temporary_bookings"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_bookings"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_bookings_resource_starts" ON "bookings" ("resourceId", "startsAt") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_bookings_organisation_starts" ON "bookings" ("organisationId", "startsAt") `,
    );
    await queryRunner.query(`CREATE INDEX "IDX_bookings_series" ON "bookings" ("seriesId") `);
    await queryRunner.query(`ALTER TABLE "booking_series" RENAME TO "temporary_booking_series"`);
    await queryRunner.query(
      `CREATE TABLE "booking_series" ("id" varchar(36) PRIMARY KEY NOT NULL, "resourceId" varchar(36) NOT NULL, "organisationId" varchar(36) NOT NULL, "rrule" varchar(300) NOT NULL, "firstStartsAt" datetime NOT NULL, "durationMinutes" integer NOT NULL, "createdById" varchar(36) NOT NULL, "createdAt" datetime NOT NULL DEFAULT ((strftime('%Y-%m-%d %H:%M:%f', 'now'))))`,
    );
    await queryRunner.query(
      `INSERT INTO "booking_series"("id", "resourceId", "organisationId", "rrule", "firstStartsAt", "durationMinutes", "createdById", "createdAt") SELECT "id", "resourceId", "organisationId", "rrule", "firstStartsAt", "durationMinutes", "createdById", "createdAt" FROM "temporary_booking_series"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_booking_series"`);
    await queryRunner.query(`DROP INDEX "IDX_resource_blackouts_resource_starts"`);
    await queryRunner.query(
      `ALTER TABLE "resource_blackouts" RENAME TO "temporary_resource_blackouts"`,
    );
    await queryRunner.query(
      `CREATE TABLE "resource_blackouts" ("id" varchar(36) PRIMARY KEY NOT NULL, "resourceId" varchar(36) NOT NULL, "startsAt" datetime NOT NULL, "endsAt" datetime NOT NULL, "reason" varchar(300) NOT NULL, "createdById" varchar(36) NOT NULL, "createdAt" datetime NOT NULL DEFAULT ((strftime('%Y-%m-%d %H:%M:%f', 'now'))), CONSTRAINT "CHK_resource_blackouts_times" CHECK ("endsAt" > "startsAt"))`,
    );
    await queryRunner.query(
      `INSERT INTO "resource_blackouts"("id", "resourceId", "startsAt", "endsAt", "reason", "createdById", "createdAt") SELECT "id", "resourceId", "startsAt", "endsAt", "reason", "createdById", "createdAt" FROM "temporary_resource_blackouts"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_resource_blackouts"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_resource_blackouts_resource_starts" ON "resource_blackouts" ("resourceId", "startsAt") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_resources_name"`);
    await queryRunner.query(`DROP INDEX "IDX_resources_owner"`);
    await queryRunner.query(`DROP INDEX "IDX_resources_district"`);
    await queryRunner.query(`ALTER TABLE "resources" RENAME TO "temporary_resources"`);
    await queryRunner.query(
      `CREATE TABLE "resources" ("id" varchar(36) PRIMARY KEY NOT NULL, "ownerOrganisationId" varchar(36), "name" varchar(200) NOT NULL, "kind" varchar(16) NOT NULL, "districtId" varchar(36), "capacity" integer, "location" varchar(300) NOT NULL, "description" text NOT NULL DEFAULT (''), "bookableBy" varchar(16) NOT NULL DEFAULT ('ALL_VERIFIED'), "allowedKinds" text NOT NULL, "requiresApproval" boolean NOT NULL DEFAULT (0), "bufferMinutes" integer NOT NULL DEFAULT (0), "minDurationMinutes" integer, "maxDurationMinutes" integer, "bookingWindowDays" integer, "weeklyQuotaHours" integer, "createdById" varchar(36) NOT NULL, "createdAt" datetime NOT NULL DEFAULT ((strftime('%Y-%m-%d %H:%M:%f', 'now'))), "updatedAt" datetime NOT NULL DEFAULT ((strftime('%Y-%m-%d %H:%M:%f', 'now'))), CONSTRAINT "CHK_resources_owner_only" CHECK ("bookableBy" <> 'OWNER_ONLY' OR "ownerOrganisationId" IS NOT NULL), CONSTRAINT "CHK_resources_quota" CHECK ("weeklyQuotaHours" IS NULL OR "weeklyQuotaHours" >= 1), CONSTRAINT "CHK_resources_window" CHECK ("bookingWindowDays" IS NULL OR "bookingWindowDays" >= 1), CONSTRAINT "CHK_resources_durations" CHECK (("minDurationMinutes" IS NULL OR "minDurationMinutes" >= 1) AND ("maxDurationMinutes" IS NULL OR "maxDurationMinutes" >= 1) AND ("minDurationMinutes" IS NULL OR "maxDurationMinutes" IS NULL OR "maxDurationMinutes" >= "minDurationMinutes")), CONSTRAINT "CHK_resources_buffer" CHECK ("bufferMinutes" >= 0), CONSTRAINT "CHK_resources_capacity" CHECK ("capacity" IS NULL OR "capacity" >= 1))`,
    );
    await queryRunner.query(
      `INSERT INTO "resources"("id", "ownerOrganisationId", "name", "kind", "districtId", "capacity", "location", "description", "bookableBy", "allowedKinds", "requiresApproval", "bufferMinutes", "minDurationMinutes", "maxDurationMinutes", "bookingWindowDays", "weeklyQuotaHours", "createdById", "createdAt", "updatedAt") SELECT "id", "ownerOrganisationId", "name", "kind", "districtId", "capacity", "location", "description", "bookableBy", "allowedKinds", "requiresApproval", "bufferMinutes", "minDurationMinutes", "maxDurationMinutes", "bookingWindowDays", "weeklyQuotaHours", "createdById", "createdAt", "updatedAt" FROM "temporary_resources"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_resources"`);
    await queryRunner.query(`CREATE INDEX "IDX_resources_name" ON "resources" ("name") `);
    await queryRunner.query(
      `CREATE INDEX "IDX_resources_owner" ON "resources" ("ownerOrganisationId") `,
    );
    await queryRunner.query(`CREATE INDEX "IDX_resources_district" ON "resources" ("districtId") `);
    await queryRunner.query(`DROP INDEX "IDX_bookings_resource_starts"`);
    await queryRunner.query(`DROP INDEX "IDX_bookings_organisation_starts"`);
    await queryRunner.query(`DROP INDEX "IDX_bookings_series"`);
    await queryRunner.query(`DROP TABLE "bookings"`);
    await queryRunner.query(`DROP TABLE "booking_series"`);
    await queryRunner.query(`DROP INDEX "IDX_resource_blackouts_resource_starts"`);
    await queryRunner.query(`DROP TABLE "resource_blackouts"`);
    await queryRunner.query(`DROP INDEX "IDX_resources_name"`);
    await queryRunner.query(`DROP INDEX "IDX_resources_owner"`);
    await queryRunner.query(`DROP INDEX "IDX_resources_district"`);
    await queryRunner.query(`DROP TABLE "resources"`);
  }
}
