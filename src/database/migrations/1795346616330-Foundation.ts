import { MigrationInterface, QueryRunner } from 'typeorm';

export class Foundation1795346616330 implements MigrationInterface {
  name = 'Foundation1795346616330';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "audit_log" ("id" varchar(36) PRIMARY KEY NOT NULL, "at" datetime NOT NULL, "actorPersonId" varchar(36), "actorApiClientId" varchar(36), "action" varchar(80) NOT NULL, "entityType" varchar(40) NOT NULL, "entityId" varchar(36) NOT NULL, "summary" text NOT NULL)`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_audit_log_at" ON "audit_log" ("at") `);
    await queryRunner.query(
      `CREATE INDEX "IDX_audit_log_entity" ON "audit_log" ("entityType", "entityId") `,
    );
    await queryRunner.query(
      `CREATE TABLE "people" ("id" varchar(36) PRIMARY KEY NOT NULL, "email" varchar(254) NOT NULL, "displayName" varchar(120) NOT NULL, "phone" varchar(40), "passwordHash" varchar(255) NOT NULL, "systemRole" varchar(17), "protectedIdentity" boolean NOT NULL DEFAULT (0), "locale" varchar(16) NOT NULL DEFAULT ('sv'), "createdAt" datetime NOT NULL DEFAULT ((strftime('%Y-%m-%d %H:%M:%f', 'now'))), "updatedAt" datetime NOT NULL DEFAULT ((strftime('%Y-%m-%d %H:%M:%f', 'now'))))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_people_email" ON "people" ("email") `);
    await queryRunner.query(
      `CREATE TABLE "organisations" ("id" varchar(36) PRIMARY KEY NOT NULL, "name" varchar(200) NOT NULL, "organisationNumber" varchar(11) NOT NULL, "kind" varchar(21) NOT NULL, "description" text NOT NULL DEFAULT (''), "publicContact" varchar(300), "status" varchar(16) NOT NULL, "statusReason" text, "verifiedAt" datetime, "createdAt" datetime NOT NULL DEFAULT ((strftime('%Y-%m-%d %H:%M:%f', 'now'))), "updatedAt" datetime NOT NULL DEFAULT ((strftime('%Y-%m-%d %H:%M:%f', 'now'))))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_organisations_status_name" ON "organisations" ("status", "name") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_organisations_number" ON "organisations" ("organisationNumber") `,
    );
    await queryRunner.query(
      `CREATE TABLE "memberships" ("id" varchar(36) PRIMARY KEY NOT NULL, "organisationId" varchar(36) NOT NULL, "personId" varchar(36), "invitedEmail" varchar(254), "role" varchar(16) NOT NULL, "status" varchar(16) NOT NULL, "invitedById" varchar(36), "joinedAt" datetime, "leftAt" datetime, "createdAt" datetime NOT NULL DEFAULT ((strftime('%Y-%m-%d %H:%M:%f', 'now'))), "updatedAt" datetime NOT NULL DEFAULT ((strftime('%Y-%m-%d %H:%M:%f', 'now'))))`,
    );
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
    await queryRunner.query(
      `CREATE TABLE "districts" ("id" varchar(36) PRIMARY KEY NOT NULL, "name" varchar(80) NOT NULL, "municipality" varchar(80) NOT NULL, "createdAt" datetime NOT NULL DEFAULT ((strftime('%Y-%m-%d %H:%M:%f', 'now'))))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_districts_municipality_name" ON "districts" ("municipality", "name") `,
    );
    await queryRunner.query(
      `CREATE TABLE "organisation_districts" ("organisationId" varchar(36) NOT NULL, "districtId" varchar(36) NOT NULL, PRIMARY KEY ("organisationId", "districtId"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_organisation_districts_district" ON "organisation_districts" ("districtId") `,
    );
    await queryRunner.query(
      `CREATE TABLE "api_clients" ("id" varchar(36) PRIMARY KEY NOT NULL, "name" varchar(120) NOT NULL, "ownerOrganisationId" varchar(36), "scopes" text NOT NULL, "keyPrefix" varchar(16) NOT NULL, "keyHash" varchar(64) NOT NULL, "createdById" varchar(36) NOT NULL, "createdAt" datetime NOT NULL DEFAULT ((strftime('%Y-%m-%d %H:%M:%f', 'now'))), "lastUsedAt" datetime, "revokedAt" datetime, "revokedById" varchar(36))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_api_clients_owner" ON "api_clients" ("ownerOrganisationId") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_api_clients_key_prefix" ON "api_clients" ("keyPrefix") `,
    );
    await queryRunner.query(
      `CREATE TABLE "auth_sessions" ("id" varchar(36) PRIMARY KEY NOT NULL, "personId" varchar(36) NOT NULL, "createdAt" datetime NOT NULL, "revokedAt" datetime, "revokedReason" varchar(40))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_auth_sessions_person" ON "auth_sessions" ("personId") `,
    );
    await queryRunner.query(
      `CREATE TABLE "refresh_tokens" ("id" varchar(36) PRIMARY KEY NOT NULL, "sessionId" varchar(36) NOT NULL, "tokenHash" varchar(64) NOT NULL, "issuedAt" datetime NOT NULL, "expiresAt" datetime NOT NULL, "usedAt" datetime)`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_refresh_tokens_session" ON "refresh_tokens" ("sessionId") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_refresh_tokens_hash" ON "refresh_tokens" ("tokenHash") `,
    );
    await queryRunner.query(
      `CREATE TABLE "login_attempts" ("accountKey" varchar(254) PRIMARY KEY NOT NULL, "attempts" integer NOT NULL, "windowStartedAt" datetime NOT NULL)`,
    );
    await queryRunner.query(
      `CREATE TABLE "credentials" ("id" varchar(36) PRIMARY KEY NOT NULL, "personId" varchar(36) NOT NULL, "organisationId" varchar(36) NOT NULL, "kind" varchar(19) NOT NULL, "validUntil" date NOT NULL, "addedById" varchar(36) NOT NULL, "verifiedById" varchar(36), "verifiedAt" datetime, "createdAt" datetime NOT NULL DEFAULT ((strftime('%Y-%m-%d %H:%M:%f', 'now'))))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_credentials_organisation" ON "credentials" ("organisationId") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_credentials_person_kind" ON "credentials" ("personId", "kind") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_memberships_invited_email"`);
    await queryRunner.query(`DROP INDEX "IDX_memberships_person"`);
    await queryRunner.query(`DROP INDEX "UQ_memberships_open_invitation"`);
    await queryRunner.query(`DROP INDEX "UQ_memberships_live_person"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_memberships" ("id" varchar(36) PRIMARY KEY NOT NULL, "organisationId" varchar(36) NOT NULL, "personId" varchar(36), "invitedEmail" varchar(254), "role" varchar(16) NOT NULL, "status" varchar(16) NOT NULL, "invitedById" varchar(36), "joinedAt" datetime, "leftAt" datetime, "createdAt" datetime NOT NULL DEFAULT ((strftime('%Y-%m-%d %H:%M:%f', 'now'))), "updatedAt" datetime NOT NULL DEFAULT ((strftime('%Y-%m-%d %H:%M:%f', 'now'))), CONSTRAINT "FK_10c582b14b2865b7a96c0153560" FOREIGN KEY ("organisationId") REFERENCES "organisations" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_9b5139de55b7990de8ee069b8fc" FOREIGN KEY ("personId") REFERENCES "people" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_memberships"("id", "organisationId", "personId", "invitedEmail", "role", "status", "invitedById", "joinedAt", "leftAt", "createdAt", "updatedAt") SELECT "id", "organisationId", "personId", "invitedEmail", "role", "status", "invitedById", "joinedAt", "leftAt", "createdAt", "updatedAt" FROM "memberships"`,
    );
    await queryRunner.query(`DROP TABLE "memberships"`);
    await queryRunner.query(`ALTER TABLE "temporary_memberships" RENAME TO "memberships"`);
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
    await queryRunner.query(`DROP INDEX "IDX_organisation_districts_district"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_organisation_districts" ("organisationId" varchar(36) NOT NULL, "districtId" varchar(36) NOT NULL, CONSTRAINT "FK_0bd91031576f2de1871055dc3fc" FOREIGN KEY ("organisationId") REFERENCES "organisations" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_75631c66e5790fe22aa3357ed98" FOREIGN KEY ("districtId") REFERENCES "districts" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, PRIMARY KEY ("organisationId", "districtId"))`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_organisation_districts"("organisationId", "districtId") SELECT "organisationId", "districtId" FROM "organisation_districts"`,
    );
    await queryRunner.query(`DROP TABLE "organisation_districts"`);
    await queryRunner.query(
      `ALTER TABLE "temporary_organisation_districts" RENAME TO "organisation_districts"`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_organisation_districts_district" ON "organisation_districts" ("districtId") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_api_clients_owner"`);
    await queryRunner.query(`DROP INDEX "UQ_api_clients_key_prefix"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_api_clients" ("id" varchar(36) PRIMARY KEY NOT NULL, "name" varchar(120) NOT NULL, "ownerOrganisationId" varchar(36), "scopes" text NOT NULL, "keyPrefix" varchar(16) NOT NULL, "keyHash" varchar(64) NOT NULL, "createdById" varchar(36) NOT NULL, "createdAt" datetime NOT NULL DEFAULT ((strftime('%Y-%m-%d %H:%M:%f', 'now'))), "lastUsedAt" datetime, "revokedAt" datetime, "revokedById" varchar(36), CONSTRAINT "FK_33f1c8890ff4436e95c4bf1d174" FOREIGN KEY ("ownerOrganisationId") REFERENCES "organisations" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_api_clients"("id", "name", "ownerOrganisationId", "scopes", "keyPrefix", "keyHash", "createdById", "createdAt", "lastUsedAt", "revokedAt", "revokedById") SELECT "id", "name", "ownerOrganisationId", "scopes", "keyPrefix", "keyHash", "createdById", "createdAt", "lastUsedAt", "revokedAt", "revokedById" FROM "api_clients"`,
    );
    await queryRunner.query(`DROP TABLE "api_clients"`);
    await queryRunner.query(`ALTER TABLE "temporary_api_clients" RENAME TO "api_clients"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_api_clients_owner" ON "api_clients" ("ownerOrganisationId") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_api_clients_key_prefix" ON "api_clients" ("keyPrefix") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_auth_sessions_person"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_auth_sessions" ("id" varchar(36) PRIMARY KEY NOT NULL, "personId" varchar(36) NOT NULL, "createdAt" datetime NOT NULL, "revokedAt" datetime, "revokedReason" varchar(40), CONSTRAINT "FK_067a6016e19c764ec43ea46e098" FOREIGN KEY ("personId") REFERENCES "people" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_auth_sessions"("id", "personId", "createdAt", "revokedAt", "revokedReason") SELECT "id", "personId", "createdAt", "revokedAt", "revokedReason" FROM "auth_sessions"`,
    );
    await queryRunner.query(`DROP TABLE "auth_sessions"`);
    await queryRunner.query(`ALTER TABLE "temporary_auth_sessions" RENAME TO "auth_sessions"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_auth_sessions_person" ON "auth_sessions" ("personId") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_refresh_tokens_session"`);
    await queryRunner.query(`DROP INDEX "UQ_refresh_tokens_hash"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_refresh_tokens" ("id" varchar(36) PRIMARY KEY NOT NULL, "sessionId" varchar(36) NOT NULL, "tokenHash" varchar(64) NOT NULL, "issuedAt" datetime NOT NULL, "expiresAt" datetime NOT NULL, "usedAt" datetime, CONSTRAINT "FK_b25a58a00578bd1b7a01623d2dd" FOREIGN KEY ("sessionId") REFERENCES "auth_sessions" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_refresh_tokens"("id", "sessionId", "tokenHash", "issuedAt", "expiresAt", "usedAt") SELECT "id", "sessionId", "tokenHash", "issuedAt", "expiresAt", "usedAt" FROM "refresh_tokens"`,
    );
    await queryRunner.query(`DROP TABLE "refresh_tokens"`);
    await queryRunner.query(`ALTER TABLE "temporary_refresh_tokens" RENAME TO "refresh_tokens"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_refresh_tokens_session" ON "refresh_tokens" ("sessionId") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_refresh_tokens_hash" ON "refresh_tokens" ("tokenHash") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_credentials_organisation"`);
    await queryRunner.query(`DROP INDEX "IDX_credentials_person_kind"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_credentials" ("id" varchar(36) PRIMARY KEY NOT NULL, "personId" varchar(36) NOT NULL, "organisationId" varchar(36) NOT NULL, "kind" varchar(19) NOT NULL, "validUntil" date NOT NULL, "addedById" varchar(36) NOT NULL, "verifiedById" varchar(36), "verifiedAt" datetime, "createdAt" datetime NOT NULL DEFAULT ((strftime('%Y-%m-%d %H:%M:%f', 'now'))), CONSTRAINT "FK_948c886c64bd24f062c9fac42ec" FOREIGN KEY ("personId") REFERENCES "people" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_7696c5d248ba82bf754a9b5bc79" FOREIGN KEY ("organisationId") REFERENCES "organisations" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_credentials"("id", "personId", "organisationId", "kind", "validUntil", "addedById", "verifiedById", "verifiedAt", "createdAt") SELECT "id", "personId", "organisationId", "kind", "validUntil", "addedById", "verifiedById", "verifiedAt", "createdAt" FROM "credentials"`,
    );
    await queryRunner.query(`DROP TABLE "credentials"`);
    await queryRunner.query(`ALTER TABLE "temporary_credentials" RENAME TO "credentials"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_credentials_organisation" ON "credentials" ("organisationId") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_credentials_person_kind" ON "credentials" ("personId", "kind") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_credentials_person_kind"`);
    await queryRunner.query(`DROP INDEX "IDX_credentials_organisation"`);
    await queryRunner.query(`ALTER TABLE "credentials" RENAME TO "temporary_credentials"`);
    await queryRunner.query(
      `CREATE TABLE "credentials" ("id" varchar(36) PRIMARY KEY NOT NULL, "personId" varchar(36) NOT NULL, "organisationId" varchar(36) NOT NULL, "kind" varchar(19) NOT NULL, "validUntil" date NOT NULL, "addedById" varchar(36) NOT NULL, "verifiedById" varchar(36), "verifiedAt" datetime, "createdAt" datetime NOT NULL DEFAULT ((strftime('%Y-%m-%d %H:%M:%f', 'now'))))`,
    );
    await queryRunner.query(
      `INSERT INTO "credentials"("id", "personId", "organisationId", "kind", "validUntil", "addedById", "verifiedById", "verifiedAt", "createdAt") SELECT "id", "personId", "organisationId", "kind", "validUntil", "addedById", "verifiedById", "verifiedAt", "createdAt" FROM "temporary_credentials"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_credentials"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_credentials_person_kind" ON "credentials" ("personId", "kind") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_credentials_organisation" ON "credentials" ("organisationId") `,
    );
    await queryRunner.query(`DROP INDEX "UQ_refresh_tokens_hash"`);
    await queryRunner.query(`DROP INDEX "IDX_refresh_tokens_session"`);
    await queryRunner.query(`ALTER TABLE "refresh_tokens" RENAME TO "temporary_refresh_tokens"`);
    await queryRunner.query(
      `CREATE TABLE "refresh_tokens" ("id" varchar(36) PRIMARY KEY NOT NULL, "sessionId" varchar(36) NOT NULL, "tokenHash" varchar(64) NOT NULL, "issuedAt" datetime NOT NULL, "expiresAt" datetime NOT NULL, "usedAt" datetime)`,
    );
    await queryRunner.query(
      `INSERT INTO "refresh_tokens"("id", "sessionId", "tokenHash", "issuedAt", "expiresAt", "usedAt") SELECT "id", "sessionId", "tokenHash", "issuedAt", "expiresAt", "usedAt" FROM "temporary_refresh_tokens"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_refresh_tokens"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_refresh_tokens_hash" ON "refresh_tokens" ("tokenHash") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_refresh_tokens_session" ON "refresh_tokens" ("sessionId") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_auth_sessions_person"`);
    await queryRunner.query(`ALTER TABLE "auth_sessions" RENAME TO "temporary_auth_sessions"`);
    await queryRunner.query(
      `CREATE TABLE "auth_sessions" ("id" varchar(36) PRIMARY KEY NOT NULL, "personId" varchar(36) NOT NULL, "createdAt" datetime NOT NULL, "revokedAt" datetime, "revokedReason" varchar(40))`,
    );
    await queryRunner.query(
      `INSERT INTO "auth_sessions"("id", "personId", "createdAt", "revokedAt", "revokedReason") SELECT "id", "personId", "createdAt", "revokedAt", "revokedReason" FROM "temporary_auth_sessions"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_auth_sessions"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_auth_sessions_person" ON "auth_sessions" ("personId") `,
    );
    await queryRunner.query(`DROP INDEX "UQ_api_clients_key_prefix"`);
    await queryRunner.query(`DROP INDEX "IDX_api_clients_owner"`);
    await queryRunner.query(`ALTER TABLE "api_clients" RENAME TO "temporary_api_clients"`);
    await queryRunner.query(
      `CREATE TABLE "api_clients" ("id" varchar(36) PRIMARY KEY NOT NULL, "name" varchar(120) NOT NULL, "ownerOrganisationId" varchar(36), "scopes" text NOT NULL, "keyPrefix" varchar(16) NOT NULL, "keyHash" varchar(64) NOT NULL, "createdById" varchar(36) NOT NULL, "createdAt" datetime NOT NULL DEFAULT ((strftime('%Y-%m-%d %H:%M:%f', 'now'))), "lastUsedAt" datetime, "revokedAt" datetime, "revokedById" varchar(36))`,
    );
    await queryRunner.query(
      `INSERT INTO "api_clients"("id", "name", "ownerOrganisationId", "scopes", "keyPrefix", "keyHash", "createdById", "createdAt", "lastUsedAt", "revokedAt", "revokedById") SELECT "id", "name", "ownerOrganisationId", "scopes", "keyPrefix", "keyHash", "createdById", "createdAt", "lastUsedAt", "revokedAt", "revokedById" FROM "temporary_api_clients"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_api_clients"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_api_clients_key_prefix" ON "api_clients" ("keyPrefix") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_api_clients_owner" ON "api_clients" ("ownerOrganisationId") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_organisation_districts_district"`);
    await queryRunner.query(
      `ALTER TABLE "organisation_districts" RENAME TO "temporary_organisation_districts"`,
    );
    await queryRunner.query(
      `CREATE TABLE "organisation_districts" ("organisationId" varchar(36) NOT NULL, "districtId" varchar(36) NOT NULL, PRIMARY KEY ("organisationId", "districtId"))`,
    );
    await queryRunner.query(
      `INSERT INTO "organisation_districts"("organisationId", "districtId") SELECT "organisationId", "districtId" FROM "temporary_organisation_districts"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_organisation_districts"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_organisation_districts_district" ON "organisation_districts" ("districtId") `,
    );
    await queryRunner.query(`DROP INDEX "UQ_memberships_live_person"`);
    await queryRunner.query(`DROP INDEX "UQ_memberships_open_invitation"`);
    await queryRunner.query(`DROP INDEX "IDX_memberships_person"`);
    await queryRunner.query(`DROP INDEX "IDX_memberships_invited_email"`);
    await queryRunner.query(`ALTER TABLE "memberships" RENAME TO "temporary_memberships"`);
    await queryRunner.query(
      `CREATE TABLE "memberships" ("id" varchar(36) PRIMARY KEY NOT NULL, "organisationId" varchar(36) NOT NULL, "personId" varchar(36), "invitedEmail" varchar(254), "role" varchar(16) NOT NULL, "status" varchar(16) NOT NULL, "invitedById" varchar(36), "joinedAt" datetime, "leftAt" datetime, "createdAt" datetime NOT NULL DEFAULT ((strftime('%Y-%m-%d %H:%M:%f', 'now'))), "updatedAt" datetime NOT NULL DEFAULT ((strftime('%Y-%m-%d %H:%M:%f', 'now'))))`,
    );
    await queryRunner.query(
      `INSERT INTO "memberships"("id", "organisationId", "personId", "invitedEmail", "role", "status", "invitedById", "joinedAt", "leftAt", "createdAt", "updatedAt") SELECT "id", "organisationId", "personId", "invitedEmail", "role", "status", "invitedById", "joinedAt", "leftAt", "createdAt", "updatedAt" FROM "temporary_memberships"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_memberships"`);
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
    await queryRunner.query(`DROP INDEX "IDX_credentials_person_kind"`);
    await queryRunner.query(`DROP INDEX "IDX_credentials_organisation"`);
    await queryRunner.query(`DROP TABLE "credentials"`);
    await queryRunner.query(`DROP TABLE "login_attempts"`);
    await queryRunner.query(`DROP INDEX "UQ_refresh_tokens_hash"`);
    await queryRunner.query(`DROP INDEX "IDX_refresh_tokens_session"`);
    await queryRunner.query(`DROP TABLE "refresh_tokens"`);
    await queryRunner.query(`DROP INDEX "IDX_auth_sessions_person"`);
    await queryRunner.query(`DROP TABLE "auth_sessions"`);
    await queryRunner.query(`DROP INDEX "UQ_api_clients_key_prefix"`);
    await queryRunner.query(`DROP INDEX "IDX_api_clients_owner"`);
    await queryRunner.query(`DROP TABLE "api_clients"`);
    await queryRunner.query(`DROP INDEX "IDX_organisation_districts_district"`);
    await queryRunner.query(`DROP TABLE "organisation_districts"`);
    await queryRunner.query(`DROP INDEX "UQ_districts_municipality_name"`);
    await queryRunner.query(`DROP TABLE "districts"`);
    await queryRunner.query(`DROP INDEX "UQ_memberships_live_person"`);
    await queryRunner.query(`DROP INDEX "UQ_memberships_open_invitation"`);
    await queryRunner.query(`DROP INDEX "IDX_memberships_person"`);
    await queryRunner.query(`DROP INDEX "IDX_memberships_invited_email"`);
    await queryRunner.query(`DROP TABLE "memberships"`);
    await queryRunner.query(`DROP INDEX "UQ_organisations_number"`);
    await queryRunner.query(`DROP INDEX "IDX_organisations_status_name"`);
    await queryRunner.query(`DROP TABLE "organisations"`);
    await queryRunner.query(`DROP INDEX "UQ_people_email"`);
    await queryRunner.query(`DROP TABLE "people"`);
    await queryRunner.query(`DROP INDEX "IDX_audit_log_entity"`);
    await queryRunner.query(`DROP INDEX "IDX_audit_log_at"`);
    await queryRunner.query(`DROP TABLE "audit_log"`);
  }
}
