import { MigrationInterface, QueryRunner } from 'typeorm';

export class SheltersAndServices1796052805417 implements MigrationInterface {
  name = 'SheltersAndServices1796052805417';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "support_services" ("id" varchar(36) PRIMARY KEY NOT NULL, "organisationId" varchar(36) NOT NULL, "districtId" varchar(36) NOT NULL, "name" varchar(200) NOT NULL, "category" varchar(17) NOT NULL, "description" text NOT NULL DEFAULT (''), "address" varchar(300) NOT NULL, "openingHours" text NOT NULL, "languages" text NOT NULL, "targetGroups" text NOT NULL, "dailyCapacity" integer, "active" boolean NOT NULL DEFAULT (1), "createdById" varchar(36) NOT NULL, "createdAt" datetime NOT NULL DEFAULT ((strftime('%Y-%m-%d %H:%M:%f', 'now'))), "updatedAt" datetime NOT NULL DEFAULT ((strftime('%Y-%m-%d %H:%M:%f', 'now'))), CONSTRAINT "CHK_support_services_capacity" CHECK ("dailyCapacity" IS NULL OR "dailyCapacity" >= 1))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_support_services_district" ON "support_services" ("districtId") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_support_services_category_name" ON "support_services" ("category", "name") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_support_services_organisation" ON "support_services" ("organisationId") `,
    );
    await queryRunner.query(
      `CREATE TABLE "support_service_opening_slots" ("id" varchar(36) PRIMARY KEY NOT NULL, "serviceId" varchar(36) NOT NULL, "weekday" integer NOT NULL, "startMinute" integer NOT NULL, "endMinute" integer NOT NULL, CONSTRAINT "CHK_support_service_opening_slots_span" CHECK ("weekday" BETWEEN 1 AND 7 AND "startMinute" >= 0 AND "startMinute" < "endMinute" AND "endMinute" <= 1440))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_support_service_opening_slots_when" ON "support_service_opening_slots" ("weekday", "startMinute", "endMinute") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_support_service_opening_slots_service" ON "support_service_opening_slots" ("serviceId") `,
    );
    await queryRunner.query(
      `CREATE TABLE "service_usage_reports" ("id" varchar(36) PRIMARY KEY NOT NULL, "serviceId" varchar(36) NOT NULL, "date" varchar(10) NOT NULL, "used" integer NOT NULL, "dailyCapacity" integer, "overCapacity" boolean NOT NULL, "reportedById" varchar(36) NOT NULL, "reportedAt" datetime NOT NULL, CONSTRAINT "CHK_service_usage_reports_used" CHECK ("used" >= 0))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_service_usage_reports_service_date" ON "service_usage_reports" ("serviceId", "date") `,
    );
    await queryRunner.query(
      `CREATE TABLE "shelters" ("id" varchar(36) PRIMARY KEY NOT NULL, "organisationId" varchar(36) NOT NULL, "displayName" varchar(120) NOT NULL, "area" varchar(80) NOT NULL, "targetGroups" text NOT NULL, "features" text NOT NULL, "languages" text NOT NULL, "totalAdultPlaces" integer NOT NULL, "totalChildPlaces" integer NOT NULL, "active" boolean NOT NULL DEFAULT (1), "freeAdultPlaces" integer NOT NULL DEFAULT (0), "freeChildPlaces" integer NOT NULL DEFAULT (0), "heldAdultPlaces" integer NOT NULL DEFAULT (0), "heldChildPlaces" integer NOT NULL DEFAULT (0), "availabilityReportedAt" datetime, "createdById" varchar(36) NOT NULL, "createdAt" datetime NOT NULL DEFAULT ((strftime('%Y-%m-%d %H:%M:%f', 'now'))), "updatedAt" datetime NOT NULL DEFAULT ((strftime('%Y-%m-%d %H:%M:%f', 'now'))), CONSTRAINT "CHK_shelters_held" CHECK ("heldAdultPlaces" >= 0 AND "heldAdultPlaces" <= "freeAdultPlaces" AND "heldChildPlaces" >= 0 AND "heldChildPlaces" <= "freeChildPlaces"), CONSTRAINT "CHK_shelters_free" CHECK ("freeAdultPlaces" >= 0 AND "freeAdultPlaces" <= "totalAdultPlaces" AND "freeChildPlaces" >= 0 AND "freeChildPlaces" <= "totalChildPlaces"), CONSTRAINT "CHK_shelters_places" CHECK ("totalAdultPlaces" >= 1 AND "totalChildPlaces" >= 0))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_shelters_area" ON "shelters" ("area") `);
    await queryRunner.query(
      `CREATE INDEX "IDX_shelters_organisation" ON "shelters" ("organisationId") `,
    );
    await queryRunner.query(
      `CREATE TABLE "placement_requests" ("id" varchar(36) PRIMARY KEY NOT NULL, "shelterId" varchar(36) NOT NULL, "organisationId" varchar(36) NOT NULL, "requestedById" varchar(36) NOT NULL, "adults" integer NOT NULL, "children" integer NOT NULL, "needs" text NOT NULL, "language" varchar(3), "caseReference" varchar(40) NOT NULL, "status" varchar(16) NOT NULL, "holdExpiresAt" datetime, "answeredAt" datetime, "answeredById" varchar(36), "reason" text, "closedAt" datetime, "createdAt" datetime NOT NULL DEFAULT ((strftime('%Y-%m-%d %H:%M:%f', 'now'))), "updatedAt" datetime NOT NULL DEFAULT ((strftime('%Y-%m-%d %H:%M:%f', 'now'))), CONSTRAINT "CHK_placement_requests_people" CHECK ("adults" >= 1 AND "children" >= 0))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_placement_requests_status_hold" ON "placement_requests" ("status", "holdExpiresAt") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_placement_requests_shelter_status" ON "placement_requests" ("shelterId", "status") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_placement_requests_organisation_created" ON "placement_requests" ("organisationId", "createdAt") `,
    );
    await queryRunner.query(
      `CREATE TABLE "shelter_availability_reports" ("id" varchar(36) PRIMARY KEY NOT NULL, "shelterId" varchar(36) NOT NULL, "freeAdultPlaces" integer NOT NULL, "freeChildPlaces" integer NOT NULL, "reportedAt" datetime NOT NULL, "reportedById" varchar(36) NOT NULL, CONSTRAINT "CHK_shelter_availability_reports_places" CHECK ("freeAdultPlaces" >= 0 AND "freeChildPlaces" >= 0))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_shelter_availability_reports_shelter_at" ON "shelter_availability_reports" ("shelterId", "reportedAt") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_support_services_district"`);
    await queryRunner.query(`DROP INDEX "IDX_support_services_category_name"`);
    await queryRunner.query(`DROP INDEX "IDX_support_services_organisation"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_support_services" ("id" varchar(36) PRIMARY KEY NOT NULL, "organisationId" varchar(36) NOT NULL, "districtId" varchar(36) NOT NULL, "name" varchar(200) NOT NULL, "category" varchar(17) NOT NULL, "description" text NOT NULL DEFAULT (''), "address" varchar(300) NOT NULL, "openingHours" text NOT NULL, "languages" text NOT NULL, "targetGroups" text NOT NULL, "dailyCapacity" integer, "active" boolean NOT NULL DEFAULT (1), "createdById" varchar(36) NOT NULL, "createdAt" datetime NOT NULL DEFAULT ((strftime('%Y-%m-%d %H:%M:%f', 'now'))), "updatedAt" datetime NOT NULL DEFAULT ((strftime('%Y-%m-%d %H:%M:%f', 'now'))), CONSTRAINT "CHK_support_services_capacity" CHECK ("dailyCapacity" IS NULL OR "dailyCapacity" >= 1), CONSTRAINT "FK_5bdce1dd53fc8b64408b8eba9f3" FOREIGN KEY ("organisationId") REFERENCES "organisations" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_091f651aff6d4e604a87686f58b" FOREIGN KEY ("districtId") REFERENCES "districts" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_support_services"("id", "organisationId", "districtId", "name", "category", "description", "address", "openingHours", "languages", "targetGroups", "dailyCapacity", "active", "createdById", "createdAt", "updatedAt") SELECT "id", "organisationId", "districtId", "name", "category", "description", "address", "openingHours", "languages", "targetGroups", "dailyCapacity", "active", "createdById", "createdAt", "updatedAt" FROM "support_services"`,
    );
    await queryRunner.query(`DROP TABLE "support_services"`);
    await queryRunner.query(
      `ALTER TABLE "temporary_support_services" RENAME TO "support_services"`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_support_services_district" ON "support_services" ("districtId") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_support_services_category_name" ON "support_services" ("category", "name") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_support_services_organisation" ON "support_services" ("organisationId") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_support_service_opening_slots_when"`);
    await queryRunner.query(`DROP INDEX "IDX_support_service_opening_slots_service"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_support_service_opening_slots" ("id" varchar(36) PRIMARY KEY NOT NULL, "serviceId" varchar(36) NOT NULL, "weekday" integer NOT NULL, "startMinute" integer NOT NULL, "endMinute" integer NOT NULL, CONSTRAINT "CHK_support_service_opening_slots_span" CHECK ("weekday" BETWEEN 1 AND 7 AND "startMinute" >= 0 AND "startMinute" < "endMinute" AND "endMinute" <= 1440), CONSTRAINT "FK_4085b8f3a66a5723b1b70379a13" FOREIGN KEY ("serviceId") REFERENCES "support_services" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_support_service_opening_slots"("id", "serviceId", "weekday", "startMinute", "endMinute") SELECT "id", "serviceId", "weekday", "startMinute", "endMinute" FROM "support_service_opening_slots"`,
    );
    await queryRunner.query(`DROP TABLE "support_service_opening_slots"`);
    await queryRunner.query(
      `ALTER TABLE "temporary_support_service_opening_slots" RENAME TO "support_service_opening_slots"`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_support_service_opening_slots_when" ON "support_service_opening_slots" ("weekday", "startMinute", "endMinute") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_support_service_opening_slots_service" ON "support_service_opening_slots" ("serviceId") `,
    );
    await queryRunner.query(`DROP INDEX "UQ_service_usage_reports_service_date"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_service_usage_reports" ("id" varchar(36) PRIMARY KEY NOT NULL, "serviceId" varchar(36) NOT NULL, "date" varchar(10) NOT NULL, "used" integer NOT NULL, "dailyCapacity" integer, "overCapacity" boolean NOT NULL, "reportedById" varchar(36) NOT NULL, "reportedAt" datetime NOT NULL, CONSTRAINT "CHK_service_usage_reports_used" CHECK ("used" >= 0), CONSTRAINT "FK_3bd97550520053027fd17945017" FOREIGN KEY ("serviceId") REFERENCES "support_services" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_service_usage_reports"("id", "serviceId", "date", "used", "dailyCapacity", "overCapacity", "reportedById", "reportedAt") SELECT "id", "serviceId", "date", "used", "dailyCapacity", "overCapacity", "reportedById", "reportedAt" FROM "service_usage_reports"`,
    );
    await queryRunner.query(`DROP TABLE "service_usage_reports"`);
    await queryRunner.query(
      `ALTER TABLE "temporary_service_usage_reports" RENAME TO "service_usage_reports"`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_service_usage_reports_service_date" ON "service_usage_reports" ("serviceId", "date") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_shelters_area"`);
    await queryRunner.query(`DROP INDEX "IDX_shelters_organisation"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_shelters" ("id" varchar(36) PRIMARY KEY NOT NULL, "organisationId" varchar(36) NOT NULL, "displayName" varchar(120) NOT NULL, "area" varchar(80) NOT NULL, "targetGroups" text NOT NULL, "features" text NOT NULL, "languages" text NOT NULL, "totalAdultPlaces" integer NOT NULL, "totalChildPlaces" integer NOT NULL, "active" boolean NOT NULL DEFAULT (1), "freeAdultPlaces" integer NOT NULL DEFAULT (0), "freeChildPlaces" integer NOT NULL DEFAULT (0), "heldAdultPlaces" integer NOT NULL DEFAULT (0), "heldChildPlaces" integer NOT NULL DEFAULT (0), "availabilityReportedAt" datetime, "createdById" varchar(36) NOT NULL, "createdAt" datetime NOT NULL DEFAULT ((strftime('%Y-%m-%d %H:%M:%f', 'now'))), "updatedAt" datetime NOT NULL DEFAULT ((strftime('%Y-%m-%d %H:%M:%f', 'now'))), CONSTRAINT "CHK_shelters_held" CHECK ("heldAdultPlaces" >= 0 AND "heldAdultPlaces" <= "freeAdultPlaces" AND "heldChildPlaces" >= 0 AND "heldChildPlaces" <= "freeChildPlaces"), CONSTRAINT "CHK_shelters_free" CHECK ("freeAdultPlaces" >= 0 AND "freeAdultPlaces" <= "totalAdultPlaces" AND "freeChildPlaces" >= 0 AND "freeChildPlaces" <= "totalChildPlaces"), CONSTRAINT "CHK_shelters_places" CHECK ("totalAdultPlaces" >= 1 AND "totalChildPlaces" >= 0), CONSTRAINT "FK_e1cb834a9d3d4f0d7c7b2edc877" FOREIGN KEY ("organisationId") REFERENCES "organisations" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_shelters"("id", "organisationId", "displayName", "area", "targetGroups", "features", "languages", "totalAdultPlaces", "totalChildPlaces", "active", "freeAdultPlaces", "freeChildPlaces", "heldAdultPlaces", "heldChildPlaces", "availabilityReportedAt", "createdById", "createdAt", "updatedAt") SELECT "id", "organisationId", "displayName", "area", "targetGroups", "features", "languages", "totalAdultPlaces", "totalChildPlaces", "active", "freeAdultPlaces", "freeChildPlaces", "heldAdultPlaces", "heldChildPlaces", "availabilityReportedAt", "createdById", "createdAt", "updatedAt" FROM "shelters"`,
    );
    await queryRunner.query(`DROP TABLE "shelters"`);
    await queryRunner.query(`ALTER TABLE "temporary_shelters" RENAME TO "shelters"`);
    await queryRunner.query(`CREATE INDEX "IDX_shelters_area" ON "shelters" ("area") `);
    await queryRunner.query(
      `CREATE INDEX "IDX_shelters_organisation" ON "shelters" ("organisationId") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_placement_requests_status_hold"`);
    await queryRunner.query(`DROP INDEX "IDX_placement_requests_shelter_status"`);
    await queryRunner.query(`DROP INDEX "IDX_placement_requests_organisation_created"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_placement_requests" ("id" varchar(36) PRIMARY KEY NOT NULL, "shelterId" varchar(36) NOT NULL, "organisationId" varchar(36) NOT NULL, "requestedById" varchar(36) NOT NULL, "adults" integer NOT NULL, "children" integer NOT NULL, "needs" text NOT NULL, "language" varchar(3), "caseReference" varchar(40) NOT NULL, "status" varchar(16) NOT NULL, "holdExpiresAt" datetime, "answeredAt" datetime, "answeredById" varchar(36), "reason" text, "closedAt" datetime, "createdAt" datetime NOT NULL DEFAULT ((strftime('%Y-%m-%d %H:%M:%f', 'now'))), "updatedAt" datetime NOT NULL DEFAULT ((strftime('%Y-%m-%d %H:%M:%f', 'now'))), CONSTRAINT "CHK_placement_requests_people" CHECK ("adults" >= 1 AND "children" >= 0), CONSTRAINT "FK_6177969b17aa45339ca573434bb" FOREIGN KEY ("shelterId") REFERENCES "shelters" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_c082ac03922a9bcdf3b1764dc6e" FOREIGN KEY ("organisationId") REFERENCES "organisations" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_8196cf926e413f86ab58f933d8d" FOREIGN KEY ("requestedById") REFERENCES "people" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_placement_requests"("id", "shelterId", "organisationId", "requestedById", "adults", "children", "needs", "language", "caseReference", "status", "holdExpiresAt", "answeredAt", "answeredById", "reason", "closedAt", "createdAt", "updatedAt") SELECT "id", "shelterId", "organisationId", "requestedById", "adults", "children", "needs", "language", "caseReference", "status", "holdExpiresAt", "answeredAt", "answeredById", "reason", "closedAt", "createdAt", "updatedAt" FROM "placement_requests"`,
    );
    await queryRunner.query(`DROP TABLE "placement_requests"`);
    await queryRunner.query(
      `ALTER TABLE "temporary_placement_requests" RENAME TO "placement_requests"`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_placement_requests_status_hold" ON "placement_requests" ("status", "holdExpiresAt") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_placement_requests_shelter_status" ON "placement_requests" ("shelterId", "status") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_placement_requests_organisation_created" ON "placement_requests" ("organisationId", "createdAt") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_shelter_availability_reports_shelter_at"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_shelter_availability_reports" ("id" varchar(36) PRIMARY KEY NOT NULL, "shelterId" varchar(36) NOT NULL, "freeAdultPlaces" integer NOT NULL, "freeChildPlaces" integer NOT NULL, "reportedAt" datetime NOT NULL, "reportedById" varchar(36) NOT NULL, CONSTRAINT "CHK_shelter_availability_reports_places" CHECK ("freeAdultPlaces" >= 0 AND "freeChildPlaces" >= 0), CONSTRAINT "FK_1cea88dd038be63c272eff16e79" FOREIGN KEY ("shelterId") REFERENCES "shelters" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_shelter_availability_reports"("id", "shelterId", "freeAdultPlaces", "freeChildPlaces", "reportedAt", "reportedById") SELECT "id", "shelterId", "freeAdultPlaces", "freeChildPlaces", "reportedAt", "reportedById" FROM "shelter_availability_reports"`,
    );
    await queryRunner.query(`DROP TABLE "shelter_availability_reports"`);
    await queryRunner.query(
      `ALTER TABLE "temporary_shelter_availability_reports" RENAME TO "shelter_availability_reports"`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_shelter_availability_reports_shelter_at" ON "shelter_availability_reports" ("shelterId", "reportedAt") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_shelter_availability_reports_shelter_at"`);
    await queryRunner.query(
      `ALTER TABLE "shelter_availability_reports" RENAME TO "temporary_shelter_availability_reports"`,
    );
    await queryRunner.query(
      `CREATE TABLE "shelter_availability_reports" ("id" varchar(36) PRIMARY KEY NOT NULL, "shelterId" varchar(36) NOT NULL, "freeAdultPlaces" integer NOT NULL, "freeChildPlaces" integer NOT NULL, "reportedAt" datetime NOT NULL, "reportedById" varchar(36) NOT NULL, CONSTRAINT "CHK_shelter_availability_reports_places" CHECK ("freeAdultPlaces" >= 0 AND "freeChildPlaces" >= 0))`,
    );
    await queryRunner.query(
      `INSERT INTO "shelter_availability_reports"("id", "shelterId", "freeAdultPlaces", "freeChildPlaces", "reportedAt", "reportedById") SELECT "id", "shelterId", "freeAdultPlaces", "freeChildPlaces", "reportedAt", "reportedById" FROM "temporary_shelter_availability_reports"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_shelter_availability_reports"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_shelter_availability_reports_shelter_at" ON "shelter_availability_reports" ("shelterId", "reportedAt") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_placement_requests_organisation_created"`);
    await queryRunner.query(`DROP INDEX "IDX_placement_requests_shelter_status"`);
    await queryRunner.query(`DROP INDEX "IDX_placement_requests_status_hold"`);
    await queryRunner.query(
      `ALTER TABLE "placement_requests" RENAME TO "temporary_placement_requests"`,
    );
    await queryRunner.query(
      `CREATE TABLE "placement_requests" ("id" varchar(36) PRIMARY KEY NOT NULL, "shelterId" varchar(36) NOT NULL, "organisationId" varchar(36) NOT NULL, "requestedById" varchar(36) NOT NULL, "adults" integer NOT NULL, "children" integer NOT NULL, "needs" text NOT NULL, "language" varchar(3), "caseReference" varchar(40) NOT NULL, "status" varchar(16) NOT NULL, "holdExpiresAt" datetime, "answeredAt" datetime, "answeredById" varchar(36), "reason" text, "closedAt" datetime, "createdAt" datetime NOT NULL DEFAULT ((strftime('%Y-%m-%d %H:%M:%f', 'now'))), "updatedAt" datetime NOT NULL DEFAULT ((strftime('%Y-%m-%d %H:%M:%f', 'now'))), CONSTRAINT "CHK_placement_requests_people" CHECK ("adults" >= 1 AND "children" >= 0))`,
    );
    await queryRunner.query(
      `INSERT INTO "placement_requests"("id", "shelterId", "organisationId", "requestedById", "adults", "children", "needs", "language", "caseReference", "status", "holdExpiresAt", "answeredAt", "answeredById", "reason", "closedAt", "createdAt", "updatedAt") SELECT "id", "shelterId", "organisationId", "requestedById", "adults", "children", "needs", "language", "caseReference", "status", "holdExpiresAt", "answeredAt", "answeredById", "reason", "closedAt", "createdAt", "updatedAt" FROM "temporary_placement_requests"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_placement_requests"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_placement_requests_organisation_created" ON "placement_requests" ("organisationId", "createdAt") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_placement_requests_shelter_status" ON "placement_requests" ("shelterId", "status") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_placement_requests_status_hold" ON "placement_requests" ("status", "holdExpiresAt") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_shelters_organisation"`);
    await queryRunner.query(`DROP INDEX "IDX_shelters_area"`);
    await queryRunner.query(`ALTER TABLE "shelters" RENAME TO "temporary_shelters"`);
    await queryRunner.query(
      `CREATE TABLE "shelters" ("id" varchar(36) PRIMARY KEY NOT NULL, "organisationId" varchar(36) NOT NULL, "displayName" varchar(120) NOT NULL, "area" varchar(80) NOT NULL, "targetGroups" text NOT NULL, "features" text NOT NULL, "languages" text NOT NULL, "totalAdultPlaces" integer NOT NULL, "totalChildPlaces" integer NOT NULL, "active" boolean NOT NULL DEFAULT (1), "freeAdultPlaces" integer NOT NULL DEFAULT (0), "freeChildPlaces" integer NOT NULL DEFAULT (0), "heldAdultPlaces" integer NOT NULL DEFAULT (0), "heldChildPlaces" integer NOT NULL DEFAULT (0), "availabilityReportedAt" datetime, "createdById" varchar(36) NOT NULL, "createdAt" datetime NOT NULL DEFAULT ((strftime('%Y-%m-%d %H:%M:%f', 'now'))), "updatedAt" datetime NOT NULL DEFAULT ((strftime('%Y-%m-%d %H:%M:%f', 'now'))), CONSTRAINT "CHK_shelters_held" CHECK ("heldAdultPlaces" >= 0 AND "heldAdultPlaces" <= "freeAdultPlaces" AND "heldChildPlaces" >= 0 AND "heldChildPlaces" <= "freeChildPlaces"), CONSTRAINT "CHK_shelters_free" CHECK ("freeAdultPlaces" >= 0 AND "freeAdultPlaces" <= "totalAdultPlaces" AND "freeChildPlaces" >= 0 AND "freeChildPlaces" <= "totalChildPlaces"), CONSTRAINT "CHK_shelters_places" CHECK ("totalAdultPlaces" >= 1 AND "totalChildPlaces" >= 0))`,
    );
    await queryRunner.query(
      `INSERT INTO "shelters"("id", "organisationId", "displayName", "area", "targetGroups", "features", "languages", "totalAdultPlaces", "totalChildPlaces", "active", "freeAdultPlaces", "freeChildPlaces", "heldAdultPlaces", "heldChildPlaces", "availabilityReportedAt", "createdById", "createdAt", "updatedAt") SELECT "id", "organisationId", "displayName", "area", "targetGroups", "features", "languages", "totalAdultPlaces", "totalChildPlaces", "active", "freeAdultPlaces", "freeChildPlaces", "heldAdultPlaces", "heldChildPlaces", "availabilityReportedAt", "createdById", "createdAt", "updatedAt" FROM "temporary_shelters"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_shelters"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_shelters_organisation" ON "shelters" ("organisationId") `,
    );
    await queryRunner.query(`CREATE INDEX "IDX_shelters_area" ON "shelters" ("area") `);
    await queryRunner.query(`DROP INDEX "UQ_service_usage_reports_service_date"`);
    await queryRunner.query(
      `ALTER TABLE "service_usage_reports" RENAME TO "temporary_service_usage_reports"`,
    );
    await queryRunner.query(
      `CREATE TABLE "service_usage_reports" ("id" varchar(36) PRIMARY KEY NOT NULL, "serviceId" varchar(36) NOT NULL, "date" varchar(10) NOT NULL, "used" integer NOT NULL, "dailyCapacity" integer, "overCapacity" boolean NOT NULL, "reportedById" varchar(36) NOT NULL, "reportedAt" datetime NOT NULL, CONSTRAINT "CHK_service_usage_reports_used" CHECK ("used" >= 0))`,
    );
    await queryRunner.query(
      `INSERT INTO "service_usage_reports"("id", "serviceId", "date", "used", "dailyCapacity", "overCapacity", "reportedById", "reportedAt") SELECT "id", "serviceId", "date", "used", "dailyCapacity", "overCapacity", "reportedById", "reportedAt" FROM "temporary_service_usage_reports"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_service_usage_reports"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_service_usage_reports_service_date" ON "service_usage_reports" ("serviceId", "date") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_support_service_opening_slots_service"`);
    await queryRunner.query(`DROP INDEX "IDX_support_service_opening_slots_when"`);
    await queryRunner.query(
      `ALTER TABLE "support_service_opening_slots" RENAME TO "temporary_support_service_opening_slots"`,
    );
    await queryRunner.query(
      `CREATE TABLE "support_service_opening_slots" ("id" varchar(36) PRIMARY KEY NOT NULL, "serviceId" varchar(36) NOT NULL, "weekday" integer NOT NULL, "startMinute" integer NOT NULL, "endMinute" integer NOT NULL, CONSTRAINT "CHK_support_service_opening_slots_span" CHECK ("weekday" BETWEEN 1 AND 7 AND "startMinute" >= 0 AND "startMinute" < "endMinute" AND "endMinute" <= 1440))`,
    );
    await queryRunner.query(
      `INSERT INTO "support_service_opening_slots"("id", "serviceId", "weekday", "startMinute", "endMinute") SELECT "id", "serviceId", "weekday", "startMinute", "endMinute" FROM "temporary_support_service_opening_slots"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_support_service_opening_slots"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_support_service_opening_slots_service" ON "support_service_opening_slots" ("serviceId") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_support_service_opening_slots_when" ON "support_service_opening_slots" ("weekday", "startMinute", "endMinute") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_support_services_organisation"`);
    await queryRunner.query(`DROP INDEX "IDX_support_services_category_name"`);
    await queryRunner.query(`DROP INDEX "IDX_support_services_district"`);
    await queryRunner.query(
      `ALTER TABLE "support_services" RENAME TO "temporary_support_services"`,
    );
    await queryRunner.query(
      `CREATE TABLE "support_services" ("id" varchar(36) PRIMARY KEY NOT NULL, "organisationId" varchar(36) NOT NULL, "districtId" varchar(36) NOT NULL, "name" varchar(200) NOT NULL, "category" varchar(17) NOT NULL, "description" text NOT NULL DEFAULT (''), "address" varchar(300) NOT NULL, "openingHours" text NOT NULL, "languages" text NOT NULL, "targetGroups" text NOT NULL, "dailyCapacity" integer, "active" boolean NOT NULL DEFAULT (1), "createdById" varchar(36) NOT NULL, "createdAt" datetime NOT NULL DEFAULT ((strftime('%Y-%m-%d %H:%M:%f', 'now'))), "updatedAt" datetime NOT NULL DEFAULT ((strftime('%Y-%m-%d %H:%M:%f', 'now'))), CONSTRAINT "CHK_support_services_capacity" CHECK ("dailyCapacity" IS NULL OR "dailyCapacity" >= 1))`,
    );
    await queryRunner.query(
      `INSERT INTO "support_services"("id", "organisationId", "districtId", "name", "category", "description", "address", "openingHours", "languages", "targetGroups", "dailyCapacity", "active", "createdById", "createdAt", "updatedAt") SELECT "id", "organisationId", "districtId", "name", "category", "description", "address", "openingHours", "languages", "targetGroups", "dailyCapacity", "active", "createdById", "createdAt", "updatedAt" FROM "temporary_support_services"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_support_services"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_support_services_organisation" ON "support_services" ("organisationId") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_support_services_category_name" ON "support_services" ("category", "name") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_support_services_district" ON "support_services" ("districtId") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_shelter_availability_reports_shelter_at"`);
    await queryRunner.query(`DROP TABLE "shelter_availability_reports"`);
    await queryRunner.query(`DROP INDEX "IDX_placement_requests_organisation_created"`);
    await queryRunner.query(`DROP INDEX "IDX_placement_requests_shelter_status"`);
    await queryRunner.query(`DROP INDEX "IDX_placement_requests_status_hold"`);
    await queryRunner.query(`DROP TABLE "placement_requests"`);
    await queryRunner.query(`DROP INDEX "IDX_shelters_organisation"`);
    await queryRunner.query(`DROP INDEX "IDX_shelters_area"`);
    await queryRunner.query(`DROP TABLE "shelters"`);
    await queryRunner.query(`DROP INDEX "UQ_service_usage_reports_service_date"`);
    await queryRunner.query(`DROP TABLE "service_usage_reports"`);
    await queryRunner.query(`DROP INDEX "IDX_support_service_opening_slots_service"`);
    await queryRunner.query(`DROP INDEX "IDX_support_service_opening_slots_when"`);
    await queryRunner.query(`DROP TABLE "support_service_opening_slots"`);
    await queryRunner.query(`DROP INDEX "IDX_support_services_organisation"`);
    await queryRunner.query(`DROP INDEX "IDX_support_services_category_name"`);
    await queryRunner.query(`DROP INDEX "IDX_support_services_district"`);
    await queryRunner.query(`DROP TABLE "support_services"`);
  }
}
