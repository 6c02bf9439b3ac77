import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Generated, plus by hand: the btree_gist extension, which the exclusion constraint
 * "EX_bookings_no_overlap" needs to combine `=` on the resource id with `&&` on the time range.
 * That constraint is what keeps two live bookings of one resource from overlapping (buffers
 * included, half-open intervals) however many requests race; a violation is SQLSTATE 23P01, which
 * the bookings module answers with BOOKING_CONFLICT. The extension stays on `down` (others may use it).
 */
export class Bookings1796052793833 implements MigrationInterface {
  name = 'Bookings1796052793833';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
    await queryRunner.query(
      `CREATE TABLE "resources" ("id" uuid NOT NULL, "ownerOrganisationId" uuid, "name" character varying(200) NOT NULL, "kind" character varying(16) NOT NULL, "districtId" uuid, "capacity" integer, "location" character varying(300) NOT NULL, "description" text NOT NULL DEFAULT '', "bookableBy" character varying(16) NOT NULL DEFAULT 'ALL_VERIFIED', "allowedKinds" text NOT NULL, "requiresApproval" boolean NOT NULL DEFAULT false, "bufferMinutes" integer NOT NULL DEFAULT '0', "minDurationMinutes" integer, "maxDurationMinutes" integer, "bookingWindowDays" integer, "weeklyQuotaHours" integer, "createdById" uuid NOT NULL, "createdAt" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updatedAt" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_resources_owner_only" CHECK ("bookableBy" <> 'OWNER_ONLY' OR "ownerOrganisationId" IS NOT NULL), CONSTRAINT "CHK_resources_quota" CHECK ("weeklyQuotaHours" IS NULL OR "weeklyQuotaHours" >= 1), CONSTRAINT "CHK_resources_window" CHECK ("bookingWindowDays" IS NULL OR "bookingWindowDays" >= 1), CONSTRAINT "CHK_resources_durations" CHECK (("minDurationMinutes" IS NULL OR "minDurationMinutes" >= 1) AND ("maxDurationMinutes" IS NULL OR "maxDurationMinutes" >= 1) AND ("minDurationMinutes" IS NULL OR "maxDurationMinutes" IS NULL OR "maxDurationMinutes" >= "minDurationMinutes")), CONSTRAINT "CHK_resources_buffer" CHECK ("bufferMinutes" >= 0), CONSTRAINT "CHK_resources_capacity" CHECK ("capacity" IS NULL OR "capacity" >= 1), CONSTRAINT "PK_632484ab9dff41bba94f9b7c85e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_resources_district" ON "resources"  ("districtId") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_resources_owner" ON "resources"  ("ownerOrganisationId") `,
    );
    await queryRunner.query(`CREATE INDEX "IDX_resources_name" ON "resources"  ("name") `);
    await queryRunner.query(
      `CREATE TABLE "resource_blackouts" ("id" uuid NOT NULL, "resourceId" uuid NOT NULL, "startsAt" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "endsAt" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "reason" character varying(300) NOT NULL, "createdById" uuid NOT NULL, "createdAt" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_resource_blackouts_times" CHECK ("endsAt" > "startsAt"), CONSTRAINT "PK_8b3efb1f629f92c697da0dc7b07" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_resource_blackouts_resource_starts" ON "resource_blackouts"  ("resourceId", "startsAt") `,
    );
    await queryRunner.query(
      `CREATE TABLE "booking_series" ("id" uuid NOT NULL, "resourceId" uuid NOT NULL, "organisationId" uuid NOT NULL, "rrule" character varying(300) NOT NULL, "firstStartsAt" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "durationMinutes" integer NOT NULL, "createdById" uuid NOT NULL, "createdAt" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d9121388a3326c119114075fb61" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "bookings" ("id" uuid NOT NULL, "resourceId" uuid NOT NULL, "organisationId" uuid NOT NULL, "bookedById" uuid NOT NULL, "seriesId" uuid, "startsAt" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "endsAt" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "blockedUntil" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "purpose" character varying(300) NOT NULL, "attendees" integer, "status" character varying(16) NOT NULL, "rejectionReason" text, "decidedById" uuid, "decidedAt" TIMESTAMP(3) WITH TIME ZONE, "cancelledById" uuid, "cancelledAt" TIMESTAMP(3) WITH TIME ZONE, "cancelReason" text, "createdAt" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updatedAt" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_bookings_rejection" CHECK ("status" <> 'REJECTED' OR "rejectionReason" IS NOT NULL), CONSTRAINT "CHK_bookings_attendees" CHECK ("attendees" IS NULL OR "attendees" >= 1), CONSTRAINT "CHK_bookings_times" CHECK ("endsAt" > "startsAt" AND "blockedUntil" >= "endsAt"), CONSTRAINT "EX_bookings_no_overlap" EXCLUDE USING gist ("resourceId" WITH =, tstzrange("startsAt", "blockedUntil", '[)') WITH &&) WHERE ("status" IN ('REQUESTED', 'CONFIRMED')), CONSTRAINT "PK_bee6805982cc1e248e94ce94957" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_bookings_series" ON "bookings"  ("seriesId") `);
    await queryRunner.query(
      `CREATE INDEX "IDX_bookings_organisation_starts" ON "bookings"  ("organisationId", "startsAt") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_bookings_resource_starts" ON "bookings"  ("resourceId", "startsAt") `,
    );
    await queryRunner.query(
      `ALTER TABLE "resources" ADD CONSTRAINT "FK_13d793ed712a91b77f5f89224a4" FOREIGN KEY ("ownerOrganisationId") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "resources" ADD CONSTRAINT "FK_1098c04335dc33d473c52298d72" FOREIGN KEY ("districtId") REFERENCES "districts"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "resource_blackouts" ADD CONSTRAINT "FK_cd4750dc185b420bd8fd9515c2f" FOREIGN KEY ("resourceId") REFERENCES "resources"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "booking_series" ADD CONSTRAINT "FK_992ec887a9669982a1cd5d612e9" FOREIGN KEY ("resourceId") REFERENCES "resources"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "booking_series" ADD CONSTRAINT "FK_3c237de01a26d34de9d9f9bf6c1" FOREIGN KEY ("organisationId") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "bookings" ADD CONSTRAINT "FK_dbf1b4f12f0d01bd7fb2ff200df" FOREIGN KEY ("resourceId") REFERENCES "resources"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "bookings" ADD CONSTRAINT "FK_972aa8b3b682a52f9345244d065" FOREIGN KEY ("organisationId") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "bookings" ADD CONSTRAINT "FK_c352fd648b36c1c9260844cbc64" FOREIGN KEY ("bookedById") REFERENCES "people"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "bookings" ADD CONSTRAINT "FK_89cd9c5974fd75ee9a533dc39e6" FOREIGN KEY ("seriesId") REFERENCES "booking_series"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "bookings" DROP CONSTRAINT "FK_89cd9c5974fd75ee9a533dc39e6"`,
    );
    await queryRunner.query(
      `ALTER TABLE "bookings" DROP CONSTRAINT "FK_c352fd648b36c1c9260844cbc64"`,
    );
    await queryRunner.query(
      `ALTER TABLE "bookings" DROP CONSTRAINT "FK_972aa8b3b682a52f9345244d065"`,
    );
    await queryRunner.query(
      `ALTER TABLE "bookings" DROP CONSTRAINT "FK_dbf1b4f12f0d01bd7fb2ff200df"`,
    );
    await queryRunner.query(
      `ALTER TABLE "booking_series" DROP CONSTRAINT "FK_3c237de01a26d34de9d9f9bf6c1"`,
    );
    await queryRunner.query(
      `ALTER TABLE "booking_series" DROP CONSTRAINT "FK_992ec887a9669982a1cd5d612e9"`,
    );
    await queryRunner.query(
      `ALTER TABLE "resource_blackouts" DROP CONSTRAINT "FK_cd4750dc185b420bd8fd9515c2f"`,
    );
    await queryRunner.query(
      `ALTER TABLE "resources" DROP CONSTRAINT "FK_1098c04335dc33d473c52298d72"`,
    );
    await queryRunner.query(
      `ALTER TABLE "resources" DROP CONSTRAINT "FK_13d793ed712a91b77f5f89224a4"`,
    );
    await queryRunner.query(`DROP INDEX "public"."IDX_bookings_resource_starts"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_bookings_organisation_starts"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_bookings_series"`);
    await queryRunner.query(`DROP TABLE "bookings"`);
    await queryRunner.query(`DROP TABLE "booking_series"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_resource_blackouts_resource_starts"`);
    await queryRunner.query(`DROP TABLE "resource_blackouts"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_resources_name"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_resources_owner"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_resources_district"`);
    await queryRunner.query(`DROP TABLE "resources"`);
  }
}
