import { MigrationInterface, QueryRunner } from 'typeorm';

export class NightWalks1795349461630 implements MigrationInterface {
  name = 'NightWalks1795349461630';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "calendar_feeds" ("id" uuid NOT NULL, "personId" uuid NOT NULL, "createdAt" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "revokedAt" TIMESTAMP(3) WITH TIME ZONE, CONSTRAINT "PK_045067d8bb57f971f3c5426ea71" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_calendar_feeds_active_person" ON "calendar_feeds"  ("personId") WHERE "revokedAt" IS NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "shift_series" ("id" uuid NOT NULL, "organisationId" uuid NOT NULL, "rrule" character varying(300) NOT NULL, "createdById" uuid NOT NULL, "createdAt" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_23f9607182edebeed7b269c864d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "shifts" ("id" uuid NOT NULL, "organisationId" uuid NOT NULL, "districtId" uuid NOT NULL, "seriesId" uuid, "startsAt" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "endsAt" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "meetingPoint" character varying(300) NOT NULL, "minWalkers" integer NOT NULL, "maxWalkers" integer NOT NULL, "requiredCredentials" text NOT NULL, "signupDeadline" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "status" character varying(16) NOT NULL, "cancelReason" text, "confirmedCount" integer NOT NULL DEFAULT '0', "waitlistCount" integer NOT NULL DEFAULT '0', "nextQueueNumber" integer NOT NULL DEFAULT '0', "reminderSentAt" TIMESTAMP(3) WITH TIME ZONE, "createdById" uuid NOT NULL, "createdAt" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updatedAt" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_shifts_capacity" CHECK ("confirmedCount" >= 0 AND "confirmedCount" <= "maxWalkers" AND "waitlistCount" >= 0), CONSTRAINT "CHK_shifts_walkers" CHECK ("minWalkers" >= 2 AND "maxWalkers" >= "minWalkers"), CONSTRAINT "CHK_shifts_times" CHECK ("endsAt" > "startsAt" AND "signupDeadline" <= "startsAt"), CONSTRAINT "PK_84d692e367e4d6cdf045828768c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_shifts_series" ON "shifts"  ("seriesId") `);
    await queryRunner.query(
      `CREATE INDEX "IDX_shifts_organisation_starts" ON "shifts"  ("organisationId", "startsAt") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_shifts_district_starts" ON "shifts"  ("districtId", "startsAt") `,
    );
    await queryRunner.query(
      `CREATE TABLE "signups" ("id" uuid NOT NULL, "shiftId" uuid NOT NULL, "personId" uuid NOT NULL, "status" character varying(16) NOT NULL, "queueNumber" integer NOT NULL, "createdAt" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "checkedInAt" TIMESTAMP(3) WITH TIME ZONE, "promotedAt" TIMESTAMP(3) WITH TIME ZONE, "cancelledAt" TIMESTAMP(3) WITH TIME ZONE, CONSTRAINT "PK_00508d1ace4b24227069d2ffcda" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_signups_person_status" ON "signups"  ("personId", "status") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_signups_shift_status" ON "signups"  ("shiftId", "status") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_signups_active" ON "signups"  ("shiftId", "personId") WHERE "status" <> 'CANCELLED'`,
    );
    await queryRunner.query(
      `CREATE TABLE "walk_reports" ("id" uuid NOT NULL, "shiftId" uuid NOT NULL, "submittedById" uuid NOT NULL, "youngPeopleMet" integer NOT NULL, "adultsMet" integer NOT NULL, "referrals" integer NOT NULL, "policeContacted" integer NOT NULL, "incidentCategories" text NOT NULL, "areasCovered" text NOT NULL, "notes" text NOT NULL DEFAULT '', "submittedAt" TIMESTAMP(3) WITH TIME ZONE NOT NULL, CONSTRAINT "CHK_walk_reports_counts" CHECK ("youngPeopleMet" >= 0 AND "adultsMet" >= 0 AND "referrals" >= 0 AND "policeContacted" >= 0), CONSTRAINT "PK_53e4bc56ee866a0f65453be119a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_walk_reports_shift" ON "walk_reports"  ("shiftId") `,
    );
    await queryRunner.query(
      `CREATE TABLE "notifications" ("id" uuid NOT NULL, "recipientPersonId" uuid NOT NULL, "kind" character varying(22) NOT NULL, "subject" character varying(200) NOT NULL, "body" text NOT NULL, "data" text NOT NULL, "createdAt" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "readAt" TIMESTAMP(3) WITH TIME ZONE, CONSTRAINT "PK_6a72c3c0f683f6462415e653c3a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_notifications_recipient_created" ON "notifications"  ("recipientPersonId", "createdAt") `,
    );
    await queryRunner.query(
      `ALTER TABLE "calendar_feeds" ADD CONSTRAINT "FK_204eaff841f1a3022b4ad69de69" FOREIGN KEY ("personId") REFERENCES "people"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "shift_series" ADD CONSTRAINT "FK_5426574ef7362f73619ee49d42c" FOREIGN KEY ("organisationId") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "shifts" ADD CONSTRAINT "FK_d1a74b2f6c14cdac20e94d1e08f" FOREIGN KEY ("organisationId") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "shifts" ADD CONSTRAINT "FK_5d4e6fa5d5155aad388a1f2e06d" FOREIGN KEY ("districtId") REFERENCES "districts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "shifts" ADD CONSTRAINT "FK_f4126725a07bbfdc07ae23ba83b" FOREIGN KEY ("seriesId") REFERENCES "shift_series"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "signups" ADD CONSTRAINT "FK_56cb69152449e241605fee20f1e" FOREIGN KEY ("shiftId") REFERENCES "shifts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "signups" ADD CONSTRAINT "FK_619674b72a2f03dcae2692c7cf2" FOREIGN KEY ("personId") REFERENCES "people"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "walk_reports" ADD CONSTRAINT "FK_96f769dffa43b804e8497b65e37" FOREIGN KEY ("shiftId") REFERENCES "shifts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "notifications" ADD CONSTRAINT "FK_38b042fe5ae78a907fb64fc7634" FOREIGN KEY ("recipientPersonId") REFERENCES "people"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "notifications" DROP CONSTRAINT "FK_38b042fe5ae78a907fb64fc7634"`,
    );
    await queryRunner.query(
      `ALTER TABLE "walk_reports" DROP CONSTRAINT "FK_96f769dffa43b804e8497b65e37"`,
    );
    await queryRunner.query(
      `ALTER TABLE "signups" DROP CONSTRAINT "FK_619674b72a2f03dcae2692c7cf2"`,
    );
    await queryRunner.query(
      `ALTER TABLE "signups" DROP CONSTRAINT "FK_56cb69152449e241605fee20f1e"`,
    );
    await queryRunner.query(
      `ALTER TABLE "shifts" DROP CONSTRAINT "FK_f4126725a07bbfdc07ae23ba83b"`,
    );
    await queryRunner.query(
      `ALTER TABLE "shifts" DROP CONSTRAINT "FK_5d4e6fa5d5155aad388a1f2e06d"`,
    );
    await queryRunner.query(
      `ALTER TABLE "shifts" DROP CONSTRAINT "FK_d1a74b2f6c14cdac20e94d1e08f"`,
    );
    await queryRunner.query(
      `ALTER TABLE "shift_series" DROP CONSTRAINT "FK_5426574ef7362f73619ee49d42c"`,
    );
    await queryRunner.query(
      `ALTER TABLE "calendar_feeds" DROP CONSTRAINT "FK_204eaff841f1a3022b4ad69de69"`,
    );
    await queryRunner.query(`DROP INDEX "public"."IDX_notifications_recipient_created"`);
    await queryRunner.query(`DROP TABLE "notifications"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_walk_reports_shift"`);
    await queryRunner.query(`DROP TABLE "walk_reports"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_signups_active"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_signups_shift_status"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_signups_person_status"`);
    await queryRunner.query(`DROP TABLE "signups"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_shifts_district_starts"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_shifts_organisation_starts"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_shifts_series"`);
    await queryRunner.query(`DROP TABLE "shifts"`);
    await queryRunner.query(`DROP TABLE "shift_series"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_calendar_feeds_active_person"`);
    await queryRunner.query(`DROP TABLE "calendar_feeds"`);
  }
}
