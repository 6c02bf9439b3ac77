import { MigrationInterface, QueryRunner } from 'typeorm';

export class EmailVerification1796235194901 implements MigrationInterface {
  name = 'EmailVerification1796235194901';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "email_verifications" ("id" uuid NOT NULL, "personId" uuid NOT NULL, "email" character varying(254) NOT NULL, "tokenHash" character varying(64) NOT NULL, "expiresAt" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "usedAt" TIMESTAMP(3) WITH TIME ZONE, "createdAt" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_c1ea2921e767f83cd44c0af203f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_email_verifications_person" ON "email_verifications"  ("personId") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_email_verifications_hash" ON "email_verifications"  ("tokenHash") `,
    );
    await queryRunner.query(
      `ALTER TABLE "people" ADD "emailVerifiedAt" TIMESTAMP(3) WITH TIME ZONE`,
    );
    await queryRunner.query(
      `ALTER TABLE "memberships" ADD "invitationTokenHash" character varying(64)`,
    );
    await queryRunner.query(
      `ALTER TABLE "memberships" ADD "invitationExpiresAt" TIMESTAMP(3) WITH TIME ZONE`,
    );
    await queryRunner.query(
      `ALTER TABLE "mail_outbox" DROP CONSTRAINT "FK_5b28cba875bfdbd4b8ee46b1a9c"`,
    );
    await queryRunner.query(
      `ALTER TABLE "mail_outbox" ALTER COLUMN "recipientPersonId" DROP NOT NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "mail_outbox" ADD CONSTRAINT "FK_5b28cba875bfdbd4b8ee46b1a9c" FOREIGN KEY ("recipientPersonId") REFERENCES "people"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "email_verifications" ADD CONSTRAINT "FK_51e53ca91f2c088381961adec75" FOREIGN KEY ("personId") REFERENCES "people"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
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
    await queryRunner.query(
      `ALTER TABLE "email_verifications" DROP CONSTRAINT "FK_51e53ca91f2c088381961adec75"`,
    );
    await queryRunner.query(
      `ALTER TABLE "mail_outbox" DROP CONSTRAINT "FK_5b28cba875bfdbd4b8ee46b1a9c"`,
    );
    await queryRunner.query(
      `ALTER TABLE "mail_outbox" ALTER COLUMN "recipientPersonId" SET NOT NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "mail_outbox" ADD CONSTRAINT "FK_5b28cba875bfdbd4b8ee46b1a9c" FOREIGN KEY ("recipientPersonId") REFERENCES "people"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`ALTER TABLE "memberships" DROP COLUMN "invitationExpiresAt"`);
    await queryRunner.query(`ALTER TABLE "memberships" DROP COLUMN "invitationTokenHash"`);
    await queryRunner.query(`ALTER TABLE "people" DROP COLUMN "emailVerifiedAt"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_email_verifications_hash"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_email_verifications_person"`);
    await queryRunner.query(`DROP TABLE "email_verifications"`);
  }
}
