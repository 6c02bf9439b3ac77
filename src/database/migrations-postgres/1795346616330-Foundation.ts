import { MigrationInterface, QueryRunner } from 'typeorm';

export class Foundation1795346616330 implements MigrationInterface {
  name = 'Foundation1795346616330';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "audit_log" ("id" uuid NOT NULL, "at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "actorPersonId" uuid, "actorApiClientId" uuid, "action" character varying(80) NOT NULL, "entityType" character varying(40) NOT NULL, "entityId" uuid NOT NULL, "summary" text NOT NULL, CONSTRAINT "PK_07fefa57f7f5ab8fc3f52b3ed0b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_audit_log_at" ON "audit_log"  ("at") `);
    await queryRunner.query(
      `CREATE INDEX "IDX_audit_log_entity" ON "audit_log"  ("entityType", "entityId") `,
    );
    await queryRunner.query(
      `CREATE TABLE "people" ("id" uuid NOT NULL, "email" character varying(254) NOT NULL, "displayName" character varying(120) NOT NULL, "phone" character varying(40), "passwordHash" character varying(255) NOT NULL, "systemRole" character varying(17), "protectedIdentity" boolean NOT NULL DEFAULT false, "locale" character varying(16) NOT NULL DEFAULT 'sv', "createdAt" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updatedAt" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_aa866e71353ee94c6cc51059c5b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_people_email" ON "people"  ("email") `);
    await queryRunner.query(
      `CREATE TABLE "organisations" ("id" uuid NOT NULL, "name" character varying(200) NOT NULL, "organisationNumber" character varying(11) NOT NULL, "kind" character varying(21) NOT NULL, "description" text NOT NULL DEFAULT '', "publicContact" character varying(300), "status" character varying(16) NOT NULL, "statusReason" text, "verifiedAt" TIMESTAMP(3) WITH TIME ZONE, "createdAt" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updatedAt" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_7bf54cba378d5b2f1d4c10ef4df" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_organisations_status_name" ON "organisations"  ("status", "name") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_organisations_number" ON "organisations"  ("organisationNumber") `,
    );
    await queryRunner.query(
      `CREATE TABLE "memberships" ("id" uuid NOT NULL, "organisationId" uuid NOT NULL, "personId" uuid, "invitedEmail" character varying(254), "role" character varying(16) NOT NULL, "status" character varying(16) NOT NULL, "invitedById" uuid, "joinedAt" TIMESTAMP(3) WITH TIME ZONE, "leftAt" TIMESTAMP(3) WITH TIME ZONE, "createdAt" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updatedAt" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_25d28bd932097a9e90495ede7b4" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_memberships_invited_email" ON "memberships"  ("invitedEmail") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_memberships_person" ON "memberships"  ("personId") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_memberships_open_invitation" ON "memberships"  ("organisationId", "invitedEmail") WHERE "status" = 'INVITED'`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_memberships_live_person" ON "memberships"  ("organisationId", "personId") WHERE "status" IN ('INVITED', 'ACTIVE') AND "personId" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "districts" ("id" uuid NOT NULL, "name" character varying(80) NOT NULL, "municipality" character varying(80) NOT NULL, "createdAt" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_972a72ff4e3bea5c7f43a2b98af" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_districts_municipality_name" ON "districts"  ("municipality", "name") `,
    );
    await queryRunner.query(
      `CREATE TABLE "organisation_districts" ("organisationId" uuid NOT NULL, "districtId" uuid NOT NULL, CONSTRAINT "PK_f2ab90223892ac1212cdade170d" PRIMARY KEY ("organisationId", "districtId"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_organisation_districts_district" ON "organisation_districts"  ("districtId") `,
    );
    await queryRunner.query(
      `CREATE TABLE "api_clients" ("id" uuid NOT NULL, "name" character varying(120) NOT NULL, "ownerOrganisationId" uuid, "scopes" text NOT NULL, "keyPrefix" character varying(16) NOT NULL, "keyHash" character varying(64) NOT NULL, "createdById" uuid NOT NULL, "createdAt" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "lastUsedAt" TIMESTAMP(3) WITH TIME ZONE, "revokedAt" TIMESTAMP(3) WITH TIME ZONE, "revokedById" uuid, CONSTRAINT "PK_ef2d5ef0eb5e9a6ddc67cfa310e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_api_clients_owner" ON "api_clients"  ("ownerOrganisationId") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_api_clients_key_prefix" ON "api_clients"  ("keyPrefix") `,
    );
    await queryRunner.query(
      `CREATE TABLE "auth_sessions" ("id" uuid NOT NULL, "personId" uuid NOT NULL, "createdAt" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "revokedAt" TIMESTAMP(3) WITH TIME ZONE, "revokedReason" character varying(40), CONSTRAINT "PK_641507381f32580e8479efc36cd" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_auth_sessions_person" ON "auth_sessions"  ("personId") `,
    );
    await queryRunner.query(
      `CREATE TABLE "refresh_tokens" ("id" uuid NOT NULL, "sessionId" uuid NOT NULL, "tokenHash" character varying(64) NOT NULL, "issuedAt" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "expiresAt" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "usedAt" TIMESTAMP(3) WITH TIME ZONE, CONSTRAINT "PK_7d8bee0204106019488c4c50ffa" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_refresh_tokens_session" ON "refresh_tokens"  ("sessionId") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_refresh_tokens_hash" ON "refresh_tokens"  ("tokenHash") `,
    );
    await queryRunner.query(
      `CREATE TABLE "login_attempts" ("accountKey" character varying(254) NOT NULL, "attempts" integer NOT NULL, "windowStartedAt" TIMESTAMP(3) WITH TIME ZONE NOT NULL, CONSTRAINT "PK_2b0c1a5ece0fd3a8ebebc1fc76d" PRIMARY KEY ("accountKey"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "credentials" ("id" uuid NOT NULL, "personId" uuid NOT NULL, "organisationId" uuid NOT NULL, "kind" character varying(19) NOT NULL, "validUntil" date NOT NULL, "addedById" uuid NOT NULL, "verifiedById" uuid, "verifiedAt" TIMESTAMP(3) WITH TIME ZONE, "createdAt" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_1e38bc43be6697cdda548ad27a6" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_credentials_organisation" ON "credentials"  ("organisationId") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_credentials_person_kind" ON "credentials"  ("personId", "kind") `,
    );
    await queryRunner.query(
      `ALTER TABLE "memberships" ADD CONSTRAINT "FK_10c582b14b2865b7a96c0153560" FOREIGN KEY ("organisationId") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "memberships" ADD CONSTRAINT "FK_9b5139de55b7990de8ee069b8fc" FOREIGN KEY ("personId") REFERENCES "people"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "organisation_districts" ADD CONSTRAINT "FK_0bd91031576f2de1871055dc3fc" FOREIGN KEY ("organisationId") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "organisation_districts" ADD CONSTRAINT "FK_75631c66e5790fe22aa3357ed98" FOREIGN KEY ("districtId") REFERENCES "districts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "api_clients" ADD CONSTRAINT "FK_33f1c8890ff4436e95c4bf1d174" FOREIGN KEY ("ownerOrganisationId") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "auth_sessions" ADD CONSTRAINT "FK_067a6016e19c764ec43ea46e098" FOREIGN KEY ("personId") REFERENCES "people"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "refresh_tokens" ADD CONSTRAINT "FK_b25a58a00578bd1b7a01623d2dd" FOREIGN KEY ("sessionId") REFERENCES "auth_sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "credentials" ADD CONSTRAINT "FK_948c886c64bd24f062c9fac42ec" FOREIGN KEY ("personId") REFERENCES "people"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "credentials" ADD CONSTRAINT "FK_7696c5d248ba82bf754a9b5bc79" FOREIGN KEY ("organisationId") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "credentials" DROP CONSTRAINT "FK_7696c5d248ba82bf754a9b5bc79"`,
    );
    await queryRunner.query(
      `ALTER TABLE "credentials" DROP CONSTRAINT "FK_948c886c64bd24f062c9fac42ec"`,
    );
    await queryRunner.query(
      `ALTER TABLE "refresh_tokens" DROP CONSTRAINT "FK_b25a58a00578bd1b7a01623d2dd"`,
    );
    await queryRunner.query(
      `ALTER TABLE "auth_sessions" DROP CONSTRAINT "FK_067a6016e19c764ec43ea46e098"`,
    );
    await queryRunner.query(
      `ALTER TABLE "api_clients" DROP CONSTRAINT "FK_33f1c8890ff4436e95c4bf1d174"`,
    );
    await queryRunner.query(
      `ALTER TABLE "organisation_districts" DROP CONSTRAINT "FK_75631c66e5790fe22aa3357ed98"`,
    );
    await queryRunner.query(
      `ALTER TABLE "organisation_districts" DROP CONSTRAINT "FK_0bd91031576f2de1871055dc3fc"`,
    );
    await queryRunner.query(
      `ALTER TABLE "memberships" DROP CONSTRAINT "FK_9b5139de55b7990de8ee069b8fc"`,
    );
    await queryRunner.query(
      `ALTER TABLE "memberships" DROP CONSTRAINT "FK_10c582b14b2865b7a96c0153560"`,
    );
    await queryRunner.query(`DROP INDEX "public"."IDX_credentials_person_kind"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_credentials_organisation"`);
    await queryRunner.query(`DROP TABLE "credentials"`);
    await queryRunner.query(`DROP TABLE "login_attempts"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_refresh_tokens_hash"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_refresh_tokens_session"`);
    await queryRunner.query(`DROP TABLE "refresh_tokens"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_auth_sessions_person"`);
    await queryRunner.query(`DROP TABLE "auth_sessions"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_api_clients_key_prefix"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_api_clients_owner"`);
    await queryRunner.query(`DROP TABLE "api_clients"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_organisation_districts_district"`);
    await queryRunner.query(`DROP TABLE "organisation_districts"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_districts_municipality_name"`);
    await queryRunner.query(`DROP TABLE "districts"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_memberships_live_person"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_memberships_open_invitation"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_memberships_person"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_memberships_invited_email"`);
    await queryRunner.query(`DROP TABLE "memberships"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_organisations_number"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_organisations_status_name"`);
    await queryRunner.query(`DROP TABLE "organisations"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_people_email"`);
    await queryRunner.query(`DROP TABLE "people"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_audit_log_entity"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_audit_log_at"`);
    await queryRunner.query(`DROP TABLE "audit_log"`);
  }
}
