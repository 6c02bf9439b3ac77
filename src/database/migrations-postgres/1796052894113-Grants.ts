import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Generated, then the function and triggers at the end of up() added by hand: the grant ledger
 * refuses UPDATE, DELETE and TRUNCATE at the database level, like the audit log.
 */
export class Grants1796052894113 implements MigrationInterface {
  name = 'Grants1796052894113';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "grant_programmes" ("id" uuid NOT NULL, "name" character varying(200) NOT NULL, "description" text NOT NULL DEFAULT '', "fiscalYear" integer NOT NULL, "budget" bigint NOT NULL, "eligibleKinds" text NOT NULL, "opensAt" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "closesAt" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "maxPerApplication" bigint NOT NULL, "followUpDueAt" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "criteria" text NOT NULL, "status" character varying(16) NOT NULL, "allocated" bigint NOT NULL DEFAULT '0', "disbursed" bigint NOT NULL DEFAULT '0', "recovered" bigint NOT NULL DEFAULT '0', "createdById" uuid NOT NULL, "createdAt" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "updatedAt" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "openedAt" TIMESTAMP(3) WITH TIME ZONE, "closedAt" TIMESTAMP(3) WITH TIME ZONE, "decidedAt" TIMESTAMP(3) WITH TIME ZONE, "archivedAt" TIMESTAMP(3) WITH TIME ZONE, CONSTRAINT "CHK_grant_programmes_money" CHECK ("allocated" >= 0 AND "allocated" <= "budget" AND "disbursed" >= 0 AND "disbursed" <= "allocated" AND "recovered" >= 0 AND "recovered" <= "disbursed"), CONSTRAINT "CHK_grant_programmes_dates" CHECK ("closesAt" > "opensAt" AND "followUpDueAt" > "closesAt"), CONSTRAINT "CHK_grant_programmes_budget" CHECK ("budget" > 0 AND "maxPerApplication" > 0), CONSTRAINT "PK_c334f709ed632ee29dc6395af53" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_grant_programmes_status_opens" ON "grant_programmes"  ("status", "opensAt") `,
    );
    await queryRunner.query(
      `CREATE TABLE "grant_applications" ("id" uuid NOT NULL, "programmeId" uuid NOT NULL, "organisationId" uuid NOT NULL, "purpose" text NOT NULL, "requestedAmount" bigint NOT NULL, "budgetLines" text NOT NULL, "status" character varying(18) NOT NULL, "createdById" uuid NOT NULL, "createdAt" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "updatedAt" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "submittedAt" TIMESTAMP(3) WITH TIME ZONE, "reviewStartedAt" TIMESTAMP(3) WITH TIME ZONE, "withdrawnAt" TIMESTAMP(3) WITH TIME ZONE, "awardedAmount" bigint, "motivation" text, "decidedById" uuid, "decidedAt" TIMESTAMP(3) WITH TIME ZONE, "awarded" bigint NOT NULL DEFAULT '0', "disbursed" bigint NOT NULL DEFAULT '0', "recovered" bigint NOT NULL DEFAULT '0', "followUpReminderSentAt" TIMESTAMP(3) WITH TIME ZONE, CONSTRAINT "CHK_grant_applications_money" CHECK ("awarded" >= 0 AND "awarded" <= "requestedAmount" AND "disbursed" >= 0 AND "disbursed" <= "awarded" AND "recovered" >= 0 AND "recovered" <= "disbursed"), CONSTRAINT "CHK_grant_applications_decision" CHECK ("awardedAmount" IS NULL OR ("awardedAmount" >= 0 AND "awardedAmount" <= "requestedAmount" AND "decidedAt" IS NOT NULL)), CONSTRAINT "CHK_grant_applications_requested" CHECK ("requestedAmount" > 0), CONSTRAINT "PK_558f554a6a90a6b35621e0f1a96" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_grant_applications_organisation" ON "grant_applications"  ("organisationId", "createdAt") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_grant_applications_programme_status" ON "grant_applications"  ("programmeId", "status") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_grant_applications_live" ON "grant_applications"  ("programmeId", "organisationId") WHERE "status" <> 'WITHDRAWN'`,
    );
    await queryRunner.query(
      `CREATE TABLE "grant_follow_up_reports" ("id" uuid NOT NULL, "applicationId" uuid NOT NULL, "outcomes" text NOT NULL, "amountSpent" bigint NOT NULL, "status" character varying(16) NOT NULL, "submissionCount" integer NOT NULL DEFAULT '1', "submittedById" uuid NOT NULL, "submittedAt" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "reviewedById" uuid, "reviewedAt" TIMESTAMP(3) WITH TIME ZONE, "returnReason" text, "updatedAt" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_grant_follow_up_reports_amounts" CHECK ("amountSpent" >= 0 AND "submissionCount" >= 1), CONSTRAINT "PK_d139bdd9f0299f70ea8f2c839e5" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_grant_follow_up_reports_application" ON "grant_follow_up_reports"  ("applicationId") `,
    );
    await queryRunner.query(
      `CREATE TABLE "grant_ledger_entries" ("id" uuid NOT NULL, "programmeId" uuid NOT NULL, "applicationId" uuid NOT NULL, "organisationId" uuid NOT NULL, "kind" character varying(16) NOT NULL, "amount" bigint NOT NULL, "occurredAt" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "reference" character varying(100), "note" text, "recordedById" uuid NOT NULL, "recordedAt" TIMESTAMP(3) WITH TIME ZONE NOT NULL, CONSTRAINT "CHK_grant_ledger_amount" CHECK (("kind" = 'ADJUSTMENT' AND "amount" <> 0) OR ("kind" <> 'ADJUSTMENT' AND "amount" > 0)), CONSTRAINT "PK_c4a2df48fdf9d825a2dc1e3bc9b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_grant_ledger_application" ON "grant_ledger_entries"  ("applicationId", "kind") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_grant_ledger_programme_recorded" ON "grant_ledger_entries"  ("programmeId", "recordedAt") `,
    );
    await queryRunner.query(
      `CREATE TABLE "grant_reviews" ("id" uuid NOT NULL, "applicationId" uuid NOT NULL, "reviewerId" uuid NOT NULL, "scores" text NOT NULL, "comment" text NOT NULL, "weightedScore" double precision NOT NULL, "createdAt" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "revisedAt" TIMESTAMP(3) WITH TIME ZONE NOT NULL, CONSTRAINT "PK_ccc2cdc15020c357e9c661729a4" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_grant_reviews_application_reviewer" ON "grant_reviews"  ("applicationId", "reviewerId") `,
    );
    await queryRunner.query(
      `ALTER TABLE "grant_applications" ADD CONSTRAINT "FK_b114509545c9994ed8e2791fc2d" FOREIGN KEY ("programmeId") REFERENCES "grant_programmes"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "grant_applications" ADD CONSTRAINT "FK_8effbcb2f3bd575134308c9cbe7" FOREIGN KEY ("organisationId") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "grant_follow_up_reports" ADD CONSTRAINT "FK_59a03392d137f95b8d8d9e46017" FOREIGN KEY ("applicationId") REFERENCES "grant_applications"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "grant_ledger_entries" ADD CONSTRAINT "FK_110258a9bf057aa368e8b97e013" FOREIGN KEY ("programmeId") REFERENCES "grant_programmes"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "grant_ledger_entries" ADD CONSTRAINT "FK_78eef33dcdc37d165d335c8a5d9" FOREIGN KEY ("applicationId") REFERENCES "grant_applications"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "grant_ledger_entries" ADD CONSTRAINT "FK_eb3a312d416464a710b0dcb1220" FOREIGN KEY ("organisationId") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "grant_reviews" ADD CONSTRAINT "FK_090ac1f429943eebbbaa6436800" FOREIGN KEY ("applicationId") REFERENCES "grant_applications"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "grant_reviews" ADD CONSTRAINT "FK_bfea24d397e44fb0fb7e84eee33" FOREIGN KEY ("reviewerId") REFERENCES "people"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `CREATE FUNCTION "grant_ledger_entries_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'grant_ledger_entries is append-only'; END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "grant_ledger_entries_no_change" BEFORE UPDATE OR DELETE ON "grant_ledger_entries" FOR EACH ROW EXECUTE FUNCTION "grant_ledger_entries_append_only"()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "grant_ledger_entries_no_truncate" BEFORE TRUNCATE ON "grant_ledger_entries" FOR EACH STATEMENT EXECUTE FUNCTION "grant_ledger_entries_append_only"()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `DROP TRIGGER "grant_ledger_entries_no_truncate" ON "grant_ledger_entries"`,
    );
    await queryRunner.query(
      `DROP TRIGGER "grant_ledger_entries_no_change" ON "grant_ledger_entries"`,
    );
    await queryRunner.query(`DROP FUNCTION "grant_ledger_entries_append_only"()`);
    await queryRunner.query(
      `ALTER TABLE "grant_reviews" DROP CONSTRAINT "FK_bfea24d397e44fb0fb7e84eee33"`,
    );
    await queryRunner.query(
      `ALTER TABLE "grant_reviews" DROP CONSTRAINT "FK_090ac1f429943eebbbaa6436800"`,
    );
    await queryRunner.query(
      `ALTER TABLE "grant_ledger_entries" DROP CONSTRAINT "FK_eb3a312d416464a710b0dcb1220"`,
    );
    await queryRunner.query(
      `ALTER TABLE "grant_ledger_entries" DROP CONSTRAINT "FK_78eef33dcdc37d165d335c8a5d9"`,
    );
    await queryRunner.query(
      `ALTER TABLE "grant_ledger_entries" DROP CONSTRAINT "FK_110258a9bf057aa368e8b97e013"`,
    );
    await queryRunner.query(
      `ALTER TABLE "grant_follow_up_reports" DROP CONSTRAINT "FK_59a03392d137f95b8d8d9e46017"`,
    );
    await queryRunner.query(
      `ALTER TABLE "grant_applications" DROP CONSTRAINT "FK_8effbcb2f3bd575134308c9cbe7"`,
    );
    await queryRunner.query(
      `ALTER TABLE "grant_applications" DROP CONSTRAINT "FK_b114509545c9994ed8e2791fc2d"`,
    );
    await queryRunner.query(`DROP INDEX "public"."UQ_grant_reviews_application_reviewer"`);
    await queryRunner.query(`DROP TABLE "grant_reviews"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_grant_ledger_programme_recorded"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_grant_ledger_application"`);
    await queryRunner.query(`DROP TABLE "grant_ledger_entries"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_grant_follow_up_reports_application"`);
    await queryRunner.query(`DROP TABLE "grant_follow_up_reports"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_grant_applications_live"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_grant_applications_programme_status"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_grant_applications_organisation"`);
    await queryRunner.query(`DROP TABLE "grant_applications"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_grant_programmes_status_opens"`);
    await queryRunner.query(`DROP TABLE "grant_programmes"`);
  }
}
