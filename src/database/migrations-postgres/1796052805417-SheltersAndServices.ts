import { MigrationInterface, QueryRunner } from 'typeorm';

export class SheltersAndServices1796052805417 implements MigrationInterface {
  name = 'SheltersAndServices1796052805417';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "support_services" ("id" uuid NOT NULL, "organisationId" uuid NOT NULL, "districtId" uuid NOT NULL, "name" character varying(200) NOT NULL, "category" character varying(17) NOT NULL, "description" text NOT NULL DEFAULT '', "address" character varying(300) NOT NULL, "openingHours" text NOT NULL, "languages" text NOT NULL, "targetGroups" text NOT NULL, "dailyCapacity" integer, "active" boolean NOT NULL DEFAULT true, "createdById" uuid NOT NULL, "createdAt" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updatedAt" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_support_services_capacity" CHECK ("dailyCapacity" IS NULL OR "dailyCapacity" >= 1), CONSTRAINT "PK_934f42c39e0efbc2af0da794c13" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_support_services_district" ON "support_services"  ("districtId") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_support_services_category_name" ON "support_services"  ("category", "name") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_support_services_organisation" ON "support_services"  ("organisationId") `,
    );
    await queryRunner.query(
      `CREATE TABLE "support_service_opening_slots" ("id" uuid NOT NULL, "serviceId" uuid NOT NULL, "weekday" integer NOT NULL, "startMinute" integer NOT NULL, "endMinute" integer NOT NULL, CONSTRAINT "CHK_support_service_opening_slots_span" CHECK ("weekday" BETWEEN 1 AND 7 AND "startMinute" >= 0 AND "startMinute" < "endMinute" AND "endMinute" <= 1440), CONSTRAINT "PK_f0f1efc07ee88d1506600db0145" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_support_service_opening_slots_when" ON "support_service_opening_slots"  ("weekday", "startMinute", "endMinute") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_support_service_opening_slots_service" ON "support_service_opening_slots"  ("serviceId") `,
    );
    await queryRunner.query(
      `CREATE TABLE "service_usage_reports" ("id" uuid NOT NULL, "serviceId" uuid NOT NULL, "date" character varying(10) NOT NULL, "used" integer NOT NULL, "dailyCapacity" integer, "overCapacity" boolean NOT NULL, "reportedById" uuid NOT NULL, "reportedAt" TIMESTAMP(3) WITH TIME ZONE NOT NULL, CONSTRAINT "CHK_service_usage_reports_used" CHECK ("used" >= 0), CONSTRAINT "PK_dd1b480d54ef58a8f143a7c40a2" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_service_usage_reports_service_date" ON "service_usage_reports"  ("serviceId", "date") `,
    );
    await queryRunner.query(
      `CREATE TABLE "shelters" ("id" uuid NOT NULL, "organisationId" uuid NOT NULL, "displayName" character varying(120) NOT NULL, "area" character varying(80) NOT NULL, "targetGroups" text NOT NULL, "features" text NOT NULL, "languages" text NOT NULL, "totalAdultPlaces" integer NOT NULL, "totalChildPlaces" integer NOT NULL, "active" boolean NOT NULL DEFAULT true, "freeAdultPlaces" integer NOT NULL DEFAULT '0', "freeChildPlaces" integer NOT NULL DEFAULT '0', "heldAdultPlaces" integer NOT NULL DEFAULT '0', "heldChildPlaces" integer NOT NULL DEFAULT '0', "availabilityReportedAt" TIMESTAMP(3) WITH TIME ZONE, "createdById" uuid NOT NULL, "createdAt" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updatedAt" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_shelters_held" CHECK ("heldAdultPlaces" >= 0 AND "heldAdultPlaces" <= "freeAdultPlaces" AND "heldChildPlaces" >= 0 AND "heldChildPlaces" <= "freeChildPlaces"), CONSTRAINT "CHK_shelters_free" CHECK ("freeAdultPlaces" >= 0 AND "freeAdultPlaces" <= "totalAdultPlaces" AND "freeChildPlaces" >= 0 AND "freeChildPlaces" <= "totalChildPlaces"), CONSTRAINT "CHK_shelters_places" CHECK ("totalAdultPlaces" >= 1 AND "totalChildPlaces" >= 0), CONSTRAINT "PK_91ad96be54ee26203d624b96f5f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_shelters_area" ON "shelters"  ("area") `);
    await queryRunner.query(
      `CREATE INDEX "IDX_shelters_organisation" ON "shelters"  ("organisationId") `,
    );
    await queryRunner.query(
      `CREATE TABLE "placement_requests" ("id" uuid NOT NULL, "shelterId" uuid NOT NULL, "organisationId" uuid NOT NULL, "requestedById" uuid NOT NULL, "adults" integer NOT NULL, "children" integer NOT NULL, "needs" text NOT NULL, "language" character varying(3), "caseReference" character varying(40) NOT NULL, "status" character varying(16) NOT NULL, "holdExpiresAt" TIMESTAMP(3) WITH TIME ZONE, "answeredAt" TIMESTAMP(3) WITH TIME ZONE, "answeredById" uuid, "reason" text, "closedAt" TIMESTAMP(3) WITH TIME ZONE, "createdAt" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updatedAt" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_placement_requests_people" CHECK ("adults" >= 1 AND "children" >= 0), CONSTRAINT "PK_6fb697e8d19f75e024a5602a7f5" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_placement_requests_status_hold" ON "placement_requests"  ("status", "holdExpiresAt") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_placement_requests_shelter_status" ON "placement_requests"  ("shelterId", "status") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_placement_requests_organisation_created" ON "placement_requests"  ("organisationId", "createdAt") `,
    );
    await queryRunner.query(
      `CREATE TABLE "shelter_availability_reports" ("id" uuid NOT NULL, "shelterId" uuid NOT NULL, "freeAdultPlaces" integer NOT NULL, "freeChildPlaces" integer NOT NULL, "reportedAt" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "reportedById" uuid NOT NULL, CONSTRAINT "CHK_shelter_availability_reports_places" CHECK ("freeAdultPlaces" >= 0 AND "freeChildPlaces" >= 0), CONSTRAINT "PK_1e8edadc75764047f1cc0ff107d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_shelter_availability_reports_shelter_at" ON "shelter_availability_reports"  ("shelterId", "reportedAt") `,
    );
    await queryRunner.query(
      `ALTER TABLE "support_services" ADD CONSTRAINT "FK_5bdce1dd53fc8b64408b8eba9f3" FOREIGN KEY ("organisationId") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "support_services" ADD CONSTRAINT "FK_091f651aff6d4e604a87686f58b" FOREIGN KEY ("districtId") REFERENCES "districts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "support_service_opening_slots" ADD CONSTRAINT "FK_4085b8f3a66a5723b1b70379a13" FOREIGN KEY ("serviceId") REFERENCES "support_services"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "service_usage_reports" ADD CONSTRAINT "FK_3bd97550520053027fd17945017" FOREIGN KEY ("serviceId") REFERENCES "support_services"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "shelters" ADD CONSTRAINT "FK_e1cb834a9d3d4f0d7c7b2edc877" FOREIGN KEY ("organisationId") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "placement_requests" ADD CONSTRAINT "FK_6177969b17aa45339ca573434bb" FOREIGN KEY ("shelterId") REFERENCES "shelters"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "placement_requests" ADD CONSTRAINT "FK_c082ac03922a9bcdf3b1764dc6e" FOREIGN KEY ("organisationId") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "placement_requests" ADD CONSTRAINT "FK_8196cf926e413f86ab58f933d8d" FOREIGN KEY ("requestedById") REFERENCES "people"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "shelter_availability_reports" ADD CONSTRAINT "FK_1cea88dd038be63c272eff16e79" FOREIGN KEY ("shelterId") REFERENCES "shelters"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "shelter_availability_reports" DROP CONSTRAINT "FK_1cea88dd038be63c272eff16e79"`,
    );
    await queryRunner.query(
      `ALTER TABLE "placement_requests" DROP CONSTRAINT "FK_8196cf926e413f86ab58f933d8d"`,
    );
    await queryRunner.query(
      `ALTER TABLE "placement_requests" DROP CONSTRAINT "FK_c082ac03922a9bcdf3b1764dc6e"`,
    );
    await queryRunner.query(
      `ALTER TABLE "placement_requests" DROP CONSTRAINT "FK_6177969b17aa45339ca573434bb"`,
    );
    await queryRunner.query(
      `ALTER TABLE "shelters" DROP CONSTRAINT "FK_e1cb834a9d3d4f0d7c7b2edc877"`,
    );
    await queryRunner.query(
      `ALTER TABLE "service_usage_reports" DROP CONSTRAINT "FK_3bd97550520053027fd17945017"`,
    );
    await queryRunner.query(
      `ALTER TABLE "support_service_opening_slots" DROP CONSTRAINT "FK_4085b8f3a66a5723b1b70379a13"`,
    );
    await queryRunner.query(
      `ALTER TABLE "support_services" DROP CONSTRAINT "FK_091f651aff6d4e604a87686f58b"`,
    );
    await queryRunner.query(
      `ALTER TABLE "support_services" DROP CONSTRAINT "FK_5bdce1dd53fc8b64408b8eba9f3"`,
    );
    await queryRunner.query(`DROP INDEX "public"."IDX_shelter_availability_reports_shelter_at"`);
    await queryRunner.query(`DROP TABLE "shelter_availability_reports"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_placement_requests_organisation_created"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_placement_requests_shelter_status"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_placement_requests_status_hold"`);
    await queryRunner.query(`DROP TABLE "placement_requests"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_shelters_organisation"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_shelters_area"`);
    await queryRunner.query(`DROP TABLE "shelters"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_service_usage_reports_service_date"`);
    await queryRunner.query(`DROP TABLE "service_usage_reports"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_support_service_opening_slots_service"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_support_service_opening_slots_when"`);
    await queryRunner.query(`DROP TABLE "support_service_opening_slots"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_support_services_organisation"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_support_services_category_name"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_support_services_district"`);
    await queryRunner.query(`DROP TABLE "support_services"`);
  }
}
